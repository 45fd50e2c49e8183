"""``kg build`` throughput next to bare spaCy, on the same BBC articles in one run.

The floor is spaCy's own pipeline (``spacy.load`` of the model ``kg build`` uses, then
``nlp.pipe`` over the articles' texts); the measure is ``kg.pipeline.build`` of the same articles
(the code path of ``kg build``: clean-up, newskg's taggers, the learned event detector and causal
reader, extraction, resolution, the store and every export). Each runs in a fresh child process,
model loading included, with the same process count, so that its peak resident memory is its own;
both set up their process as ``kg build`` does (torch kept out: thinc imports it whenever it is
installed) and import spaCy before their clock starts. The build frees its models before the
exports, as ``kg build`` does.
Prints words per second of both, their ratio (the design aims at 0.5x or better) and peak memory;
with ``--repeat N`` each side runs N times, alternated, and its fastest run counts (bare spaCy's
own rate moved by 13% between single runs on an idle machine).

    python -m benchmarks.build_speed [--limit 120] [--processes 1] [--repeat 1] [--causal-encoder] [--no-event-encoder]
        [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.build_scale import BBC, articles, sample_folder


def _bare(folder: Path, processes: int) -> dict[str, float]:
    import spacy

    from kg.nlp import DEFAULT_MODEL

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    started = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=processes))
    return {"seconds": time.perf_counter() - started, "words": words}


def _build(folder: Path, processes: int, causal_encoder: bool = False, event_encoder: bool = True) -> dict[str, float]:
    import spacy  # noqa: F401  (before the clock, as in _bare: both sides time model loading, not spaCy's import)

    from kg.pipeline import BuildOptions, build

    with tempfile.TemporaryDirectory(prefix="build-speed-") as out:
        started = time.perf_counter()
        options = BuildOptions(
            out=Path(out) / "kg",
            processes=processes,
            causal_encoder=causal_encoder,
            event_encoder=event_encoder,
            keep_models=False,
        )
        report = build([folder], options)
        return {"seconds": time.perf_counter() - started, "words": report.words, "events": report.events}


def _child(kind: str, folder: Path, processes: int, encoders: tuple[bool, bool] = (False, True)) -> dict[str, float]:
    """Run one side in a fresh interpreter; its figures and its peak memory. ``encoders``: the
    build's causal and event encoders."""
    extra = f", {encoders[0]}, {encoders[1]}" if kind == "build" else ""
    code = (
        "import json, sys; from pathlib import Path; from kg.nlp import keep_torch_out; keep_torch_out(); "
        "from benchmarks import build_speed as b; "
        f"r = b._{kind}(Path({str(folder)!r}), {processes}{extra}); "
        "from benchmarks.build_scale import peak_rss_mb; r['peak_rss_mb'] = peak_rss_mb(); print(json.dumps(r))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(
    limit: int, processes: int, causal_encoder: bool = False, event_encoder: bool = True, repeat: int = 1
) -> dict[str, object]:
    """Both sides ``repeat`` times, alternated; each side's figure is its fastest run, the one
    least slowed by whatever else the machine did (as ``timeit`` reports), its memory the highest."""
    bares, builts = [], []
    with tempfile.TemporaryDirectory(prefix="build-speed-corpus-") as tmp:
        folder = sample_folder(BBC, articles(BBC, limit), Path(tmp) / "bbc")
        for _ in range(repeat):
            bares.append(_child("bare", folder, processes))
            builts.append(_child("build", folder, processes, (causal_encoder, event_encoder)))
    bare_rates = [r["words"] / r["seconds"] for r in bares]
    build_rates = [r["words"] / r["seconds"] for r in builts]
    bare_rate, build_rate = max(bare_rates), max(build_rates)
    bare = {"peak_rss_mb": max(r["peak_rss_mb"] for r in bares)}
    built = {"peak_rss_mb": max(r["peak_rss_mb"] for r in builts), "events": builts[0].get("events")}
    return {
        "benchmark": "python -m benchmarks.build_speed",
        "articles": limit,
        "processes": processes,
        "causal_encoder": causal_encoder,
        "event_encoder": event_encoder,
        "spacy_words_per_s": round(bare_rate),
        "kg_build_words_per_s": round(build_rate),
        "ratio": round(build_rate / bare_rate, 3),
        "runs": repeat,
        "spacy_runs_words_per_s": [round(r) for r in bare_rates],
        "kg_build_runs_words_per_s": [round(r) for r in build_rates],
        "spacy_peak_rss_mb": round(bare["peak_rss_mb"]),
        "kg_build_peak_rss_mb": round(built["peak_rss_mb"]),
        "events": built.get("events"),
        "self_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=120, help="how many BBC articles (spread across sections)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--causal-encoder", action="store_true", help="build with the causal reader's encoder")
    parser.add_argument(
        "--no-event-encoder", dest="event_encoder", action="store_false", help="the event detector's parse model alone"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side, alternated; the fastest counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    show(run(args.limit, args.processes, args.causal_encoder, args.event_encoder, args.repeat), as_json=args.json)
    return 0


def show(result: dict[str, object], *, as_json: bool) -> None:
    """A benchmark's flat result, as JSON or one ``key: value`` line each."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    sys.exit(main())
