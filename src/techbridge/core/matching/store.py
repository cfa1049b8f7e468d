"""Save a :class:`MatchIndex` to a directory and load it back (live documents only, slots compacted).

Layout: ``manifest.json`` (format version, parameters, calibrations), ``docs.jsonl`` (one MatchDocument per
line, in slot order), ``vocab.json``, ``postings-<field>.npz`` and ``bags.npz``. Writing goes to
a temporary directory first and is swapped in, so a crash never leaves a half-written index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from techbridge.core.matching.analyzers import Analyzer, Detector
from techbridge.core.matching.bm25 import FieldPostings
from techbridge.core.matching.calibration import LogisticCalibrator
from techbridge.core.matching.documents import MatchDocument, MatchingError
from techbridge.core.matching.index import CONCEPT_PREFIX, MatchIndex

FORMAT = 1


def _compacted(index: MatchIndex) -> tuple[np.ndarray, dict[str, dict[str, np.ndarray]]]:
    """Live slots in order and every field's postings with tombstones dropped and slots renumbered."""
    live = np.array(sorted(index._slot_of.values()), dtype=np.int64)
    remap = np.full(len(index._docs), -1, dtype=np.int64)
    remap[live] = np.arange(len(live))
    fields = {}
    for name, postings in index._fields.items():
        data = postings.to_arrays()
        keep = remap[data["slots"]] >= 0 if len(data["slots"]) else np.zeros(0, bool)
        term_of = np.repeat(np.arange(len(data["offsets"]) - 1), np.diff(data["offsets"]))
        sizes = np.bincount(term_of[keep], minlength=len(data["offsets"]) - 1)
        fields[name] = {
            "offsets": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            "slots": remap[data["slots"][keep]].astype(np.int32),
            "tfs": data["tfs"][keep],
            "df": data["df"],
            "lengths": data["lengths"][live] if len(live) else np.zeros(0, np.float32),
        }
    return live, fields


def save(index: MatchIndex, directory: Path) -> None:
    live, fields = _compacted(index)
    tmp = directory.with_name(directory.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    manifest = {
        "format": FORMAT,
        "field_weights": index.field_weights,
        "concept_weight": index.concept_weight,
        "prior_weight": index.prior_weight,
        "hubness_weight": index.hubness_weight,
        "calibration": {"a": index.calibrator.a_, "b": index.calibrator.b_},
        "documents": len(live),
    }
    if index._one_sided_calibrator is not None:  # the calibration of questions, so no process has to redo it
        held, question = index._one_sided_calibrator
        manifest["question_calibration"] = {"a": question.a_, "b": question.b_, "documents": held}
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
    with (tmp / "docs.jsonl").open("w", encoding="utf-8") as out:
        for slot in live:
            doc = index._docs[int(slot)]
            assert doc is not None
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    (tmp / "vocab.json").write_text(json.dumps(index._terms, ensure_ascii=False))
    for name, arrays in fields.items():
        np.savez(tmp / f"postings-{name}.npz", **arrays)  # type: ignore[arg-type]
    bags = [index._bags[int(s)] for s in live]
    sizes = np.array([len(b[0]) for b in bags if b is not None], dtype=np.int64)
    n_fields = len(index.field_weights)
    np.savez(
        tmp / "bags.npz",
        offsets=np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
        terms=np.concatenate([b[0] for b in bags if b is not None] or [np.zeros(0, np.int32)]),
        counts=np.concatenate([b[1] for b in bags if b is not None] or [np.zeros((0, n_fields), np.uint16)]),
        hub=np.asarray(index._hub, dtype=np.float64)[live] if len(live) else np.zeros(0),
    )
    if directory.exists():
        shutil.rmtree(directory)
    tmp.rename(directory)


def load(directory: Path, analyzer: Analyzer | None = None, detector: Detector | None = None) -> MatchIndex:
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise MatchingError(f"{directory} is not a saved match index (no manifest.json)")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise MatchingError(
            f"{directory}: index format {manifest.get('format')}, this version reads {FORMAT}"
        )
    calibration = manifest["calibration"]
    index = MatchIndex(
        analyzer=analyzer,
        detector=detector,
        field_weights=manifest["field_weights"],
        calibrator=LogisticCalibrator(calibration["a"], calibration["b"]),
        concept_weight=manifest["concept_weight"],
        prior_weight=manifest["prior_weight"],
        hubness_weight=manifest["hubness_weight"],
    )
    index._terms = json.loads((directory / "vocab.json").read_text())
    index._vocab = {t: i for i, t in enumerate(index._terms)}
    for name in index.field_weights:
        with np.load(directory / f"postings-{name}.npz") as data:
            index._fields[name] = FieldPostings.from_arrays(data)
    with np.load(directory / "bags.npz") as data:
        offsets, terms, counts, hub = data["offsets"], data["terms"], data["counts"], data["hub"]
    is_concept = np.array([term.startswith(CONCEPT_PREFIX) for term in index._terms], dtype=bool)
    has_concepts = bool(is_concept.any())
    with (directory / "docs.jsonl").open(encoding="utf-8") as lines:
        for slot, line in enumerate(lines):
            doc = MatchDocument.from_dict(json.loads(line))
            index._docs.append(doc)
            index._slot_of[doc.id] = slot
            t = terms[offsets[slot] : offsets[slot + 1]]
            index._bags.append((t, counts[offsets[slot] : offsets[slot + 1]]))
            found = t[is_concept[t]] if has_concepts else ()
            index._concepts.append(
                frozenset({index._terms[i] for i in found} | {CONCEPT_PREFIX + c for c in doc.concepts})
            )
            index._hub.append(float(hub[slot]))
            index._max_popularity = max(index._max_popularity, doc.popularity)
    question = manifest.get("question_calibration")
    if question is not None:
        index._one_sided_calibrator = (
            question["documents"],
            LogisticCalibrator(question["a"], question["b"]),
        )
    return index
