"""`python -m composer.cli`."""

from composer.cli import main

main()  # Ctrl-C while starting up is caught there too
