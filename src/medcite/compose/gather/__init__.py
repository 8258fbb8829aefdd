"""Compose stage: gather."""
