"""Translator: a live speech interpreter for the desktop on OpenAI Realtime."""

__version__ = "0.1.0"
