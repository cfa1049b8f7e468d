"""Reference data of the directory and the marketplace, read from the YAML files shipped with the package.

Pure Python (no Django): `load_*` read the packaged files, `parse_*` validate already-parsed YAML. Every
validation error is a ValueError naming the offending element (code, key or tie).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DIRECTORY_DATA = Path(__file__).resolve().parent / "data"
MARKETPLACE_DATA = Path(__file__).resolve().parent.parent / "marketplace" / "data"

COUNTRY_GROUPS = ("china", "cee", "other")
TIE_KINDS = ("sister", "friendship")
TAXONOMY_SCHEMES = ("technology", "market")
REQUIRED_LABELS = ("en", "zh", "pl", "cs", "hu")
VOCABULARIES = (
    "profile_kinds",
    "profile_statuses",
    "ipr_statuses",
    "partnership_types",
    "organisation_kinds",
    "organisation_sizes",
    "trl_levels",
    "person_kinds",
    "availabilities",
)


@dataclass(frozen=True)
class Holiday:
    month: int
    day: int
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class MovableHoliday:
    name_en: str
    name_zh: str
    rule: str


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_zh: str
    name_local: str
    group: str
    capital: str
    official_languages: list[str]
    time_zone: str
    currency: str
    public_holidays: list[Holiday]
    movable_holidays: list[MovableHoliday]
    business_culture_en: str
    business_culture_zh: str
    policy_notes_en: str
    policy_notes_zh: str
    lat: float
    lon: float


@dataclass(frozen=True)
class City:
    key: str
    name_en: str
    name_zh: str
    name_local: str
    country: str
    lat: float
    lon: float
    population: int | None


@dataclass(frozen=True)
class CityTie:
    city_a: str
    city_b: str
    kind: str
    since: int | None
    demo: bool = False


@dataclass(frozen=True)
class TaxonomyTerm:
    code: str
    parent: str | None
    scheme: str
    labels: dict[str, str]
    synonyms: dict[str, list[str]] = field(default_factory=dict)

    @property
    def label_en(self) -> str:
        return self.labels["en"]

    @property
    def label_zh(self) -> str:
        return self.labels["zh"]


@dataclass(frozen=True)
class VocabularyEntry:
    code: str
    en: str
    zh: str
    extra: dict[str, Any] = field(default_factory=dict)


def _read(path: Path) -> Any:
    # libyaml's safe loader is about ten times faster than the pure-Python one; both are safe.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)  # noqa: S506


def _require(item: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in item or item[key] in (None, "")]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")


def _check_coordinates(lat: Any, lon: Any, where: str) -> None:
    if not (isinstance(lat, int | float) and isinstance(lon, int | float)):
        raise ValueError(f"{where}: lat/lon must be numbers")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{where}: lat/lon out of range ({lat}, {lon})")


def _holiday(raw: dict[str, Any], where: str) -> Holiday:
    _require(raw, ("month", "day", "name_en", "name_zh"), where)
    month, day = int(raw["month"]), int(raw["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"{where}: invalid date {month}-{day}")
    return Holiday(month, day, str(raw["name_en"]), str(raw["name_zh"]))


def parse_countries(data: dict[str, Any]) -> list[Country]:
    """Countries from parsed YAML; rejects duplicate or malformed codes and unknown groups."""
    countries: list[Country] = []
    seen: set[str] = set()
    keys = ("code", "name_en", "name_zh", "group", "capital", "time_zone", "currency", "lat", "lon")
    for raw in data.get("countries") or []:
        code = raw.get("code", "?")
        where = f"country {code}"
        _require(raw, keys, where)
        if not (isinstance(code, str) and len(code) == 2 and code.isupper()):
            raise ValueError(f"{where}: code must be ISO 3166 alpha-2")
        if code in seen:
            raise ValueError(f"{where}: duplicate code")
        if raw["group"] not in COUNTRY_GROUPS:
            raise ValueError(f"{where}: unknown group {raw['group']!r}")
        if len(raw["currency"]) != 3:
            raise ValueError(f"{where}: currency must be ISO 4217")
        _check_coordinates(raw["lat"], raw["lon"], where)
        seen.add(code)
        holidays = [_holiday(h, f"{where} holiday") for h in raw.get("public_holidays") or []]
        movable = [
            MovableHoliday(str(m["name_en"]), str(m["name_zh"]), str(m.get("rule", "")))
            for m in raw.get("movable_holidays") or []
        ]
        countries.append(
            Country(
                code=code,
                name_en=raw["name_en"],
                name_zh=raw["name_zh"],
                name_local=raw.get("name_local") or raw["name_en"],
                group=raw["group"],
                capital=raw["capital"],
                official_languages=list(raw.get("official_languages") or []),
                time_zone=raw["time_zone"],
                currency=raw["currency"],
                public_holidays=holidays,
                movable_holidays=movable,
                business_culture_en=raw.get("business_culture_en", ""),
                business_culture_zh=raw.get("business_culture_zh", ""),
                policy_notes_en=raw.get("policy_notes_en", ""),
                policy_notes_zh=raw.get("policy_notes_zh", ""),
                lat=float(raw["lat"]),
                lon=float(raw["lon"]),
            )
        )
    return countries


def parse_cities(data: dict[str, Any], country_codes: set[str]) -> list[City]:
    """Cities from parsed YAML; rejects duplicate keys and cities in unknown countries."""
    cities: list[City] = []
    seen: set[str] = set()
    for raw in data.get("cities") or []:
        key = raw.get("key", "?")
        where = f"city {key}"
        _require(raw, ("key", "name_en", "country", "lat", "lon"), where)
        if key in seen:
            raise ValueError(f"{where}: duplicate key")
        if raw["country"] not in country_codes:
            raise ValueError(f"{where}: unknown country {raw['country']!r}")
        _check_coordinates(raw["lat"], raw["lon"], where)
        seen.add(key)
        population = raw.get("population")
        cities.append(
            City(
                key=key,
                name_en=raw["name_en"],
                name_zh=raw.get("name_zh", ""),
                name_local=raw.get("name_local", ""),
                country=raw["country"],
                lat=float(raw["lat"]),
                lon=float(raw["lon"]),
                population=int(population) if population is not None else None,
            )
        )
    return cities


def parse_city_ties(data: dict[str, Any], city_keys: set[str]) -> list[CityTie]:
    """City ties from parsed YAML; rejects ties to unknown cities, unknown kinds and duplicate pairs."""
    ties: list[CityTie] = []
    pairs: set[frozenset[str]] = set()
    for raw in data.get("city_ties") or []:
        where = f"city tie {raw.get('city_a')}-{raw.get('city_b')}"
        _require(raw, ("city_a", "city_b", "kind"), where)
        for end in ("city_a", "city_b"):
            if raw[end] not in city_keys:
                raise ValueError(f"{where}: unknown city {raw[end]!r}")
        pair = frozenset((raw["city_a"], raw["city_b"]))
        if len(pair) == 1 or pair in pairs:
            raise ValueError(f"{where}: self-tie or duplicate pair")
        if raw["kind"] not in TIE_KINDS:
            raise ValueError(f"{where}: unknown kind {raw['kind']!r}")
        since = raw.get("since")
        if since is not None and not 1900 <= int(since) <= 2100:
            raise ValueError(f"{where}: implausible year {since}")
        pairs.add(pair)
        ties.append(CityTie(raw["city_a"], raw["city_b"], raw["kind"], since, bool(raw.get("demo", False))))
    return ties


def parse_taxonomy(data: dict[str, Any]) -> list[TaxonomyTerm]:
    """Taxonomy terms in file order; rejects duplicate codes, unknown parents/schemes and missing labels."""
    raws = data.get("terms") or []
    codes: dict[str, dict[str, Any]] = {}
    for raw in raws:
        code = raw.get("code", "?")
        where = f"taxonomy term {code}"
        _require(raw, ("code", "scheme", "labels"), where)
        if code in codes:
            raise ValueError(f"{where}: duplicate code")
        if raw["scheme"] not in TAXONOMY_SCHEMES:
            raise ValueError(f"{where}: unknown scheme {raw['scheme']!r}")
        labels = raw["labels"]
        missing = [lang for lang in REQUIRED_LABELS if not isinstance(labels.get(lang), str)]
        if missing:
            raise ValueError(f"{where}: missing label(s) {', '.join(missing)}")
        codes[code] = raw
    terms = []
    for code, raw in codes.items():
        parent = raw.get("parent")
        if parent is not None:
            if parent not in codes:
                raise ValueError(f"taxonomy term {code}: unknown parent {parent!r}")
            if codes[parent]["scheme"] != raw["scheme"]:
                raise ValueError(f"taxonomy term {code}: parent {parent!r} is in another scheme")
        synonyms = {lang: list(words) for lang, words in (raw.get("synonyms") or {}).items()}
        terms.append(TaxonomyTerm(code, parent, raw["scheme"], dict(raw["labels"]), synonyms))
    return terms


def parse_vocabularies(data: dict[str, Any]) -> dict[str, list[VocabularyEntry]]:
    """Each vocabulary (profile kinds, IPR statuses, ...) as entries; rejects missing lists and duplicates."""
    result: dict[str, list[VocabularyEntry]] = {}
    for name in VOCABULARIES:
        if name not in data:
            raise ValueError(f"vocabulary {name}: missing")
        entries: list[VocabularyEntry] = []
        seen: set[Any] = set()
        for raw in data[name]:
            where = f"vocabulary {name} entry {raw.get('code', '?')}"
            _require(raw, ("code", "en", "zh"), where)
            if raw["code"] in seen:
                raise ValueError(f"{where}: duplicate code")
            seen.add(raw["code"])
            extra = {k: v for k, v in raw.items() if k not in ("code", "en", "zh")}
            entries.append(VocabularyEntry(raw["code"], raw["en"], raw["zh"], extra))
        result[name] = entries
    return result


def load_countries(path: Path | None = None) -> list[Country]:
    return parse_countries(_read(path or DIRECTORY_DATA / "countries.yaml"))


def load_cities(path: Path | None = None, countries: list[Country] | None = None) -> list[City]:
    codes = {c.code for c in (countries if countries is not None else load_countries())}
    return parse_cities(_read(path or DIRECTORY_DATA / "cities.yaml"), codes)


def load_city_ties(path: Path | None = None, cities: list[City] | None = None) -> list[CityTie]:
    path = path or DIRECTORY_DATA / "cities.yaml"
    keys = {c.key for c in (cities if cities is not None else load_cities(path))}
    return parse_city_ties(_read(path), keys)


def load_taxonomy(path: Path | None = None) -> list[TaxonomyTerm]:
    return parse_taxonomy(_read(path or MARKETPLACE_DATA / "taxonomy.yaml"))


def load_vocabularies(path: Path | None = None) -> dict[str, list[VocabularyEntry]]:
    return parse_vocabularies(_read(path or MARKETPLACE_DATA / "vocabularies.yaml"))


def vocabulary_codes(name: str) -> set[Any]:
    """The codes of one vocabulary, e.g. vocabulary_codes("ipr_statuses")."""
    return {entry.code for entry in load_vocabularies()[name]}
