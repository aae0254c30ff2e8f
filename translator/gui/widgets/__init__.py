"""Small reusable widgets of the window (GUI thread only)."""
