"""One way to configure Quiver: every QUIVER_* environment variable is read in src/quiver/settings/, documented in
the README's configuration table, and the code reads it as `django.conf.settings.QUIVER_...` (no os.environ, no
getattr defaults, no per-app conf modules)."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

SRC = Path(__file__).resolve().parent.parent / "src" / "quiver"
README = SRC.parent.parent / "README.md"
ENV_HELPERS = {"env_str", "env_int", "env_bool", "env_list", "env_float", "env_choice"}


def _env_reads(path: Path) -> set[str]:
    """Names passed to the env helpers (or os.environ.get / os.getenv) in one module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ENV_HELPERS | {"get", "getenv"} and str(node.args[0].value).startswith("QUIVER_"):
            names.add(node.args[0].value)
    return names


def _configuration_table() -> str:
    text = README.read_text()
    start = text.index("## Configuration")
    return text[start : text.index("\n## ", start + 1)]


def _code_files():
    return [p for p in SRC.rglob("*.py") if "settings" not in p.relative_to(SRC).parts[:1]]


def test_every_variable_read_in_settings_is_in_the_readme_table():
    read = set().union(*(_env_reads(p) for p in (SRC / "settings").glob("*.py")))
    assert len(read) > 40  # the parser above finds them (a refactor that hides them must not pass silently)
    documented = set(re.findall(r"`(QUIVER_[A-Z0-9_]+)`", _configuration_table()))
    assert not read - documented, f"missing from the README configuration table: {sorted(read - documented)}"
    assert not documented - read, f"documented but never read: {sorted(documented - read)}"


def test_settings_are_read_one_way():
    """Outside settings/: no environment reads of QUIVER_* and no getattr(settings, ...) defaults."""
    offenders = []
    for path in _code_files():
        text = path.read_text()
        if _env_reads(path) or "quiver.settings.env" in text:
            offenders.append(f"{path.relative_to(SRC)} reads the environment")
        if re.search(r"getattr\(settings,\s*\"QUIVER_", text):
            offenders.append(f"{path.relative_to(SRC)} has a getattr default")
    assert not list(SRC.glob("*/conf.py")), "per-app conf modules: read django.conf.settings instead"
    assert not offenders, offenders


def test_every_setting_the_code_reads_is_defined():
    used = set()
    for path in _code_files():
        used |= set(re.findall(r"settings\.(QUIVER_[A-Z0-9_]+)", path.read_text()))
    assert used, "the scan found no settings reads"
    assert not [name for name in sorted(used) if not hasattr(settings, name)]


def test_env_helpers_refuse_bad_numbers(monkeypatch):
    from quiver.settings.env import env_float, env_int

    monkeypatch.setenv("QUIVER_NEAR_DUPLICATE_THRESHOLD", "high")
    with pytest.raises(ValueError, match="QUIVER_NEAR_DUPLICATE_THRESHOLD must be a number, got 'high'"):
        env_float("QUIVER_NEAR_DUPLICATE_THRESHOLD", 0.8)
    monkeypatch.setenv("QUIVER_TRASH_DAYS", "3.5")
    with pytest.raises(ValueError, match="QUIVER_TRASH_DAYS must be an integer"):
        env_int("QUIVER_TRASH_DAYS", 30)
    monkeypatch.setenv("QUIVER_NEAR_DUPLICATE_THRESHOLD", "0.9")
    assert env_float("QUIVER_NEAR_DUPLICATE_THRESHOLD", 0.8) == 0.9
