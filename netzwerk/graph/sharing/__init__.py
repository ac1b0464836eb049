"""Saved views, read-only share links and the public Bildungslandkarte."""
