"""The Realtime client: wire dialects, connection, session and its interpreting policy."""
