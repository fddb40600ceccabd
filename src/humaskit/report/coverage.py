"""What a report is built from: files, accounts, platforms, first and last day.

Every playbook opens with :func:`section`, so a reader sees the coverage before any figure.
A table the folder does not hold is named with the download or file that fills it: real
download folders are partial (a Facebook-only download has no citizens' comments, no follower
series, no audience), and that is normal, not an error.

Layer: presentation (may use every step below; reads no file).

Examples
--------
>>> from humaskit import samples
>>> cov = coverage(samples.workspace())
>>> sorted(cov["table"].unique())
['audience', 'daily', 'mentions', 'posts']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..fmt import esc, fmt_number, fmt_range
from ..i18n import label, resolve, t
from . import print_limited

__all__ = ["TIME_COLUMNS", "coverage", "missing_tables", "section"]

#: The date or time column that places each table's rows in time.
TIME_COLUMNS = {
    "posts": "published_at",
    "mentions": "created_at",
    "daily": "date",
    "audience": "as_of",
}


def _local_days(values: pd.Series, tz: str) -> pd.Series:
    s = pd.to_datetime(values, errors="coerce", utc=False)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert(tz).dt.tz_localize(None)
    return s.dt.normalize()


def coverage(data: Any, *, tz: str = "Asia/Jakarta") -> pd.DataFrame:
    """One row per table, platform and account: rows, first and last day (local time).

    Parameters
    ----------
    data : Workspace
        A workspace (:func:`humaskit.io.read_folder`, :func:`humaskit.samples.workspace`).
    tz : str
        The institution's time zone; days are counted in it.

    Returns
    -------
    DataFrame
        ``table``, ``platform``, ``account``, ``rows``, ``first_day``, ``last_day``.
    """
    parts = []
    for table, col in TIME_COLUMNS.items():
        df = getattr(data, table, None)
        if not isinstance(df, pd.DataFrame) or df.empty or col not in df.columns:
            continue
        days = _local_days(df[col], tz)
        frame = pd.DataFrame(
            {
                "platform": df["platform"].astype("str").fillna("?").to_numpy(),
                "account": df["account"].astype("str").fillna("?").to_numpy(),
                "day": days.to_numpy(),
            }
        )
        g = frame.groupby(["platform", "account"], dropna=False, sort=True)["day"]
        out = g.agg(rows="size", first_day="min", last_day="max").reset_index()
        out.insert(0, "table", table)
        parts.append(out)
    if not parts:
        return pd.DataFrame(
            columns=["table", "platform", "account", "rows", "first_day", "last_day"]
        )
    return pd.concat(parts, ignore_index=True)


def missing_tables(data: Any) -> list[str]:
    """The tables of :data:`TIME_COLUMNS` that ``data`` does not hold (in display order).

    Examples
    --------
    >>> from humaskit.io import Workspace
    >>> missing_tables(Workspace())
    ['posts', 'mentions', 'daily', 'audience']
    """
    return [
        k
        for k in TIME_COLUMNS
        if not isinstance(getattr(data, k, None), pd.DataFrame) or getattr(data, k).empty
    ]


def _import_lines(imports: list, lang: str) -> list[str]:
    """HTML: rows imported and skipped, and the values the import emptied, rounded or
    replaced (each note of :func:`humaskit.io.accounting.changed_values`, at most 8)."""
    from ..io.accounting import FAILED_KINDS, changed_values

    read = [i for i in imports if i.kind not in FAILED_KINDS]
    if not imports:
        return []
    out = []
    text = t(
        "coverage.rows",
        lang,
        rows=fmt_number(sum(i.rows_in_file for i in read), lang),
        imported=fmt_number(sum(i.imported for i in read), lang),
        skipped=fmt_number(sum(len(i.skipped) for i in read), lang),
        failed=fmt_number(len(imports) - len(read), lang),
    )
    changed = changed_values(imports, lang)
    if changed:
        text += " " + t("coverage.changed", lang, n=fmt_number(sum(n for *_, n in changed), lang))
    out.append(f"<p>{esc(text)}</p>")
    if changed:
        items = [f"<li>{esc(f)}: {esc(note)}</li>" for f, note, _ in changed[:8]]
        if len(changed) > 8:
            items.append(f"<li>{esc(t('common.and_more', lang, n=len(changed) - 8))}</li>")
        out.append(f"<ul>{''.join(items)}</ul>")
    return out


def section(data: Any, *, tz: str = "Asia/Jakarta", lang: str | None = None, source: str = ""):
    """The report's opening section: what the figures are built from, and what is missing.

    One sentence with the files, accounts and platforms; for imported folders one with
    the rows imported and skipped and the values emptied, rounded or replaced (listed);
    a table with, per platform and
    account, the days each kind of data covers; then one sentence per missing kind of data
    naming the download or file that fills it.
    """
    from IPython.display import HTML

    lang = resolve(lang)
    cov = coverage(data, tz=tz)
    files = len(getattr(data, "imports", []) or [])
    accounts = cov[["platform", "account"]].drop_duplicates() if len(cov) else cov
    platforms = ", ".join(label(p, lang) for p in sorted(cov["platform"].unique())) or "–"
    parts = [f"<h2>{esc(t('coverage.title', lang))}</h2>"]
    if source:
        parts.append(f"<p>{esc(source)}</p>")
    key = "coverage.summary" if files else "coverage.summary_tables"
    parts.append(
        "<p>"
        + esc(
            t(
                key,
                lang,
                files=fmt_number(files, lang),
                accounts=fmt_number(len(accounts), lang),
                platforms=platforms,
            )
        )
        + "</p>"
    )
    parts.extend(_import_lines(getattr(data, "imports", []) or [], lang))
    if len(cov):
        tables = [k for k in TIME_COLUMNS if k in set(cov["table"])]
        heads = [t("coverage.col.platform", lang), t("coverage.col.account", lang)] + [
            t(f"coverage.col.{k}", lang) for k in tables
        ]
        head = "".join(f"<th>{esc(h)}</th>" for h in heads)
        rows = []
        for (platform, account), g in cov.groupby(["platform", "account"], sort=True):
            cells = [label(platform, lang), account]
            by_table = {r.table: r for r in g.itertuples(index=False)}
            for k in tables:
                r = by_table.get(k)
                cells.append(
                    "–"
                    if r is None
                    else f"{fmt_number(r.rows, lang)} · {fmt_range(r.first_day, r.last_day, lang)}"
                )
            rows.append(
                "<tr>"
                + "".join(
                    f'<td data-label="{esc(h)}">{esc(v)}</td>'
                    for h, v in zip(heads, cells, strict=True)
                )
                + "</tr>"
            )
        rows, after = print_limited(rows, len(rows), lang=lang)
        parts.append(
            f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            + after
        )
    gone = missing_tables(data)
    if gone:
        items = "".join(f"<li>{esc(t(f'coverage.missing.{k}', lang))}</li>" for k in gone)
        parts.append(f"<p>{esc(t('coverage.missing_intro', lang))}</p><ul>{items}</ul>")
    return HTML(f'<div class="hk">{"".join(parts)}</div>')
