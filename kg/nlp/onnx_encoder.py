"""Opening a shipped int8 ONNX encoder and its tokenizer, as both encoders (causal, events) run them."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def onnx_encoder(tokenizer_file: Path, model_file: Path, max_tokens: int) -> tuple[Any, Any]:
    """The tokenizer (truncating to ``max_tokens`` word pieces, never padding: a sentence runs
    alone) and the onnxruntime session of ``model_file``."""
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.enable_truncation(max_tokens)
    tokenizer.no_padding()  # the file pads to 128 word pieces
    options = onnxruntime.SessionOptions()
    # one thread per process: the build's parallelism is spaCy's processes, and one thread
    # gives the same sums, so the same Turtle, on every machine
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    return tokenizer, session
