"""Checks that an Answer is grounded: citations resolve and claims are exact source spans."""

from medcite.verify.integrity import IntegrityReport, check_answer

__all__ = ["IntegrityReport", "check_answer"]
