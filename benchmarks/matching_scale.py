"""Scale benchmark of MatchIndex on synthetic profiles: build rate, top-20 query latency, memory.

Profiles are drawn from 300 synthetic topics over a Zipf-distributed English-like vocabulary, with
random kinds, countries and TRL; queries are short requests drawn from the same topics.

    .venv/bin/python benchmarks/matching_scale.py --profiles 100000 --queries 300
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from techbridge.core.matching import MatchDocument, MatchIndex
from techbridge.core.matching.scoring import one_sided_calibrator

COUNTRIES = [
    "CN",
    "PL",
    "HU",
    "CZ",
    "SK",
    "RO",
    "BG",
    "HR",
    "SI",
    "RS",
    "EE",
    "LV",
    "LT",
    "GR",
    "AL",
    "MK",
    "ME",
    "BA",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "nu",
    "re",
    "sa",
    "ti",
    "vo",
    "ze",
    "ba",
    "de",
    "fi",
    "go",
    "hu",
    "je",
    "pa",
    "qu",
    "wi",
]


def vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(
            "".join(rng.choice(SYLLABLES, size=rng.integers(2, 5)))
            + rng.choice(["tion", "er", "ing", "al", ""])
        )
    return sorted(words)


def generator(n_topics: int = 300, vocab_size: int = 30_000, seed: int = 0):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(vocab_size, rng))
    background = 1.0 / np.arange(1, vocab_size + 1) ** 1.05
    background /= background.sum()
    topics = [rng.choice(vocab_size, size=60, replace=False) for _ in range(n_topics)]

    def words(topic: int, n: int) -> str:
        own = rng.choice(topics[topic], size=n // 2)
        common = rng.choice(vocab_size, size=n - n // 2, p=background)
        return " ".join(vocab[np.concatenate([own, common])])

    def profile(i: int, short: bool = False) -> MatchDocument:
        topic = int(rng.integers(n_topics))
        kind = str(rng.choice(["offer", "request", "partner_search"]))
        return MatchDocument(
            id=f"p{i}",
            title=words(topic, 6),
            keywords=tuple(vocab[rng.choice(topics[topic], size=4)]),
            summary="" if short else words(topic, 30),
            text=words(topic, 25 if short else 120),
            lang="en",
            kind=kind,
            country=str(rng.choice(COUNTRIES)),
            trl=int(rng.integers(1, 10)) if kind == "offer" else None,
            trl_min=int(rng.integers(1, 10)) if kind == "request" else None,
            popularity=float(rng.poisson(2)),
        )

    return profile


def split(text: str, lang: str | None = None) -> list[str]:
    return text.lower().split()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--workers", type=int, default=1, help="analysis worker processes (MatchIndex.add_many)"
    )
    parser.add_argument(
        "--analyzer",
        choices=("default", "split"),
        default="default",
        help="default: techbridge.core.text (end to end); split: whitespace split (index cost alone)",
    )
    args = parser.parse_args()
    profile = generator()
    docs = [profile(i) for i in range(args.profiles)]
    queries = [profile(10**9 + i, short=True) for i in range(args.queries)]
    index = MatchIndex(analyzer=split if args.analyzer == "split" else None)
    index.add(docs[0])  # load the analyzer and lexicons outside the timing
    if args.workers > 1:
        start, cpu_start = time.perf_counter(), time.process_time()
        index.add_many(docs[1:], workers=args.workers)  # merges pending postings at the end
        wall = time.perf_counter() - start
        parent_cpu = time.process_time() - cpu_start
        # the pool's workers have exited and been reaped: their CPU time is in RUSAGE_CHILDREN
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = children.ru_utime + children.ru_stime
        print(
            json.dumps(
                {
                    "profiles": args.profiles,
                    "analyzer": args.analyzer,
                    "workers": args.workers,
                    "build_profiles_per_s": round((args.profiles - 1) / wall),
                    "build_profiles_per_cpu_s": round((args.profiles - 1) / (parent_cpu + workers_cpu)),
                    "parent_cpu_s": round(parent_cpu, 1),
                    "workers_cpu_s": round(workers_cpu, 1),
                    "peak_rss_mb": round(rss_mb()),
                }
            )
        )
        return
    analysis = build = 0.0
    cpu_start = time.process_time()
    for doc in docs[1:]:
        t0 = time.perf_counter()
        fields = index.analyze(doc)
        t1 = time.perf_counter()
        index.add_analyzed(doc, fields)
        analysis += t1 - t0
        build += time.perf_counter() - t1
    t0 = time.perf_counter()
    index.flush()  # postings still pending are part of the build
    build += time.perf_counter() - t0
    build_cpu = time.process_time() - cpu_start
    start = time.perf_counter()
    index.refresh_hubness()
    hubness = time.perf_counter() - start
    latencies, cpu = [], []
    for q in queries:
        t0, c0 = time.perf_counter(), time.process_time()
        index.search(q, top=args.top)
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    # free-text ideas are scored one-sided, calibrated on a background of questions computed on first use
    t0, c0 = time.perf_counter(), time.process_time()
    one_sided_calibrator(index)
    question_calibration, question_calibration_cpu = time.perf_counter() - t0, time.process_time() - c0
    one_sided_cpu = []
    for q in queries:
        c0 = time.process_time()
        index.search(q, top=args.top, one_sided=True)
        one_sided_cpu.append(time.process_time() - c0)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(Path(tmp) / "ix")
        save = time.perf_counter() - t0
        t0 = time.perf_counter()
        MatchIndex.load(Path(tmp) / "ix", analyzer=index.analyzer)
        load = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(100):
        index.add(profile(i))  # updates of existing ids
    update = (time.perf_counter() - t0) / 100
    ms = np.array(latencies) * 1000
    cpu_ms = np.array(cpu) * 1000
    print(
        json.dumps(
            {
                "profiles": args.profiles,
                "analyzer": args.analyzer,
                "analysis_profiles_per_s": round((args.profiles - 1) / analysis),
                "index_profiles_per_s": round((args.profiles - 1) / build),
                "build_profiles_per_s": round((args.profiles - 1) / (analysis + build)),
                "build_profiles_per_cpu_s": round((args.profiles - 1) / build_cpu),
                "hubness_s": round(hubness, 2),
                "query_ms_p50": round(float(np.percentile(ms, 50)), 1),
                "query_ms_p95": round(float(np.percentile(ms, 95)), 1),
                "query_cpu_ms_p50": round(float(np.percentile(cpu_ms, 50)), 1),
                "query_cpu_ms_p95": round(float(np.percentile(cpu_ms, 95)), 1),
                "one_sided_query_cpu_ms_p95": round(float(np.percentile(one_sided_cpu, 95)) * 1000, 1),
                "question_calibration_s": round(question_calibration, 2),
                "question_calibration_cpu_s": round(question_calibration_cpu, 2),
                "update_ms": round(update * 1000, 2),
                "save_s": round(save, 2),
                "load_s": round(load, 2),
                "peak_rss_mb": round(rss_mb()),
            }
        )
    )


if __name__ == "__main__":
    main()
