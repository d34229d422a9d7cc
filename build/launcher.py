"""Entry script of the frozen app: the same command line as the installed ``annotator``.

With no arguments it opens the app; ``--smoke`` runs the packaged self-test.
"""

import multiprocessing

from annotator.cli.main import main
from annotator.ui.startup_probe import install_from_environment

if __name__ == "__main__":
    # Candidate workers are spawned processes: in a frozen app each one is this
    # executable again, which must run the worker instead of the app.
    multiprocessing.freeze_support()
    install_from_environment()  # a no-op unless a start-up benchmark asked for it
    raise SystemExit(main())
