"""techbridge.core.decision"""
