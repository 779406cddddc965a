"""특이민원 and the protection of the staff who handle complaints (민원처리법 제4조, 영 제4조), expert advice."""
