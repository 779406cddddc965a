"""Guards against drift (issue 16 item 7): the environment variables settings.py reads and the ones
docs/operations.md documents are the same set, and the models need no migration that is not written."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "gamsa" / "settings.py"
OPERATIONS = ROOT / "docs" / "operations.md"
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_float", "env_list", "env_choice"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def variables_read_by_settings(source: str) -> set[str]:
    """Every NAME in env_*("NAME", …), os.environ.get("NAME"), os.getenv("NAME") and os.environ["NAME"]."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = _name(node.func)
            if func in ENV_HELPERS or func in {"os.environ.get", "os.getenv", "environ.get"}:
                found.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and _name(node.value) == "os.environ":
            if isinstance(node.slice, ast.Constant):
                found.add(node.slice.value)
    return found


def variables_in_the_table(text: str) -> set[str]:
    """The names in the first cell of every row of the settings tables: | `NAME` | default | meaning | (a cell
    may name two variables that go together: | `A`, `B` | …)."""
    found: set[str] = set()
    for cell in re.findall(r"^\|([^|]*)\|", text, flags=re.MULTILINE):
        names = re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)
        if names and re.fullmatch(r"\s*`[A-Z][A-Z0-9_]+`(\s*,\s*`[A-Z][A-Z0-9_]+`)*\s*", cell):
            found.update(names)
    return found


def gamsa_names_mentioned(text: str) -> set[str]:
    return set(re.findall(r"\bGAMSA_[A-Z0-9_]*[A-Z0-9]\b", text))


def test_the_parsers_see_what_they_should():
    source = 'import os\nA = env_int(\n    "GAMSA_X", 1)\nB = os.environ.get("GAMSA_Y")\nC = os.environ["DATABASE_URL"]\n'
    assert variables_read_by_settings(source) == {"GAMSA_X", "GAMSA_Y", "DATABASE_URL"}
    table = (
        "| 변수 | 기본값 | 뜻 |\n|---|---|---|\n| `GAMSA_X` | `1` | 뜻 |\n본문의 `GAMSA_Z`는 표가 아닙니다.\n"
    )
    assert variables_in_the_table(table) == {"GAMSA_X"}


def test_every_variable_settings_read_is_documented_and_vice_versa():
    read = variables_read_by_settings(SETTINGS.read_text("utf-8"))
    text = OPERATIONS.read_text("utf-8")
    documented = variables_in_the_table(text)
    assert len(read) > 40  # the parser found the settings (a broken parser would pass with two empty sets)
    assert sorted(read - documented) == [], "read by gamsa/settings.py but not in docs/operations.md's table"
    assert sorted(documented - read) == [], "in docs/operations.md's table but not read by gamsa/settings.py"
    # Prose may name only variables that exist (GAMSA_PROXY_COUNT lingered there after settings stopped reading it).
    assert sorted(gamsa_names_mentioned(text) - read) == []


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """`gamsa makemigrations --check --dry-run` as a test: a model change without its migration fails here."""
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits 1 when a migration is missing
        pytest.fail(f"makemigrations --check found changes (exit {exc.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()
