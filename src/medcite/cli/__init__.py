"""Command line: a thin layer over the library (medcite.api, medcite.evaluate)."""

from medcite.cli.main import app

__all__ = ["app"]
