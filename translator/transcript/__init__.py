"""Transcripts: the model of a run, its journal on disk, and (later) exports."""
