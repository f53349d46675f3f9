from poa_tui.cli import main

raise SystemExit(main())
