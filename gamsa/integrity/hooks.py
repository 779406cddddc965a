"""How the integrity programme plugs into core."""
