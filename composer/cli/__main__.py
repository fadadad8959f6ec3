"""`python -m composer.cli`."""

from composer.cli.app import main

main()
