"""techbridge.core.indicators"""
