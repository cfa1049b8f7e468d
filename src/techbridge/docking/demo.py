"""Demo glossary: a few real technical terms that brokers of a Ningbo-CEE centre would curate (marked demo)."""

from __future__ import annotations

DEMO_GLOSSARY = (
    ("zh", "储能", "energy storage"),
    ("zh", "氢燃料电池", "hydrogen fuel cell"),
    ("zh", "光伏", "photovoltaic"),
    ("zh", "智能制造", "smart manufacturing"),
    ("zh", "新材料", "advanced materials"),
    # compounds CC-CEDICT lacks: split into characters, 储罐 would read "store, jar, pot" and miss "storage tank"
    ("zh", "储罐", "storage tank"),
    ("zh", "液氢", "liquid hydrogen"),
    ("zh", "储运", "storage and transport"),
    ("zh", "电解槽", "electrolyser"),
    ("pl", "ogniwo paliwowe", "fuel cell"),
    ("pl", "magazynowanie energii", "energy storage"),
    ("pl", "fotowoltaika", "photovoltaics"),
    ("cs", "palivový článek", "fuel cell"),
    ("hu", "üzemanyagcella", "fuel cell"),
    ("hu", "napelem", "solar panel"),
    ("en", "PV", "photovoltaic"),
)


def glossary_demo_load() -> int:
    """Create the demo glossary terms that are missing (idempotent); the demo builds its indexes afterwards."""
    from techbridge.docking.models import GlossaryEntry

    created = 0
    for language, term, english in DEMO_GLOSSARY:
        _entry, new = GlossaryEntry.objects.get_or_create(
            language=language, term=term, defaults={"english": english, "note": "demo"}
        )
        created += new
    return created
