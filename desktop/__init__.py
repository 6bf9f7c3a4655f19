"""Penna's Qt window. Uses runtime's public API only."""
