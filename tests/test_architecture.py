"""The package's architecture, checked: layers that only point down, no circles, small files.

The contract itself is in ``pyproject.toml`` (``[tool.importlinter]``) and is checked by
import-linter, a maintained tool; the README's "Susunan paket" section explains the layers.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "humaskit"
MAX_LINES = 800


def _lint_imports() -> tuple[int, str]:
    exe = Path(sys.executable).with_name("lint-imports")
    cmd = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    run = subprocess.run(
        [*cmd, "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": str(Path(sys.executable).parent)},
    )
    return run.returncode, run.stdout + run.stderr


def test_import_contracts_are_kept():
    code, out = _lint_imports()
    assert code == 0, out
    assert "0 broken" in out


def test_contracts_list_no_exceptions():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert {c["type"] for c in contracts} >= {"layers", "acyclic_siblings"}
    for contract in contracts:
        assert not contract.get("ignore_imports"), contract["name"]
        assert not contract.get("exhaustive_ignores"), contract["name"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rsplit(".", 1)[0]


def _private_imports() -> list[str]:
    """``from X import _name`` where X is outside the importer's own package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        package = _package_of(module, path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("humaskit"):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                own = target == package or target.startswith(package + ".")
                if private and not own:
                    found.append(f"{module}: from {target} import {alias.name}")
    return found


def test_no_private_name_crosses_a_package():
    assert _private_imports() == []


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_is_over_800_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by job"


@pytest.mark.parametrize("package", ["teaching", "plots"])
def test_flat_names_of_a_package_are_unique(package):
    """``hk.teaching.X`` / ``hk.plots.X`` find X in one module only: no name in two modules."""
    import importlib

    pkg = importlib.import_module(f"humaskit.{package}")
    seen: dict[str, str] = {}
    clashes = []
    for mod in pkg._MODULES:
        try:
            module = importlib.import_module(f"humaskit.{package}.{mod}")
        except ModuleNotFoundError:
            continue
        for name in getattr(module, "__all__", ()):
            if name in seen and seen[name] != mod:
                clashes.append(f"{name}: {seen[name]} and {mod}")
            seen.setdefault(name, mod)
    assert clashes == []
