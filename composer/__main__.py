"""`python -m composer`."""

from composer.cli.app import main

main()
