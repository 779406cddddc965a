"""Grievance import (through core's one pipeline) and the list export (CSV/XLSX in, XLSX out)."""
