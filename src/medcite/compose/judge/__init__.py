"""Compose stage: judge."""
