"""Compose stage: write."""
