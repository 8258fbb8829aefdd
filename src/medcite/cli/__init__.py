"""Command line: a thin layer over the library (medcite.api, medcite.evaluate)."""

from medcite.cli import web as _web  # noqa: F401  (registers `serve` and `user`)
from medcite.cli.main import app

__all__ = ["app"]
