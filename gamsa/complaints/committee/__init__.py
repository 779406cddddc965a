"""민원조정위원회 (민원처리법 시행령 제38조): members by seat, meetings, agenda items, the yearly review."""
