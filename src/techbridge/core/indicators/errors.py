"""Errors of the composite-indicator engine: each message names the offending element."""

from __future__ import annotations


class IndicatorError(ValueError):
    """Base class: a bad framework, method choice or dataset."""


class FrameworkError(IndicatorError):
    """The framework is inconsistent (cycle, unknown parent, zero total weight, duplicate code ...)."""


class MethodError(IndicatorError):
    """A method choice is unknown or has bad parameters."""


class DataError(IndicatorError):
    """The data cannot be processed as asked (missing column, negative value under a geometric mean ...)."""
