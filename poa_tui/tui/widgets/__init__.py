"""Reusable widgets the screens are built from."""
