"""redline.errors: one root for everything redline raises, in the tree its docstring draws."""

from __future__ import annotations

import inspect
import re

import pytest

from redline import errors


def _drawn_tree() -> dict[str, str]:
    """Each class of the docstring's tree and the class it hangs under (by indentation)."""
    doc = errors.__doc__ or ""
    parents: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in doc.splitlines():
        m = re.match(r"^(\s*)(?:[│ ]*[├└]── )?([A-Z][A-Za-z]+)(?:\s{2,}|$)", line)
        if not m or not line.strip().startswith(("RedlineError", "├", "└", "│")):
            continue
        depth = len(line) - len(line.lstrip(" │├└─"))
        name = m.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parents[name] = stack[-1][1]
        stack.append((depth, name))
    return parents


def _classes() -> dict[str, type[BaseException]]:
    return {n: c for n, c in vars(errors).items()
            if inspect.isclass(c) and issubclass(c, BaseException) and c.__module__ == errors.__name__}


def test_the_docstring_tree_is_the_class_hierarchy() -> None:
    drawn = _drawn_tree()
    classes = _classes()
    assert set(drawn) | {"RedlineError"} == set(classes)
    for name, parent in drawn.items():
        assert classes[name].__bases__ == (classes[parent],), name
    assert errors.RedlineError.__bases__ == (Exception,)


@pytest.mark.parametrize("cls", sorted(_classes().values(), key=lambda c: c.__name__), ids=lambda c: c.__name__)
def test_catching_the_root_catches_every_error(cls: type[BaseException]) -> None:
    args = ("a.txt", "empty") if issubclass(cls, errors.InputError) else ("what went wrong",)
    with pytest.raises(errors.RedlineError):
        raise cls(*args)


def test_an_input_error_names_its_source_and_reason() -> None:
    e = errors.UnreadableInput("notes/plan.bin", "binary file")
    assert str(e) == "notes/plan.bin: binary file"
    assert (e.source, e.reason) == ("notes/plan.bin", "binary file")
    assert isinstance(e, errors.InputError) and not isinstance(e, errors.StoreError)


def test_a_store_outage_is_a_store_error_but_not_a_missing_item() -> None:
    down = errors.StoreUnavailable("the database is read-only")
    assert isinstance(down, errors.StoreError) and not isinstance(down, errors.NotFound)
    assert str(down) == "the database is read-only"
