"""Demo data for TechBridge: a seeded, deterministic generator of fictional organisations, people and profiles.

Everything produced here is DEMO DATA (every record carries ``demo=True``); names, websites (``.example``),
e-mail addresses and patent numbers are invented. Use :func:`techbridge.demo.generator.generate`.
"""
