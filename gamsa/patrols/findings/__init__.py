"""Findings (적출사항): problems found on patrol or reported by a guardian, routed to a department and closed."""
