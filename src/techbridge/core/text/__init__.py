"""techbridge.core.text"""
