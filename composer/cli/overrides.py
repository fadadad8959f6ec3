"""The user's template folder (`--templates DIR`), checked before any drafting: a template put
where composer does not look for it is an error that names the file expected, never a draft
silently written from the built-in template instead."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

from composer.errors import ConfigError


def builtin_names() -> list[str]:
    """Every template a folder can override, as its path inside the folder."""
    from composer.templates import builtin_dir

    root = builtin_dir()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.j2"))


def check_templates(folder: Path | None) -> list[str]:
    """Warnings about the folder; ConfigError when a file in it matches a built-in template's
    name but not its place (DIR/thank-you.j2 for DIR/messages/thank-you.j2)."""
    try:
        usable = folder is not None and folder.is_dir()
    except OSError:  # a name too long to look up, a loop of symlinks
        usable = False
    if folder is None or not usable:
        return []  # no folder, or one that cannot be used (the templates module says why)
    known = builtin_names()
    by_name: dict[str, list[str]] = {}
    for name in known:
        by_name.setdefault(Path(name).name, []).append(name)
    misplaced = []
    warnings = []
    for path in _candidates(folder, {Path(name).parent.as_posix() for name in known}):
        inside = path.relative_to(folder).as_posix()
        if inside in known or path.name.startswith("_"):
            continue  # an override, or the user's own macros
        expected = [name for name in by_name.get(path.name, []) if not (folder / name).exists()]
        if expected:
            places = " or ".join(str(folder / name) for name in expected)
            misplaced.append(f"{path} (composer reads {places})")
            continue
        close = get_close_matches(inside, known, n=1, cutoff=0.8)
        warnings.append(
            f"{path} is not one of composer's templates"
            + (f" (did you mean {folder / close[0]}?)" if close else "")
            + ", so it is used only if one of them imports it."
        )
    if misplaced:
        raise ConfigError(
            f"The templates folder {folder} has templates composer would not use: "
            f"{'; '.join(misplaced)}. Move each to the place named; offline drafts are "
            "messages/<kind>.j2, model prompts llm/<kind>.system.j2 and llm/<kind>.user.j2."
        )
    if not any((folder / name).is_file() for name in known):
        warnings.append(
            f"The templates folder {folder} overrides none of composer's templates (offline "
            "drafts: messages/<kind>.j2; model prompts: llm/<kind>.system.j2, "
            "llm/<kind>.user.j2), so the built-in ones are used."
        )
    return warnings


def _candidates(folder: Path, subfolders: set[str]) -> list[Path]:
    """The .j2 files at the top of the folder and in the subfolders composer reads (never a
    walk of the whole tree: the folder may be large)."""
    found: list[Path] = []
    for place in sorted({".", *subfolders}):
        try:
            found.extend(sorted((folder / place).glob("*.j2")))
        except OSError:
            continue
    return found
