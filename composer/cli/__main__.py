"""`python -m composer.cli`."""

from composer.cli.application import main

main()
