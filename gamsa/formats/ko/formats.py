# Korean formats used everywhere: 2026. 11. 26. and 2026. 11. 26. 14:30
DATE_FORMAT = "Y. n. j."
SHORT_DATE_FORMAT = "Y. n. j."
DATETIME_FORMAT = "Y. n. j. H:i"
SHORT_DATETIME_FORMAT = "Y. n. j. H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "n. j."
YEAR_MONTH_FORMAT = "Y. n."
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y. %m. %d.", "%Y.%m.%d", "%Y. %m. %d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y. %m. %d. %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 0
