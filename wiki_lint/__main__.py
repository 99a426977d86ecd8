import sys

from wiki_lint.cli import main

sys.exit(main())
