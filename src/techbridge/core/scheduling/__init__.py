"""techbridge.core.scheduling"""
