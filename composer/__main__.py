"""`python -m composer`."""

from composer.cli.application import main

main()
