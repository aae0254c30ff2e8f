"""A local Realtime-compatible server: the demo engine and the peer of every test."""
