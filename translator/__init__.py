"""Translator: a live speech interpreter for the desktop on OpenAI Realtime."""

import os

# Small matrix products (DSP, fingerprints) run 10x slower when OpenBLAS spreads them over the
# two threads of a busy 2-core machine; the app's numpy work is many small products.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from translator import redaction

redaction.install()  # before any websocket opens: handshake headers carry API keys

__version__ = "0.1.0"
