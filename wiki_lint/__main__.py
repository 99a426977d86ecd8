from wiki_lint.cli import main
import sys
sys.exit(main())
