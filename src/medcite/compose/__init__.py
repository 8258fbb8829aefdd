"""Compose cited answers from retrieved evidence (offline, extractive by default)."""
