"""The bundle's executable: the same entry point as the ``penna`` console script."""

import sys

from desktop.launcher import main

if __name__ == "__main__":
    sys.exit(main())
