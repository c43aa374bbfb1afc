from guichet.kiosk.cli import main

raise SystemExit(main())
