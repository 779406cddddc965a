#!/usr/bin/env python
from gamsa.cli import main

if __name__ == "__main__":
    main()
