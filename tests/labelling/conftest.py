"""Fixtures of the labelling area (the ECEI-2026 framework is restored for every test by tests/conftest.py)."""
