"""The frozen app's entry script (PyInstaller runs it as ``__main__``): ``translator``."""

import sys

from translator.cli import main

sys.exit(main())
