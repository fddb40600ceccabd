"""Repository rules: output-free notebooks, one parameters cell, no logic in notebooks,
environment.yml in step with pyproject.toml."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PLAYBOOKS = sorted((ROOT / "playbooks").glob("*.ipynb"))
ALL = NOTEBOOKS + PLAYBOOKS


def _ids(paths):
    return [p.name for p in paths]


def test_there_are_notebooks_and_playbooks():
    assert PLAYBOOKS, "playbooks/ must hold at least the monthly evaluation"
    assert (ROOT / "playbooks" / "evaluasi-bulanan.ipynb").exists()


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_notebook_is_output_free(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.get("outputs"), f"{path.name} cell {i} has saved outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} was executed"


@pytest.mark.parametrize("path", ALL, ids=_ids(ALL))
def test_notebook_defines_no_function_or_class_and_uses_python3(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        src = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        tree = ast.parse(src)
        for node in ast.walk(tree):
            assert not isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            ), f"{path.name} cell {i} defines code; move it into src/humaskit"
        assert not re.search(r"['\"](/|[A-Za-z]:\\)", cell.source), (
            f"{path.name} cell {i} has an absolute path"
        )


@pytest.mark.parametrize("path", PLAYBOOKS, ids=_ids(PLAYBOOKS))
def test_playbook_has_one_documented_parameters_cell_then_validation(path):
    nb = nbformat.read(path, as_version=4)
    idx = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(idx) == 1, f"{path.name}: exactly one cell tagged 'parameters'"
    cell = nb.cells[idx[0]]
    tree = ast.parse(cell.source)
    assert tree.body, "parameters cell is empty"
    for node in tree.body:
        assert isinstance(node, ast.AnnAssign), f"{path.name}: only annotated assignments"
        ast.literal_eval(node.value)
    for line in cell.source.splitlines():
        if line.strip():
            assert "#" in line, f"{path.name}: every parameter needs a comment: {line}"
            comment = line.split("#", 1)[1]
            # papermill --help-notebook cannot parse a line whose comment holds "="
            assert "=" not in comment, f"{path.name}: no '=' in a parameter comment: {line}"
    following = [c for c in nb.cells[idx[0] + 1 :] if c.cell_type == "code"][0]
    assert "playbooks.validate(" in following.source, f"{path.name}: validate right after"
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert "playbooks.summary(" in last.source, f"{path.name}: last cell writes the summary"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_teaching_notebook_follows_the_template(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for section in ("Tujuan", "Prasyarat", "Latihan", "Ringkasan"):
        assert section in text, f"{path.name} lacks the section {section}"


def _names(reqs):
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in reqs}


def test_environment_yml_names_every_dependency():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = _names(pyproject["project"]["dependencies"])
    test = _names(pyproject["project"]["optional-dependencies"]["test"])
    env = (ROOT / "environment.yml").read_text()
    listed = {
        re.split(r"[<>=!~ ]", line.strip()[2:].strip(), maxsplit=1)[0].lower()
        for line in env.splitlines()
        if line.strip().startswith("- ") and not line.strip().startswith("- -")
    }
    missing = (runtime | test) - listed
    assert not missing, f"environment.yml lacks {sorted(missing)}"
    assert "- -e ." in env


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _project_files() -> list[Path]:
    """The files git tracks (every file outside .git/.venv when git is not there)."""
    import subprocess

    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        return [ROOT / n for n in out.decode("utf-8", "replace").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "__pycache__"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.parts)]


def test_no_copies_of_shared_material_in_the_project():
    # Compared by content (sha256), as ../shared/hooks/before-stop does: a file may share
    # a name with a real export ("Table data.csv") without being a copy of it.
    shared = ROOT.parent / "shared"
    if not shared.exists():
        pytest.skip("../shared not present")
    theirs = {
        _sha256(p): p
        for sub in ("real-exports", "eval")
        for p in (shared / sub).rglob("*")
        if p.is_file() and p.stat().st_size > 2048
    }
    copied = sorted(
        str(p.relative_to(ROOT))
        for p in _project_files()
        if p.is_file() and p.stat().st_size > 2048 and _sha256(p) in theirs
    )
    assert not copied, f"copies of ../shared data in the project: {copied}"


@pytest.mark.parametrize("with_wheels", [False, True])
def test_setup_installs_from_wheels_folder_without_internet(tmp_path, with_wheels):
    # a workshop copies a folder with wheels/ (made by `make wheels`): set-up must then
    # install from it with --no-index, and from the package index otherwise
    import shutil
    import subprocess

    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if with_wheels:
        (tmp_path / "wheels").mkdir()
        (tmp_path / "wheels" / "pandas-3.0.0-py3-none-any.whl").write_bytes(b"")
    plan = subprocess.run(
        [make, "-n", "setup"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    installs = [line for line in plan.splitlines() if "pip install" in line]
    assert len(installs) == 2
    for line in installs:
        assert ("--no-index --find-links wheels" in line) is with_wheels
