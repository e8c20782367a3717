"""``python -m compare`` runs the ``media-compare`` command."""

from .cli import main

raise SystemExit(main())
