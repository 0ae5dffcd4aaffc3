import sys

from commboard.cli import main

sys.exit(main())
