"""gamsa (감사): the audit & inspection office system of a Korean district."""

__version__ = "0.1.0"
