"""Read platform exports into canonical tables: one file, a whole folder, and the accounting.

:func:`read_export` recognises a file **by its content** (container, encoding, header
names in 14 UI languages listed in ``data/io/columns*.csv``, and values: links, ids, times,
post types; see :mod:`humaskit.io.recognise`), never by its name alone, and returns an
:class:`~humaskit.io.Import`. :func:`read_folder` imports every file of a folder
(sub-folders and zip archives too) into a :class:`~humaskit.io.Workspace`, merging
overlapping exports; one file that cannot be read is reported (kind ``unsupported`` or
``damaged``, with its name and the reason) and the others are read.
:func:`import_report` is the per-file accounting the command ``humaskit impor FOLDER``
prints.

Recognised formats
------------------
===================  ===========================================================  =========
source               file                                                         table
===================  ===========================================================  =========
meta.posts           Meta Business Suite post export (Facebook/Instagram), old    posts
                     Facebook Insights post export (xlsx, SpreadsheetML ".xls")
meta.posts_by_values the same in a UI language no vocabulary lists (by values)    posts
meta.daily           Meta daily series, one or several blocks (UTF-16, ``sep=,``)  daily
meta.legacy_daily    old Facebook Insights page-level workbook                    daily
meta.audience        Meta audience file (age x gender, cities, countries...)      audience
x.posts              X legacy ``tweet_activity_metrics_*``, X Premium content      posts
x.daily              X Premium account overview, legacy daily export              daily
youtube.posts        YouTube Studio "Table data" by content                       posts
youtube.daily        YouTube Studio "Chart data", "Totals"                         daily
youtube.geography    YouTube Studio "Table data" by geography                     audience
tiktok.posts         TikTok Content                                               posts
tiktok.daily         TikTok Overview, Viewers, FollowerHistory, FollowerActivity   daily
tiktok.audience      TikTok FollowerGender, FollowerTopTerritories                audience
mentions             a table of comments/mentions kept by hand or by a tool       mentions
humaskit.<table>     a file with canonical column names (all eight tables)       <table>
===================  ===========================================================  =========

Every row is accounted for: ``rows_in_file == imported + len(skipped)``, counting the
rows a spreadsheet shows with data: ``sep=``, titles, headers, description rows, YouTube's
``Total`` and footer lines and blank lines are not rows; a row holding several values (a
day of a file with one column per metric, an age row or a line of cities in an audience
file) is one row, imported when any of its values is.

Accounts (:attr:`Import.account`, and how: :attr:`Import.account_source`): from the
file's content where it names them (account name / username / id columns, links, the
legacy X file name); else ``account=``; else, in :func:`read_folder`, the only account of
the same platform named by other exports **of the same folder**, or the name of the
sub-folder holding the file (not a download word such as ``pagelevel_daily``, not a
platform name, never the folder given to :func:`read_folder`); else unknown: the rows carry
``?`` and the file's path, and the notes say how to assign it. Platform likewise: the
file, ``platform=``, the only Meta platform of the same folder, a folder or file name such
as ``instagram/`` or ``fb_...``; a Meta file that names none is taken as Instagram, said in
the notes.

How cells are read: numbers in :mod:`humaskit.io.numbers` (``1.234``, ``12,5%``, ``-``...),
times and time zones in :mod:`humaskit.io.times` (Meta's Pacific time across daylight
saving, X ids, years of TikTok dates), row numbers and big files in
:mod:`humaskit.io.files`.

Merging in :func:`read_folder`: the same post (platform, post id), mention, daily value or
audience value found in several files is kept once; the values of the most recent export
win (the export day comes from the file name, else the file's date) and its empty cells
are filled from older exports.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.csv").write_text("platform,account,date,metric,value\\n"
...                                   "x,humas,2025-09-01,followers,10\\n")
>>> _ = (folder / "catatan.txt").write_text("bukan tabel")
>>> ws = read_folder(folder)
>>> len(ws.daily), [i.kind for i in ws.imports]
(1, ['daily', 'unsupported'])
>>> import_report(ws, lang="en").columns.tolist()
['File', 'Platform', 'Kind', 'Account', 'Account from', 'Rows in file', 'Imported', 'Skipped', 'Reason']
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DamagedFile, DataNotFound, HumaskitError, ParameterError, UnsupportedFile
from ..i18n import resolve, t
from .accounting import FAILED_KINDS, failures, import_report
from .base import (
    Options,
    Result,
    finish_table,
    path_hint_platform,
    skipped_frame,
)
from .core import WORKSPACE_TABLES, Import, Workspace
from .fastcsv import on_c_heap, release_memory
from .files import READ_ERRORS, _why, open_source, special_kind
from .folder import account_folder, is_archive, unzip, walk
from .joins import join_column
from .recognise import FORMATS, candidates, choose
from .times import dates_in_name

__all__ = ["read_export", "read_folder", "import_report", "failures", "FORMATS", "FAILED_KINDS"]

MERGE_KEYS = {
    "posts": ["platform", "post_id"],
    "mentions": ["platform", "mention_id"],
    "daily": ["platform", "account", "date", "metric"],
    "audience": ["platform", "account", "as_of", "dimension", "segment"],
    "accounts": ["platform", "handle"],
    "influencers": ["platform", "handle"],
}


# --------------------------------------------------------------------------- one file


@dataclass
class _Pending:
    path: Path
    label: str
    result: Result
    mtime: float


def _parse(path: Path, opts: Options, label: str | None = None) -> _Pending:
    lang = opts.lang
    try:
        src = open_source(path, lang=lang)
        cand = choose(src, candidates(src), lang)
        result = cand.fmt.read(src, cand, opts)
        # what opening and reading the file noticed (bad bytes, NUL, duplicated headers)
        result.notes[:0] = [n for n in dict.fromkeys(src.notes) if n not in result.notes]
    except HumaskitError:
        raise
    except READ_ERRORS() as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=str(exc)[:160])) from None
    except OSError as exc:
        raise DamagedFile(t("io.damaged", lang, file=path.name, what=str(exc)[:160])) from None
    except Exception as exc:  # a reader's own bug must not take a whole folder down
        raise DamagedFile(_internal(path.name, exc, lang)) from exc
    return _Pending(path, label or str(path), result, path.stat().st_mtime)


@dataclass
class _Done:
    """A file finished as soon as it was read, and what the other files need of it."""

    path: Path
    platform: str | None
    accounts: set
    recency: tuple
    imp: Import
    failed: bool = False


def _accounts_of(r: Result) -> set:
    if "account" in r.table and len(r.table):
        return set(r.table["account"].dropna().astype(str).unique())
    return set()


def _self_contained(p: _Pending) -> bool:
    """True when ``p`` names its platform and accounts and will not be re-dated: it is
    finished as soon as it is read (streamed), its raw cells freed before the next file."""
    r = p.result
    return r.platform is not None and not r.needs_account and not r.source.startswith("tiktok.")


def _internal(name: str, exc: BaseException, lang: str | None) -> str:
    """The one sentence for a file a reader failed on (a bug to report, not the user's)."""
    what = f"{type(exc).__name__}: {str(exc)[:120]}".rstrip(": ")
    return t("io.reader_failed", lang, file=name, what=what)


def _dedupe(table: pd.DataFrame, rows: np.ndarray, kind: str, lang: str | None):
    keys = list(MERGE_KEYS.get(kind, []))
    if kind == "daily":
        keys += [k for k in ("hour", "post_id") if k in table]
    if not keys or not len(table) or not all(k in table for k in keys):
        return table, rows, []
    single = [k for k in keys if k == keys[-1] or table[k].nunique(dropna=False) > 1]
    dup = table.duplicated(subset=single, keep="last").to_numpy()
    if not dup.any():
        return table, rows, []
    later = table.loc[~table.duplicated(subset=keys, keep="last")]
    last_row = pd.Series(rows[~dup], index=pd.MultiIndex.from_frame(later[keys]))
    dup_keys = pd.MultiIndex.from_frame(table.loc[dup, keys])
    kept_at = last_row.reindex(dup_keys).to_numpy()
    skipped = [
        (int(r), t("io.skip_duplicate", lang, row=int(k)))
        for r, k in zip(rows[dup], kept_at, strict=True)
    ]
    return table.loc[~dup].reset_index(drop=True), rows[~dup], skipped


def _wide_accounting(
    rows: np.ndarray, skipped: list[tuple[int, str]], lang: str | None
) -> tuple[int, list[tuple[int, str]], list[str]]:
    """Rows of the file imported, and skipped ones, when a file row makes several table rows.

    A row counts as imported when at least one of its values is in the table; a row whose
    values were all left out is skipped once, with its first reason.
    """
    kept = set(np.asarray(rows, dtype="int64").tolist())
    out: dict[int, str] = {}
    partly = 0
    for r, why in sorted(skipped):
        if r in kept:
            partly += 1
            continue
        out.setdefault(int(r), why)
    notes = [t("io.note_values_left_out", lang, n=partly)] if partly else []
    return len(kept), sorted(out.items()), notes


def _finish(
    p: _Pending,
    opts: Options,
    *,
    platform: str | None = None,
    account: str | None = None,
    how: str | None = None,
    platform_how: str | None = None,
    placeholder: str | None = None,
) -> Import:
    lang = opts.lang
    r = p.result
    notes = list(r.notes)
    table = r.table
    plat = r.platform or platform or opts.platform or path_hint_platform(p.path)
    if r.platform != "humaskit":
        col = table["platform"] if "platform" in table.columns else None
        if col is None or col.isna().any():
            rule = None
            if plat is None and r.source.startswith("meta."):
                plat, rule = "instagram", "io.how_meta_default"
            if plat is None:
                raise UnsupportedFile(t("io.which_platform", lang, file=p.path.name))
            if r.platform is None:
                rule = rule or (
                    (platform_how or "io.how_sibling")
                    if platform
                    else ("io.how_param" if opts.platform else "io.how_hint")
                )
                notes.append(t("io.note_platform_from", lang, platform=plat, how=t(rule, lang)))
            table["platform"] = plat if col is None else col.astype("str").fillna(plat)
        if plat is None:
            plat = ", ".join(sorted(table["platform"].dropna().astype(str).unique()))
    acc_source = ""
    if r.kind in ("posts", "mentions", "audience", "daily") and r.platform != "humaskit":
        acc = (
            table["account"]
            if "account" in table
            else pd.Series(pd.NA, index=table.index, dtype="str")
        )
        acc = acc.astype("str")
        acc_source = "file"
        if acc.isna().any():
            named = bool(acc.notna().any())
            if opts.account:
                fill, rule, acc_source = opts.account, "io.how_param", "param"
            elif account:
                fill, rule, acc_source = account, (how or "io.how_sibling"), "folder"
            else:
                fill, rule, acc_source = placeholder or f"?{p.path.stem}", None, "unknown"
            if named:
                acc_source = "file"
            acc = acc.fillna(fill)
            if rule is None:
                notes.append(t("io.note_account_unknown", lang, account=fill))
            else:
                notes.append(t("io.note_account_from", lang, account=fill, how=t(rule, lang)))
        table["account"] = acc
    rows = r.rows if r.rows is not None else np.arange(1, len(table) + 1)
    dups: list = []
    if not r.unique_ids:
        table, rows, dups = _dedupe(table, rows, r.kind, lang)
    table, bad, more, keep = finish_table(table, r.kind, rows, lang, return_keep=True)
    notes += more
    skipped = sorted(r.skipped + dups + bad)
    rows_imported = None
    if r.wide:
        rows_imported, skipped, partly = _wide_accounting(rows[keep], skipped, lang)
        notes += partly
    accounts = ""
    if "account" in table.columns and len(table):
        accounts = ", ".join(sorted(table["account"].dropna().astype(str).unique()))
    return Import(
        path=p.label,
        platform=plat if r.platform != "humaskit" else "humaskit",
        kind=r.kind,
        table=table,
        rows_in_file=r.rows_in_file,
        skipped=skipped_frame(skipped),
        source=r.source,
        notes=notes,
        account=accounts,
        account_source=acc_source if len(table) else "",
        rows_imported=rows_imported,
    )


def _options(platform, account, export_date, tz, lang) -> Options:
    lang = resolve(lang)
    if platform is not None:
        code = schema.platform_code(platform, strict=False)
        if code not in schema.PLATFORMS:
            raise ParameterError(
                t("io.bad_platform", lang, value=platform, known=", ".join(schema.PLATFORMS))
            )
        platform = code
    if export_date is not None and not isinstance(export_date, date):
        try:
            export_date = pd.Timestamp(export_date).date()
        except (TypeError, ValueError):
            raise ParameterError(t("io.bad_export_date", lang, value=export_date)) from None
    if tz is not None:
        try:
            pd.Timestamp("2020-01-01").tz_localize(tz)
        except Exception:  # zoneinfo raises several types for an unknown zone
            raise ParameterError(t("io.bad_tz", lang, value=tz)) from None
    return Options(platform=platform, account=account, export_date=export_date, tz=tz, lang=lang)


@on_c_heap
def read_export(
    path: str | os.PathLike,
    *,
    platform: str | None = None,
    account: str | None = None,
    export_date: date | str | None = None,
    tz: str | None = None,
    lang: str | None = None,
) -> Import:
    """Read one platform export (or canonical table file) into a canonical table.

    Parameters
    ----------
    path : str or Path
        A CSV, TSV, XLSX, SpreadsheetML ``.xls`` file, optionally gzip-compressed.
    platform : str, optional
        Only for files that do not say (Meta daily/audience series): ``facebook``,
        ``instagram``...
    account : str, optional
        The account for rows whose file does not name it (Meta series, YouTube, TikTok
        series). Accounts written in the file are kept.
    export_date : date or "YYYY-MM-DD", optional
        The day the file was downloaded: anchors dates without a year (TikTok) and the
        ``as_of`` day of audience files. Default: a day in the file name, else the file's
        modification day.
    tz : str, optional
        Time zone of the file's wall-clock times, to override the platform's (Meta:
        ``America/Los_Angeles``; hand-kept mention tables: ``Asia/Jakarta``).
    lang : {"id", "en"}, optional
        Language of notes and messages.

    Returns
    -------
    Import
        ``.table`` (canonical, validated), ``.platform``, ``.kind``, ``.rows_in_file``,
        ``.skipped`` (row, reason), ``.source``, ``.notes``.

    Raises
    ------
    DataNotFound
        The path does not exist.
    UnsupportedFile
        Not a recognised export; the message lists the headers that are not known.
    DamagedFile
        Empty, cut or unreadable file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "aneh.csv"
    >>> _ = p.write_text("Tarehe,Maoni\\n2025-01-01,3\\n")
    >>> try:
    ...     read_export(p, lang="en")
    ... except UnsupportedFile as exc:
    ...     print(str(exc).split(";")[1].split("(")[0].strip())
    unknown headers: Tarehe, Maoni
    """
    opts = _options(platform, account, export_date, tz, lang)
    p = Path(path).expanduser()
    if not p.exists():
        raise DataNotFound(t("io.not_found", opts.lang, path=str(path)))
    if p.is_dir():
        raise ParameterError(t("io.is_folder", opts.lang, path=str(path)))
    return _finish(_parse(p, opts), opts)


# --------------------------------------------------------------------------- folders


def _failure(label: str, exc: HumaskitError) -> Import:
    kind = "damaged" if isinstance(exc, DamagedFile) else "unsupported"
    return Import(
        path=label,
        platform="",
        kind=kind,
        table=pd.DataFrame(),
        rows_in_file=0,
        source="",
        notes=[str(exc)],
    )


def _unique(values) -> str | None:
    vals = {v for v in values if v}
    return vals.pop() if len(vals) == 1 else None


def _placeholder(p: _Pending, root: Path | None) -> str:
    """The stand-in account of a file nothing names: ``?`` and the file's path in the
    folder read (two channels' ``Table data.csv`` in two folders stay two accounts)."""
    label = Path(p.label)
    if root is not None:
        try:
            return "?" + label.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            pass
    return "?" + label.stem


def _resolve(
    pendings: list[_Pending],
    opts: Options,
    root: Path | None = None,
    done: list[_Done] | None = None,
) -> list[tuple[_Pending, dict]]:
    """Settle platform and account of files that do not name them.

    Platform: the only Meta platform named by other exports of the same folder. Account:
    the only account of that platform named by other exports of the same folder, else a
    sub-folder named after the account (see :func:`account_folder`); never a guess
    across folders (two owners' downloads side by side stay apart).
    """
    known = [(d, d.platform, d.accounts) for d in done or []]
    for p in pendings:
        known.append((p, p.result.platform, _accounts_of(p.result)))
    out = []
    for p, plat, _ in known:
        if not isinstance(p, _Pending):
            continue
        extra: dict = {}
        r = p.result
        if plat is None and not opts.platform and path_hint_platform(p.path) is None:
            cands = [
                k[1]
                for k in known
                if k[1] in ("facebook", "instagram") and k[0].path.parent == p.path.parent
            ]
            got = _unique(cands)
            if got:
                extra.update(platform=got, platform_how="io.how_sibling")
        platform = plat or extra.get("platform") or opts.platform or path_hint_platform(p.path)
        if r.needs_account and not opts.account:
            accs = [
                a
                for k in known
                if platform
                and k[1] == platform
                and k[0] is not p
                and k[0].path.parent == p.path.parent
                for a in k[2]
            ]
            got = _unique(accs)
            if got:
                extra.update(account=got, how="io.how_sibling")
            elif not accs:  # several owners side by side: the folder is not an account
                folder = account_folder(p.path, root)
                if folder:
                    extra.update(account=folder, how="io.how_folder")
            if "account" not in extra:
                extra["placeholder"] = _placeholder(p, root)
        out.append((p, extra))
    return out


def _reanchor(slots: list, opts: Options) -> list:
    """TikTok files dated by their file's save day take the export day of a Content file
    downloaded with them (same folder), so years are inferred from the real export day."""
    if opts.export_date is not None:
        return slots
    days: dict[Path, pd.Timestamp] = {}
    for s in slots:
        if isinstance(s, _Pending) and s.result.source == "tiktok.posts":
            if s.result.anchor == "io.anchor_column" and s.result.export_day is not None:
                days[s.path.parent] = max(
                    days.get(s.path.parent, s.result.export_day), s.result.export_day
                )
    if not days:
        return slots
    out = []
    for s in slots:
        day = days.get(s.path.parent) if isinstance(s, _Pending) else None
        if (
            day is not None
            and s.result.source.startswith("tiktok.")
            and s.result.anchor == "io.anchor_mtime"
        ):
            again = Options(
                platform=opts.platform,
                account=opts.account,
                export_date=day.date(),
                tz=opts.tz,
                lang=opts.lang,
            )
            try:
                s = _parse(s.path, again, s.label)
                s.result.notes.append(t("io.note_sibling_anchor", opts.lang, day=str(day.date())))
            except HumaskitError as exc:
                s = _failure(s.label, exc)
            except Exception as exc:  # never lose the folder for one file
                s = _failure(s.label, DamagedFile(_internal(s.path.name, exc, opts.lang)))
        out.append(s)
    return out


def _recency(p: _Pending) -> tuple:
    days = dates_in_name(p.path.name)
    day = pd.Timestamp(max(days)) if days else None
    if day is None and p.result.export_day is not None:
        day = p.result.export_day
    if day is None:
        day = pd.Timestamp(p.mtime, unit="s")
    return (day, p.mtime, p.label)


def _apart(frames: list[pd.DataFrame], keys: list[str]) -> bool:
    """True when no two ``frames`` can share a key (they hold different platforms)."""
    seen: set = set()
    for f in frames:
        if not all(k in f.columns for k in keys):
            return False
        values = f[keys[0]].unique().tolist()
        if any(v is None or v != v for v in values) or seen.intersection(values):
            return False
        seen.update(values)
    return True


def _merge(kind: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Imports' tables (each without a repeated key, see :func:`_dedupe`) as one table."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty(kind)
    if len(frames) == 1:
        return frames[0]
    cols: list[str] = []
    for f in frames:
        cols += [c for c in f.columns if c not in cols]
    both = pd.concat(frames, ignore_index=True)
    keys = list(MERGE_KEYS.get(kind, []))
    if kind == "daily":
        keys += [k for k in ("hour", "post_id") if k in both]
    if not keys:
        return both.drop_duplicates(keep="last").reset_index(drop=True)
    filler = {}
    for k in ("hour", "post_id"):
        if k in keys:
            filler[k] = both[k]
            both[k] = both[k].astype("str").fillna("\x00")
    if not _apart(frames, keys) and both.duplicated(subset=keys).any():
        merged = both.groupby(keys, sort=False, dropna=False).last().reset_index()
    else:  # nothing to merge: the rows as they are (what the grouping would give)
        merged = both
    for k in filler:
        merged[k] = merged[k].where(merged[k] != "\x00")
        if k == "hour":
            merged[k] = pd.to_numeric(merged[k]).astype("Int64")
    return merged[cols]


@on_c_heap
def read_folder(
    path: str | os.PathLike,
    *,
    account: str | None = None,
    export_date: date | str | None = None,
    tz: str | None = None,
    lang: str | None = None,
) -> Workspace:
    """Import every export in a folder (sub-folders and zip archives too) into a Workspace.

    Files that are not recognised or are damaged do not stop the import: they are kept in
    ``.imports`` with kind ``"unsupported"`` or ``"damaged"`` and the reason in ``.notes``
    (see :func:`failures` and :func:`import_report`). Overlapping exports are merged
    (rules in the module doc).

    Parameters
    ----------
    path : str or Path
        The folder (a single file also works).
    account, export_date, tz, lang
        As in :func:`read_export`, for every file.

    Returns
    -------
    Workspace
        ``.posts``, ``.mentions``, ``.audience``, ``.daily`` (and canonical tables found),
        ``.imports`` (one :class:`~humaskit.io.Import` per file, in file order).

    Raises
    ------
    DataNotFound
        The folder does not exist, is empty, or holds nothing humaskit recognises.

    Examples
    --------
    >>> read_folder("/tidak/ada", lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.DataNotFound: Folder /tidak/ada does not exist.
    """
    opts = _options(None, account, export_date, tz, lang)
    lang = opts.lang
    root = Path(path).expanduser()
    if not root.exists():
        raise DataNotFound(t("io.folder_not_found", lang, path=str(path)))
    unreadable: list[tuple[Path, OSError]] = []
    hidden: list[Path] = []
    files = [root] if root.is_file() else walk(root, unreadable, hidden)
    slots: list[_Pending | Import] = [
        _failure(str(d), DamagedFile(t("io.folder_unreadable", lang, file=d.name, what=_why(e))))
        for d, e in unreadable
    ]
    slots += [_failure(str(h), UnsupportedFile(t("io.hidden", lang, file=h.name))) for h in hidden]
    if not files and not slots:
        raise DataNotFound(t("io.folder_empty", lang, path=str(path)))
    with tempfile.TemporaryDirectory(prefix="humaskit-zip-") as tmp:
        work = Path(tmp)
        for n, f in enumerate(files):
            members = [(f, str(f))]
            if special_kind(f) is None and is_archive(f):
                try:
                    members = unzip(f, work / f"{n:05d}", lang)
                except Exception as exc:  # a bad archive is one failed file
                    err = (
                        exc
                        if isinstance(exc, HumaskitError)
                        else DamagedFile(t("io.damaged", lang, file=f.name, what=str(exc)[:160]))
                    )
                    slots.append(_failure(str(f), err))
                    continue
            for member, label in members:
                try:
                    pending = _parse(member, opts, label)
                except HumaskitError as exc:
                    slots.append(_failure(label, exc))
                    continue
                slots.append(_finish_now(pending, opts) if _self_contained(pending) else pending)
        slots = _reanchor(slots, opts)
        pendings = [s for s in slots if isinstance(s, _Pending)]
        done = [s for s in slots if isinstance(s, _Done)]
        top = root if root.is_dir() else None
        settled = dict((id(p), extra) for p, extra in _resolve(pendings, opts, top, done))
        imports: list[Import] = []
        order: list[tuple[tuple, Import]] = []
        for s in slots:
            if isinstance(s, Import):
                imports.append(s)
                continue
            if isinstance(s, _Done):
                imports.append(s.imp)
                if not s.failed:
                    order.append((s.recency, s.imp))
                continue
            extra = settled.get(id(s), {})
            try:
                imp = _finish(
                    s,
                    opts,
                    platform=extra.get("platform"),
                    account=extra.get("account"),
                    how=extra.get("how"),
                    platform_how=extra.get("platform_how"),
                    placeholder=extra.get("placeholder"),
                )
            except HumaskitError as exc:
                imports.append(_failure(s.label, exc))
                continue
            except Exception as exc:  # never lose the folder for one file
                err = DamagedFile(_internal(Path(s.label).name, exc, lang))
                imports.append(_failure(s.label, err))
                continue
            imports.append(imp)
            order.append((_recency(s), imp))
    if not order:
        listed = " ".join(i.notes[0] if i.notes else Path(i.path).name for i in imports[:10])
        if len(imports) > 10:
            listed += "; " + t("common.and_more", lang, n=len(imports) - 10)
        raise DataNotFound(
            t("io.nothing_recognised_files", lang, path=str(path), n=len(imports), files=listed)
        )
    order.sort(key=lambda pair: pair[0])
    tables = {}
    for kind in WORKSPACE_TABLES:
        group = [imp for _, imp in order if imp.kind == kind]
        if group:
            tables[kind] = _merge_checked(kind, group, imports, lang)
    return Workspace(**tables, imports=imports, name=root.name if root.is_dir() else root.stem)


def _finish_now(p: _Pending, opts: Options) -> _Done:
    """Finish a self-contained file at once (``imp`` is its failure when that failed)."""
    try:
        imp = _finish(p, opts)
    except HumaskitError as exc:
        imp = _failure(p.label, exc)
    except Exception as exc:  # never lose the folder for one file
        imp = _failure(p.label, DamagedFile(_internal(Path(p.label).name, exc, opts.lang)))
    failed = imp.kind in FAILED_KINDS
    return _Done(p.path, p.result.platform, _accounts_of(p.result), _recency(p), imp, failed)


def _merge_checked(kind: str, group: list[Import], imports: list[Import], lang) -> pd.DataFrame:
    """Merge the tables of ``group``; a file whose table cannot be merged with the others
    (a reader's bug) is reported as failed in ``imports`` instead of stopping the folder."""
    try:
        joined = _join_apart(kind, [i.table for i in group if len(i.table)])
        if joined is None:
            joined = _merge(kind, [i.table for i in group])
        return schema.validate(joined, kind, lang=lang)
    except HumaskitError:
        raise
    except Exception:  # find the file(s) at fault, one by one
        pass
    kept: list[pd.DataFrame] = []
    for imp in group:
        try:
            merged = schema.validate(_merge(kind, [*kept, imp.table]), kind, lang=lang)
        except Exception as exc:
            err = DamagedFile(_internal(Path(imp.path).name, exc, lang))
            imports[imports.index(imp)] = _failure(imp.path, err)
            continue
        kept = [merged]
    return kept[0] if kept else schema.empty(kind)


def _join_apart(kind: str, frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    """:func:`_merge` of tables that cannot share a key (other platforms), column by
    column: each file's column then becomes a view of the joined one (same dtype), so the
    files' tables and the joined table do not hold two copies (memory). None when the
    tables do not qualify (:func:`_merge` then does the work)."""
    keys = list(MERGE_KEYS.get(kind, []))
    if kind == "daily" or not keys or len(frames) < 2 or not _apart(frames, keys):
        return None
    cols: list[str] = []
    for f in frames:
        cols += [c for c in f.columns if c not in cols]
    sizes = np.cumsum([0] + [len(f) for f in frames])
    out = {}
    for c in cols:
        joined = join_column([f[c] if c in f.columns else len(f) for f in frames])
        if joined is None:
            parts = [f[[c]] if c in f.columns else f[[]] for f in frames]
            joined = pd.concat(parts, ignore_index=True)[c]
            del parts
        joined.name = c
        for f, lo, hi in zip(frames, sizes[:-1], sizes[1:], strict=True):
            if c in f.columns and f[c].dtype == joined.dtype:
                f[c] = pd.Series(joined.array[lo:hi], index=f.index, name=c, copy=False)
        out[c] = joined
        if not pd.api.types.is_string_dtype(joined.dtype):
            release_memory(collect=False)  # the files' own copies of the column
    return pd.DataFrame(out, index=pd.RangeIndex(int(sizes[-1])), copy=False)
