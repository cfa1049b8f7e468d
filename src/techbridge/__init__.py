"""TechBridge: the working platform of an international technology-transfer centre."""

__version__ = "0.1.0"
