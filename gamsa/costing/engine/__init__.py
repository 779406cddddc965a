"""The cost-sheet review engine: plain Python (no Django), Decimal arithmetic.

- `rates`: rate entries and the table that picks the entry in force on a date.
- `defaults`: the shipped rate values (A/B grade active, C grade drafts), with sources.
- `sheet`: a cost sheet read from JSON or XLSX, validated with Korean messages.
- `review`: the review in the formula order of the 공사원가계산서.
"""

from gamsa.costing.engine.rates import RateEntry, RateTable
from gamsa.costing.engine.review import Review, review
from gamsa.costing.engine.sheet import Sheet, SheetError, parse_sheet, parse_xlsx

__all__ = ["RateEntry", "RateTable", "Review", "Sheet", "SheetError", "parse_sheet", "parse_xlsx", "review"]
