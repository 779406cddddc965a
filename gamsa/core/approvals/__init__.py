"""The approval engine (결재): lines built from the district's delegation rules, 전결, 대결, 반려, 회수, 보류 and
document numbers, attached to any app's document through a small registry of document kinds (ADR 0021)."""
