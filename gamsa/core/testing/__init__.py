"""Helpers shared by the test suites of every app (imported by tests only, never by the running system)."""
