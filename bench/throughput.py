"""Throughput of communique's pipeline against spaCy's bare parse, and memory while ingesting.

    .venv/bin/python bench/throughput.py [--corpus PATH] [--repeat N] [--stream-docs M] [--profile]

1. Reads the corpus once (default: the bundled samples, the seed article and 24 Wikinews
   articles), replicated ``--repeat`` times for a larger batch.
2. Times the full pipeline (``communique.library.build_pipeline``) over it, then spaCy alone
   (``nlp.pipe``, and ``nlp(text)`` one document at a time as the parse stage does) over the same
   repaired texts, in one run, on the same model, ``--rounds`` times interleaved, keeping the best
   round of each. Prints documents/s and words/s per CPU-second of this process (wall time on a
   shared machine mostly measures the neighbours) and the ratio, plus CPU time per stage.
3. Peak memory: the process's peak RSS (``resource.getrusage``) and the Python-heap peak of one
   untimed pipeline pass under ``tracemalloc``.
4. Streaming: writes ``--stream-docs`` distinct documents (the corpus, each copy marked so its
   content hash differs) to a JSON Lines file and runs ``communique.library.ingest`` over it into
   a temporary DuckDB store, sampling RSS every ``--every`` documents: first, last and max.

This is a benchmark, not a test: numbers depend on the machine and its load. ``--profile`` adds
a cProfile of the pipeline pass, grouped by stage and by the hottest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "src" / "communique" / "samples"


def rss_mb() -> float:
    """The resident set size of this process now, in MB (Linux /proc; else the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KB on Linux


def load_corpus(path: Path) -> list[Any]:
    """The documents under ``path`` as communique reads them; unreadable ones are reported."""
    from communique.errors import InputError
    from communique.ingest import iter_documents

    docs = []
    for item in iter_documents([path], max_bytes=50_000_000):
        if isinstance(item, InputError):
            print(f"skipped: {item}", file=sys.stderr)
        else:
            docs.append(item)
    if not docs:
        raise SystemExit(f"{path}: no readable documents")
    return docs


def replicate(docs: Sequence[Any], repeat: int) -> list[Any]:
    return [d if k == 0 else d.with_(id=f"{d.id}-{k}") for k in range(repeat) for d in docs]


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def cpu_timed(run: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def stage_times(pipeline: Any, docs: Sequence[Any]) -> tuple[float, float, list[Any], dict[str, float]]:
    """Run the pipeline stage by stage: wall and CPU seconds, the records, CPU seconds per stage."""
    per_stage = dict.fromkeys(pipeline.names, 0.0)
    records = []
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        for stage in pipeline.stages:
            t0 = time.process_time()
            doc = stage(doc, pipeline.ctx)
            per_stage[stage.name] += time.process_time() - t0
        records.append(doc.with_(parsed=None))  # keep the record, not the spaCy Doc
    return time.perf_counter() - wall, time.process_time() - cpu, records, per_stage


def stream_check(docs: Sequence[Any], total: int, every: int, config: Any) -> dict[str, Any]:
    """Ingest ``total`` distinct documents through the library's ingest into a fresh store."""
    from communique.library import ingest
    from communique.store import Store

    samples: list[tuple[int, float]] = []

    class SampledStore:
        """The real store; every ``every``-th document added, RSS is sampled."""

        def __init__(self, store: Any) -> None:
            self._store = store
            self.added = 0

        def has(self, doc_id: str) -> bool:
            return bool(self._store.has(doc_id))

        def add(self, record: Any) -> bool:
            added = bool(self._store.add(record))
            self.added += 1
            if self.added % every == 0:
                samples.append((self.added, rss_mb()))
            return added

    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as fh:
            for k in range(total):
                doc = docs[k % len(docs)]
                line = {"text": f"{doc.raw_text}\n\n(copy {k})", "title": doc.title, "published": doc.published}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        with Store(Path(tmp) / "bench.duckdb") as store:
            sampled = SampledStore(store)
            seconds, summary = timed(lambda: ingest([batch], sampled, config, progress=False))
    rss = [mb for _, mb in samples]
    return {
        "documents": summary.read, "stored": summary.stored, "failed": len(summary.failed), "seconds": seconds,
        "every": every, "samples": samples,
        "first": rss[0] if rss else None, "last": rss[-1] if rss else None, "max": max(rss) if rss else None,
    }


def profile_pipeline(pipeline: Any, docs: Sequence[Any], top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        pipeline(doc)
    profiler.disable()
    out = pstats.Stats(profiler, stream=(buffer := _Buffer())).sort_stats("cumulative")
    out.print_stats(top)
    return buffer.text


class _Buffer:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="file or folder (default: bundled samples)")
    parser.add_argument("--repeat", type=int, default=2, help="replicate the corpus N times (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="measure each N times, keep the best (default 3)")
    parser.add_argument("--stream-docs", type=int, default=300, help="documents in the streaming check (0 = skip)")
    parser.add_argument("--every", type=int, default=25, help="sample RSS every K documents (default 25)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one pipeline pass")
    args = parser.parse_args(argv)

    from communique.config import Config
    from communique.library import build_pipeline
    from communique.resources import load_model

    config = Config.load()
    pipeline = build_pipeline(config)
    nlp = load_model(config.model)
    corpus = load_corpus(args.corpus)
    docs = replicate(corpus, max(1, args.repeat))
    print(f"corpus: {args.corpus} ({len(corpus)} documents) x {args.repeat} = {len(docs)} documents")
    print(f"model: {config.model}; stages: {', '.join(pipeline.names)}")

    for doc in corpus[:2]:  # warm-up: lazy resources (model, knowledge base) load outside the timing
        pipeline(doc)
    # The machine is shared, so wall time is noisy: each measure is taken in every round,
    # interleaved, and the best round counts; ratios use CPU time of this process.
    best: dict[str, tuple[float, float]] = {}
    per_stage: dict[str, float] = {}
    texts: list[str] = []
    peak_after_pipeline = 0.0
    for _ in range(max(1, args.rounds)):
        wall, cpu, records, stages = stage_times(pipeline, docs)
        peak_after_pipeline = peak_after_pipeline or peak_rss_mb()
        if "full" not in best or cpu < best["full"][1]:
            best["full"], per_stage = (wall, cpu), stages
        texts = [r.text for r in records]
        for name, run in (("pipe", lambda texts=texts: [len(p) for p in nlp.pipe(texts)]),
                          ("single", lambda texts=texts: [len(nlp(t)) for t in texts])):
            measured = cpu_timed(run)
            if name not in best or measured[1] < best[name][1]:
                best[name] = measured
    words = sum(len(t.split()) for t in texts)

    def rate(name: str) -> str:
        wall, cpu = best[name]
        return (f"{len(docs) / cpu:7.2f} docs/s {words / cpu:8.0f} words/s per CPU-second "
                f"({cpu:.2f} CPU s, {wall:.2f} wall s)")

    full_cpu = best["full"][1]
    print(f"words (repaired text): {words}; rounds: {args.rounds} (best of each)")
    print(f"full pipeline        : {rate('full')}")
    print(f"spaCy nlp.pipe alone : {rate('pipe')}")
    print(f"spaCy nlp() per doc  : {rate('single')}")
    print(f"ratio full / nlp.pipe: {full_cpu / best['pipe'][1]:.2f}x   "
          f"full / nlp() per doc: {full_cpu / best['single'][1]:.2f}x  (CPU time)")
    print("CPU time by stage    : " + ", ".join(f"{n} {s:.2f} s ({s / full_cpu:.0%})" for n, s in per_stage.items()))

    tracemalloc.start()
    for doc in corpus:
        pipeline(doc)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak RSS             : {peak_after_pipeline:.0f} MB after the first pipeline pass, "
          f"{peak_rss_mb():.0f} MB after the spaCy passes; "
          f"Python heap peak of one corpus pass: {heap_peak / 1e6:.1f} MB")

    if args.stream_docs > 0:
        result = stream_check(corpus, args.stream_docs, max(1, args.every), config)
        print(f"streaming ingest     : {result['documents']} documents read, {result['stored']} stored, "
              f"{result['failed']} failed in {result['seconds']:.1f} s")
        if result["samples"]:
            print(f"RSS every {result['every']} docs    : first {result['first']:.0f} MB, "
                  f"last {result['last']:.0f} MB, max {result['max']:.0f} MB; "
                  f"samples {[round(mb) for _, mb in result['samples']]}")
    if args.profile:
        print(profile_pipeline(pipeline, corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
