"""Local guardians (내 지역 지킴이): their phone reports, the roster and their training."""
