"""Parse YAML, JSON and TOML text a user wrote, safely: no aliases, bounded nesting, and keys
given twice reported rather than silently overwritten."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

# Interview notes nest 3 levels (notes -> interviewers -> a person), config 4 (rules -> words
# -> a kind -> a limit); anything far deeper is a mistake or an attack, refused before a
# recursive step (pydantic, json.dumps) can hit Python's recursion limit.
MAX_DEPTH = 16
FORMATS = ("yaml", "json", "toml")


class StructuredError(ValueError):
    """Text that cannot be read. str() is a sentence on its own ('not valid TOML: ...'),
    `problem` completes 'The notes are ...'."""

    def __init__(self, problem: str, message: str | None = None) -> None:
        super().__init__(message or problem)
        self.problem = problem


class RepeatedKeyError(StructuredError):
    """One mapping gives a key twice with different values."""

    def __init__(self, key: str, first: Any, second: Any, line: int | None = None) -> None:
        where = f" (line {line})" if line else ""
        super().__init__(f"giving '{key}' twice{where}", f"'{key}' is given twice{where}")
        self.key, self.first, self.second, self.line = key, first, second, line


class Mapping(dict[Any, Any]):
    """A mapping as written: the dict keeps the first value of each key, `pairs` every
    (key, value) in order, so a caller can merge or refuse a key given twice."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[Any, Any]] = []

    def add(self, key: Any, value: Any) -> None:
        self.pairs.append((key, value))
        self.setdefault(key, value)

    @property
    def repeated(self) -> list[tuple[Any, Any]]:
        """The pairs whose key came earlier too."""
        seen: set[Any] = set()
        out = []
        for key, value in self.pairs:
            if key in seen:
                out.append((key, value))
            seen.add(key)
        return out


def loads(text: str, fmt: str, *, repeats_at_top: bool = False) -> Any:
    """Parse `text` as 'yaml', 'json' or 'toml'; StructuredError says what is wrong.

    A key given twice with different values is refused at every level, except at the top when
    `repeats_at_top` is set: the caller then reads the top-level `Mapping.pairs` itself.
    """
    try:
        data = _PARSERS[fmt](text)
    except RecursionError:
        raise _too_deep() from None
    check_shape(data, repeats_at_top=repeats_at_top)
    return data


def check_shape(data: Any, *, repeats_at_top: bool = False) -> None:
    """Refuse nesting deeper than MAX_DEPTH and keys given twice, without recursion."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        if isinstance(node, dict):
            if isinstance(node, Mapping) and (depth > 1 or not repeats_at_top):
                for key, value in node.repeated:
                    if value != node[key]:
                        raise RepeatedKeyError(str(key), node[key], value)
            stack.extend((value, depth + 1) for value in node.values())
            if isinstance(node, Mapping):
                stack.extend((value, depth + 1) for _, value in node.repeated)
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)


def _too_deep() -> StructuredError:
    problem = f"nested more than {MAX_DEPTH} levels deep"
    return StructuredError(problem, f"it is {problem}, far deeper than anything composer reads")


def _yaml(text: str) -> Any:
    import yaml  # lazy: most notes are pasted text

    try:
        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise StructuredError(
            f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}"
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise StructuredError(f"not valid YAML: {exc}") from None


def _json(text: str) -> Any:
    def mapping(pairs: list[tuple[str, Any]]) -> Mapping:
        out = Mapping()
        for key, value in pairs:
            out.add(key, value)
        return out

    try:
        return json.loads(text, object_pairs_hook=mapping)
    except json.JSONDecodeError as exc:
        raise StructuredError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:  # a number of over 4,300 digits
        raise StructuredError(f"not valid JSON: {exc}") from None


_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")


def _toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        if at and message.startswith(("Cannot overwrite a value", "Cannot declare")):
            line = int(at[1])
            written = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
            key = re.match(r"^\s*\[*\s*([^=\]]+?)\s*[\]=]", written)
            raise RepeatedKeyError(key[1] if key else "a key", None, None, line) from None
        raise StructuredError(f"not valid TOML: {message}") from None
    except ValueError as exc:  # a number of over 4,300 digits
        raise StructuredError(f"not valid TOML: {exc}") from None


_PARSERS = {"yaml": _yaml, "json": _json, "toml": _toml}


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


_YAML_LOADER: Any = None


def _yaml_loader() -> Any:
    """A safe loader that keeps dates as text (composer reads them itself, with clear errors),
    refuses aliases (which can expand without bound) and keeps every key of a mapping."""
    global _YAML_LOADER
    if _YAML_LOADER is None:
        import yaml

        class Loader(yaml.SafeLoader):
            def compose_node(self, parent: Any, index: Any) -> Any:
                if self.check_event(yaml.AliasEvent):
                    event = self.peek_event()
                    raise yaml.composer.ComposerError(
                        None, None, "aliases (*name) are not allowed", event.start_mark
                    )
                return super().compose_node(parent, index)

            def construct_yaml_map(self, node: Any) -> Any:
                data = Mapping()
                yield data
                self.flatten_mapping(node)
                for key_node, value_node in node.value:
                    key = self.construct_object(key_node)
                    if not _hashable(key):
                        raise yaml.constructor.ConstructorError(
                            None, None, "a key cannot be a list or a mapping", key_node.start_mark
                        )
                    data.add(key, self.construct_object(value_node))

        Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
        Loader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if not tag.endswith(":timestamp")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _YAML_LOADER = Loader
    return _YAML_LOADER
