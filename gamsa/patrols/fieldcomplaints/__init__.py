"""응답소 field complaints (현장민원): import, monitoring board, list and case pages, name mappings, the yearly
department evaluation."""
