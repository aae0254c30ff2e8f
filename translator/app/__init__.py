"""The application layer: from a user's request to a running session, for every front end.

Qt-free; runs on the caller's asyncio loop. The command line (``translator/run.py``), the demo
and the window's controller build on it instead of wiring the core themselves.
"""
