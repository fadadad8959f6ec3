"""The templates ship inside the wheel and are found from an installed (non-editable) layout."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

PROMPTS = ROOT / "prompts"
REQUIRED = [
    "composer/prompts/notes-template.txt",
    "composer/prompts/messages/_macros.j2",
    "composer/prompts/messages/thank-you.j2",
    "composer/prompts/messages/status-check.j2",
    "composer/prompts/messages/feedback-request.j2",
]


def shipped_names() -> list[str]:
    """Every file under prompts/ as it must appear in the wheel."""
    return sorted(
        "composer/prompts/" + p.relative_to(PROMPTS).as_posix()
        for p in PROMPTS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_the_checkout_has_the_templates() -> None:
    names = shipped_names()
    for name in REQUIRED:
        assert name in names


def test_pyproject_force_includes_the_templates() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["composer"]
    assert wheel["force-include"]["prompts"] == "composer/prompts"
    assert "prompts" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert config["project"]["scripts"]["composer"] == "composer.cli:main"


@pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None,
    reason="hatchling is not importable in this environment, so the wheel cannot be built "
    "without build isolation (which would need the network)",
)
def test_built_wheel_includes_the_templates(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            ".",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheels = list(tmp_path.glob("composer-*.whl"))
    assert len(wheels) == 1
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for name in [*REQUIRED, *shipped_names()]:
        assert name in names, f"{name} missing from the wheel"
    assert "composer/cli/__init__.py" in names and "composer/__main__.py" in names


CHILD = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    import composer, composer.templates
    from typer.testing import CliRunner
    from composer.cli import app
    runner = CliRunner()
    drafted = runner.invoke(app, ["draft", sys.argv[2], "--offline", "--kind", "all", "-f", "json"])
    template = runner.invoke(app, ["notes-template"])
    print(json.dumps({
        "package": composer.__file__,
        "prompts": str(composer.templates.builtin_dir()) if drafted.exit_code == 0 else None,
        "draft_exit": drafted.exit_code,
        "draft": drafted.stdout,
        "draft_err": drafted.stderr,
        "template_exit": template.exit_code,
        "template": template.stdout,
    }))
    """
)


def run_installed(site: Path) -> dict:
    """Run composer from `site` the way a wheel install lays it out, away from the checkout."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(site), str(FIXTURES / "notes" / "jordan-ellis.txt")],
        capture_output=True,
        text=True,
        cwd=site.parent,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def install_layout(site: Path, *, with_prompts: bool) -> None:
    shutil.copytree(
        ROOT / "composer", site / "composer", ignore=shutil.ignore_patterns("__pycache__")
    )
    if with_prompts:
        shutil.copytree(PROMPTS, site / "composer" / "prompts")


def test_installed_layout_finds_its_own_templates(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    install_layout(site, with_prompts=True)
    result = run_installed(site)
    assert Path(result["package"]).parent == site / "composer"
    assert Path(result["prompts"]) == site / "composer" / "prompts"
    assert result["draft_exit"] == 0, result["draft_err"]
    kinds = [d["kind"] for d in json.loads(result["draft"])["drafts"]]
    assert kinds == ["thank-you", "status-check", "feedback-request"]
    assert result["template_exit"] == 0
    assert result["template"].startswith("# Interview notes for composer")


def test_installed_layout_without_templates_says_to_reinstall(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    install_layout(site, with_prompts=False)
    result = run_installed(site)
    assert result["draft_exit"] == 2
    assert "Traceback" not in result["draft_err"]
    assert "templates are missing" in result["draft_err"]
    assert "reinstall" in result["draft_err"]
