"""The bundle's executable: the same entry point as the ``penna`` console script.

In a frozen app ``sys.executable`` is this program, so ``penna -m MODULE ARGS`` runs one of the bundle's modules
the way ``python -m`` does: that is how the model converter's child process (``runtime.export.worker``) starts.
"""

import runpy
import sys

from desktop.launcher import main

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "-m":
        sys.argv = sys.argv[2:]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
        sys.exit(0)
    sys.exit(main())
