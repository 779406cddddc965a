"""Near-duplicates: two reports of one item close in space and time, offered to the patrol team to link or dismiss."""
