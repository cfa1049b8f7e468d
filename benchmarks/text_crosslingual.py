"""Cross-lingual benchmark of core.text: lexicon compile/load time and Tatoeba accuracy@1.

Compiles every TSV in the lexicon folder, the FreeDict packages installed under /usr/share/dictd and
CC-CEDICT into a fresh data directory, times loading (median of several runs, fresh process each),
then runs the accuracy@1 benchmark for each language in two lexicon set-ups: TSV folder only
(``--lexicons``) and the compiled data directory (TSV + FreeDict + CC-CEDICT).

    .venv/bin/python benchmarks/text_crosslingual.py --shared ../shared/data --runs 5

``--speed`` measures analysis throughput instead (CPU time, one process): Tatoeba sentences through
the TSV lexicons with the analyzer's word memo off and on, and language identification of
profile-sized texts:

    .venv/bin/python benchmarks/text_crosslingual.py --shared ../shared/data --speed --langs cmn,pol,ces,hun
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD_PROBE = """
import time, resource
t = time.perf_counter()
from techbridge.core.text.library import load_lexicons
lexicons = load_lexicons()
hits = sum(entries.get(word) is not None for entries in lexicons.values() for word in ("a", "tom"))
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
# The load probe opens every language's lexicon and looks two words up in each; lemmatiser
# dictionaries (simplemma) load separately, on a language's first use, and are timed apart.
LEMMA_PROBE = """
import time
from techbridge.core.text.stemming import lemmatize
for lang in ("pl", "cs", "hu", "hbs"):
    t = time.perf_counter()
    lemmatize("a", "sr" if lang == "hbs" else lang)
    print(lang, round(time.perf_counter() - t, 2))
"""


def techbridge(*args: str, env: dict[str, str]) -> str:
    command = [sys.executable, "-m", "techbridge.cli", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def speed(shared: Path, langs: list[str]) -> None:
    """Sentences analysed per CPU second, memo off / on; detection time of ~2,000-character texts."""
    from techbridge.core.text.analysis import CACHE_SIZE, Analyzer
    from techbridge.core.text.detect import detect_language
    from techbridge.core.text.languages import normalize_language
    from techbridge.core.text.library import load_tsv_folder

    with tempfile.TemporaryDirectory() as tmp:
        for iso3 in langs:
            for path in (shared / "lexicons").glob(f"{iso3}-eng.*.tsv"):
                Path(tmp, path.name).symlink_to(path.resolve())
        lexicons = load_tsv_folder(Path(tmp), cedict=False)
    for iso3 in langs:
        lines = (shared / "tatoeba" / f"tatoeba.{iso3}-eng.{iso3}").read_text("utf-8").splitlines()
        lang = normalize_language(iso3)
        for cache_size in (0, CACHE_SIZE):
            analyzer = Analyzer(lexicons=lexicons, function_words=True, cache_size=cache_size)
            analyzer.analyze(lines[0], lang)  # lemmatiser / segmenter load outside the timing
            analyzer.clear_caches()
            start = time.process_time()
            for line in lines:
                analyzer.analyze(line, lang)
            rate = len(lines) / (time.process_time() - start)
            print(json.dumps({"lang": iso3, "memo": cache_size > 0, "sentences_per_cpu_s": round(rate)}))
        texts = [" ".join(lines[i : i + 40]) for i in range(0, len(lines), 40)]
        start = time.process_time()
        for text in texts:
            detect_language(text)
        ms = (time.process_time() - start) / len(texts) * 1000
        chars = statistics.mean(len(t) for t in texts)
        print(json.dumps({"lang": iso3, "detect_ms_per_text": round(ms, 2), "text_chars": round(chars)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--langs", help="comma-separated ISO 639-3 codes (default: all)")
    parser.add_argument("--speed", action="store_true", help="analysis and detection speed only")
    args = parser.parse_args()
    if args.speed:
        speed(args.shared, (args.langs or "cmn,pol,ces,hun").split(","))
        return
    lexicon_folder, tatoeba = args.shared / "lexicons", args.shared / "tatoeba"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TECHBRIDGE_DATA_DIR": tmp}
        start = time.perf_counter()
        sources = [str(p) for p in sorted(lexicon_folder.glob("*.tsv"))]
        sources += [str(p) for p in sorted(Path("/usr/share/dictd").glob("freedict-*-eng.index"))]
        for source in [*sources, "cedict"]:
            techbridge("lexicon", "add", source, env=env)
        size_mb = sum(p.stat().st_size for p in Path(tmp, "lexicons").iterdir()) / 2**20
        compile_s = round(time.perf_counter() - start, 1)
        print(json.dumps({"compile_s": compile_s, "sources": len(sources) + 1, "store_mb": round(size_mb)}))
        print(techbridge("lexicon", "list", env=env), end="")
        loads = []
        for _ in range(args.runs):
            probe = [sys.executable, "-c", LOAD_PROBE]
            out = subprocess.run(probe, env=env, check=True, capture_output=True, text=True).stdout
            loads.append([float(x) for x in out.split()])
        print(json.dumps({"load_s_median": round(statistics.median(s for s, _ in loads), 3),
                          "load_rss_mb_median": round(statistics.median(m for _, m in loads))}))  # fmt: skip
        lemma = subprocess.run([sys.executable, "-c", LEMMA_PROBE], env=env, check=True,
                               capture_output=True, text=True).stdout.split()  # fmt: skip
        print(json.dumps({"simplemma_first_use_s": dict(zip(lemma[::2], lemma[1::2], strict=True))}))
        extra = ["--langs", args.langs] if args.langs else []
        for label, options in (("tsv", ["--lexicons", str(lexicon_folder)]), ("datadir", [])):
            start = time.perf_counter()
            out = techbridge("bench", "crosslingual", str(tatoeba), *options, *extra, env=env)
            for line in out.splitlines():
                print(json.dumps({"lexicons": label, **json.loads(line)}))
            print(json.dumps({"lexicons": label, "wall_s": round(time.perf_counter() - start, 1)}))


if __name__ == "__main__":
    main()
