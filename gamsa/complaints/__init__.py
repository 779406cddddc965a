"""Complaints: one app (label `complaints`), one package per concept (docs/adr/0027-per-concept-packages.md)."""
