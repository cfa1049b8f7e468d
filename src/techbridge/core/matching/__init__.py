"""techbridge.core.matching"""
