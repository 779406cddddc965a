"""고충민원: the desk (intake, routing, the legal clock, answers through 결재), the public filing and status lookup,
repeated and same-matter complaints (법 제23조), and the quarterly inspection of the departments (처리실태 점검)."""
