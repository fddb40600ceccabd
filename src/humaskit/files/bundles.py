"""Files of the evaluation step: summary bundles in, bundles out, and the team's targets.

Presentation layer (:mod:`humaskit.files`, the kit's own files); the bundles themselves are
built and checked by :mod:`humaskit.evaluation`.

- :func:`read_bundles` reads every evaluation bundle in a folder (the ``ringkasan.json``
  a monthly report writes, at any depth, or bundle ``.json`` files a unit sent to the
  forum) or a list of files. A file that is not a bundle is reported, not silently
  dropped: it goes to ``skipped`` with the reason.
- :func:`write_bundle` writes one bundle as UTF-8 JSON.
- :func:`read_targets` reads a targets table (CSV or xlsx; columns ``kpi``, ``target`` and
  optionally ``platform``; Indonesian headers ``indikator``/``sasaran`` accepted).

Examples
--------
>>> import tempfile, pathlib
>>> from humaskit.evaluation import make_bundle
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_bundle(make_bundle("2025-09", "Dinas A", {"posts": 3}), folder / "a.json")
>>> _ = (folder / "catatan.json").write_text('{"x": 1}', encoding="utf-8")
>>> found = read_bundles(folder)
>>> [b["unit"] for b in found.bundles], len(found.skipped)
(['Dinas A'], 1)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DamagedFile, DataNotFound, HumaskitError, ParameterError, UnsupportedFile
from ..i18n import t

__all__ = ["BundleFiles", "read_bundles", "write_bundle", "read_targets", "read_table_file"]


@dataclass
class BundleFiles:
    """Bundles read from files, and the files that were not bundles (with the reason)."""

    bundles: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {"file": pd.Series([], dtype="str"), "reason": pd.Series([], dtype="str")}
        )
    )

    def __len__(self) -> int:
        return len(self.bundles)


def _json_files(source: Any) -> list[Path]:
    if isinstance(source, (list, tuple)):
        return [Path(p) for p in source]
    path = Path(source).expanduser()
    if path.is_file():
        return [path]
    if not path.exists():
        raise DataNotFound(t("evaluation.no_bundle_folder", None, value=str(source)))
    return sorted(p for p in path.rglob("*.json") if p.is_file())


def read_bundles(source: str | Path | list, *, lang: str | None = None) -> BundleFiles:
    """Read evaluation bundles from a folder (searched at any depth) or a list of files.

    Raises
    ------
    DataNotFound
        The folder does not exist or holds no bundle at all (the files looked at are
        named in the message).
    """
    from ..evaluation import check_bundle

    files = _json_files(source)
    out = BundleFiles()
    skipped = []
    for path in files:
        try:
            with open(path, encoding="utf-8-sig") as fh:
                data = json.load(fh)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            skipped.append(
                {
                    "file": str(path),
                    "reason": t("evaluation.bundle_unreadable", lang, error=type(exc).__name__),
                }
            )
            continue
        try:
            b = check_bundle(data, source=path.name, lang=lang)
        except HumaskitError as exc:
            skipped.append({"file": str(path), "reason": str(exc)})
            continue
        out.bundles.append(b)
        out.files.append(str(path))
    if skipped:
        out.skipped = pd.DataFrame(skipped).astype("str")
    if not out.bundles:
        raise DataNotFound(t("evaluation.no_bundles_in", lang, value=str(source), n=len(files)))
    return out


def write_bundle(bundle: dict[str, Any], path: str | Path) -> Path:
    """Write a checked bundle as UTF-8 JSON (parent folders created)."""
    from ..evaluation import check_bundle

    b = check_bundle(bundle)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(b, fh, ensure_ascii=False, indent=2)
    return path


_HEADERS = {
    "kpi": ("kpi", "indikator", "ukuran", "metric", "metrik"),
    "target": ("target", "sasaran", "nilai_target", "nilai"),
    "platform": ("platform", "kanal", "media_sosial", "medsos"),
    "keyword": ("keyword", "kata_kunci", "kata", "kunci"),
    "topic": ("topic", "topik", "tema"),
    "unit": ("unit", "unit_kerja", "opd", "dinas", "penanggung_jawab"),
}


def _norm_header(name: Any) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def read_table_file(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read a small CSV (any of , ; tab separators, ``#`` comment lines) or xlsx table as text.

    Raises
    ------
    DataNotFound, UnsupportedFile, DamagedFile
        One plain sentence naming the file.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise DataNotFound(t("evaluation.no_file", lang, value=str(path)))
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            df = pd.read_excel(path, dtype="str")
        elif suffix in (".csv", ".txt", ".tsv"):
            df = pd.read_csv(
                path,
                sep=None,
                engine="python",
                comment="#",
                dtype="str",
                encoding="utf-8-sig",
                skip_blank_lines=True,
            )
        else:
            raise UnsupportedFile(t("evaluation.table_kind", lang, value=path.name))
    except (UnsupportedFile, DataNotFound):
        raise
    except Exception as exc:  # noqa: BLE001 (any reader failure is a damaged file)
        raise DamagedFile(
            t("evaluation.table_damaged", lang, value=path.name, error=type(exc).__name__)
        ) from None
    df.columns = [_norm_header(c) for c in df.columns]
    return df


def _canonical(df: pd.DataFrame, wanted: tuple[str, ...]) -> pd.DataFrame:
    rename = {}
    for canon in wanted:
        for alias in _HEADERS[canon]:
            if alias in df.columns and canon not in rename.values():
                rename[alias] = canon
                break
    return df.rename(columns=rename)


def read_targets(path: str | Path, *, lang: str | None = None) -> pd.DataFrame:
    """Read the team's targets: ``kpi, target[, platform]`` (one row per target).

    Values may use a decimal comma (``0,9``) or a percent sign (``90%`` = 0.9).

    Raises
    ------
    ParameterError
        A missing column, an unknown KPI or a target that is not a number, naming the
        file and row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "target.csv"
    >>> _ = p.write_text("indikator;sasaran\\nwithin_limit_share;90%\\n", encoding="utf-8")
    >>> read_targets(p)[["kpi", "target"]].values.tolist()
    [['within_limit_share', 0.9]]
    """
    from ..evaluation import kpi_directions

    df = _canonical(read_table_file(path, lang=lang), ("kpi", "target", "platform"))
    name = Path(path).name
    for col in ("kpi", "target"):
        if col not in df.columns:
            raise ParameterError(t("evaluation.targets_column", lang, file=name, column=col))
    known = set(kpi_directions()["kpi"])
    out = []
    for i, row in enumerate(df.itertuples(index=False), start=2):
        kpi = str(getattr(row, "kpi", "") or "").strip()
        if not kpi or kpi == "nan":
            continue
        if kpi not in known:
            raise ParameterError(
                t(
                    "evaluation.targets_kpi",
                    lang,
                    file=name,
                    row=i,
                    value=kpi,
                    known=", ".join(sorted(known)),
                )
            )
        raw = str(getattr(row, "target", "") or "").strip()
        pct = raw.endswith("%")
        try:
            value = float(raw.rstrip("%").strip().replace(",", "."))
        except ValueError:
            raise ParameterError(
                t("evaluation.targets_value", lang, file=name, row=i, value=raw)
            ) from None
        plat = str(getattr(row, "platform", "") or "").strip().lower()
        out.append(
            {
                "kpi": kpi,
                "target": value / 100 if pct else value,
                "platform": plat if plat and plat != "nan" else "all",
            }
        )
    return pd.DataFrame(out, columns=["kpi", "target", "platform"])
