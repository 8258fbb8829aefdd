"""The package version, importable by any stage without importing the package's front door."""

__version__ = "0.1.0"
