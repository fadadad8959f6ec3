"""The framework's floor: a one-command typer app, nothing else.

`python bench/typer_app.py --help` is what `composer --help` is compared with. Running the
command itself (`python bench/typer_app.py --name x`) is an informational floor: typer builds a
pydantic adapter for every parameter when a command runs, whatever the app does.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(
    name: str = typer.Option("world", help="Who to greet."),
    count: int = typer.Option(1, help="How many times."),
) -> None:
    """Say hello."""
    for _ in range(count):
        typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
