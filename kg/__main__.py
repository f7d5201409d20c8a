"""``python -m kg`` runs the command line. Usage: ``python -m kg --help``."""

from kg.cli import main

main()
