"""Compose stage: understand."""
