"""The map of field complaints and findings."""
