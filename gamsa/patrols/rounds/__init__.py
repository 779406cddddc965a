"""Patrol rounds (순찰): the record of each outing and the yearly summary by kind."""
