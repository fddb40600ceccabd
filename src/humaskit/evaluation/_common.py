"""Shared pieces of the evaluation package: time windows, text matching, privacy, data files.

A **window** is the stretch of time a figure is computed over, in the institution's time
zone: a month (``"2025-09"``), a quarter (``"2025-Q3"``), a year (``"2025"``), one day
(``"2025-09-14"``) or a range of days (``("2025-09-01", "2025-09-15")``, both days
included). Its :meth:`Window.previous` is the window of the same kind (or the same number of
days) just before it, which every period-over-period change uses.

Examples
--------
>>> w = window("2025-Q3")
>>> w.label, w.previous().label, w.days
('2025-Q3', '2025-Q2', 92)
>>> window(("2025-09-01", "2025-09-07")).previous().label
'2025-08-25..2025-08-31'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError, SchemaError
from ..i18n import t
from ..paths import package_file

DEFAULT_TZ = "Asia/Jakarta"
TZ_ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
LATEST = ("terakhir", "latest", "last")


def zone(tz: str | None) -> str:
    """Return an IANA zone for ``tz`` (``WIB``/``WITA``/``WIT`` accepted)."""
    if tz is None:
        return DEFAULT_TZ
    return TZ_ALIASES.get(str(tz).upper(), str(tz))


# ---------------------------------------------------------------------------- windows


@dataclass(frozen=True)
class Window:
    """A stretch of local time ``[start, end)`` with a readable label.

    Attributes
    ----------
    start, end : Timestamp
        Local (tz-aware) start, and the exclusive end.
    label : str
        ``2025-09``, ``2025-Q3``, ``2025``, ``2025-09-14`` or ``2025-09-01..2025-09-15``.
    kind : str
        ``month``, ``quarter``, ``year`` or ``days``.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    label: str
    kind: str

    @property
    def days(self) -> int:
        """Number of calendar days in the window."""
        return int(round((self.end - self.start) / pd.Timedelta(days=1)))

    @property
    def tz(self) -> str:
        return str(self.start.tz)

    def previous(self) -> Window:
        """The window of the same kind just before this one."""
        if self.kind in ("month", "quarter", "year"):
            freq = {"month": "M", "quarter": "Q", "year": "Y"}[self.kind]
            per = pd.Period(self.start.tz_localize(None), freq=freq) - 1
            return _from_period(per, self.tz)
        length = self.end - self.start
        return _days(self.start - length, self.start, self.tz)

    def mask(self, times: pd.Series) -> np.ndarray:
        """Boolean array: which UTC ``times`` fall inside the window."""
        s = pd.to_datetime(times, utc=True)
        start = self.start.tz_convert("UTC")
        end = self.end.tz_convert("UTC")
        return ((s >= start) & (s < end)).fillna(False).to_numpy(dtype=bool)

    def date_mask(self, dates: pd.Series) -> np.ndarray:
        """Boolean array: which naive local ``dates`` fall inside the window."""
        d = pd.to_datetime(dates)
        start = self.start.tz_localize(None)
        end = self.end.tz_localize(None)
        return ((d >= start) & (d < end)).fillna(False).to_numpy(dtype=bool)

    def period(self) -> pd.Period | None:
        """The pandas Period of a month/quarter/year window (None for days)."""
        if self.kind == "days":
            return None
        freq = {"month": "M", "quarter": "Q", "year": "Y"}[self.kind]
        return pd.Period(self.start.tz_localize(None), freq=freq)

    def text(self, lang: str | None = None) -> str:
        """The window as a sentence writes it: ``17-30 September 2025``, ``September 2025``.

        :attr:`label` stays the short code used in file names and summaries.

        Examples
        --------
        >>> days_window("2025-09-17", "2025-09-30").text("id")
        '17-30 September 2025'
        """
        from ..fmt import fmt_date, fmt_range

        last = self.end - pd.Timedelta(days=1)
        if self.kind == "days":
            return fmt_range(self.start, last, lang)
        if self.kind == "month":
            return fmt_date(self.start, lang).split(" ", 1)[1]
        return self.label

    def __i18n__(self, lang: str) -> str:
        """How :func:`humaskit.i18n.t` writes the window in a sentence (:meth:`text`)."""
        return self.text(lang)

    def __str__(self) -> str:
        return self.label


def _from_period(per: pd.Period, tz: str) -> Window:
    start = per.start_time.tz_localize(tz)
    end = (per + 1).start_time.tz_localize(tz)
    freq = per.freqstr[0]
    if freq == "M":
        return Window(start, end, str(per), "month")
    if freq == "Q":
        return Window(start, end, f"{per.year}-Q{per.quarter}", "quarter")
    return Window(start, end, str(per.year), "year")


def _days(start: pd.Timestamp, end: pd.Timestamp, tz: str) -> Window:
    start = start.tz_localize(tz) if start.tzinfo is None else start.tz_convert(tz)
    end = end.tz_localize(tz) if end.tzinfo is None else end.tz_convert(tz)
    last = (end - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    first = start.strftime("%Y-%m-%d")
    label = first if first == last else f"{first}..{last}"
    return Window(start, end, label, "days")


_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bad(value: Any, lang: str | None) -> ParameterError:
    return ParameterError(t("evaluation.bad_window", lang, value=value))


def _day(value: Any, lang: str | None) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise _bad(value, lang) from None
    if pd.isna(ts):
        raise _bad(value, lang)
    return ts


def window(
    value: Any = None,
    *,
    tz: str | None = DEFAULT_TZ,
    times: pd.Series | None = None,
    lang: str | None = None,
) -> Window:
    """Turn a period written by a person into a :class:`Window`.

    Parameters
    ----------
    value : str, tuple, Period, Window or None
        ``"2025-09"`` (month), ``"2025-Q3"`` (quarter), ``"2025"`` (year), ``"2025-09-14"``
        (one day), ``("2025-09-01", "2025-09-15")`` or ``"2025-09-01..2025-09-15"`` (days,
        both included), a pandas Period, or ``None``/``"terakhir"`` for the latest month
        in ``times``.
    tz : str
        The institution's zone (``WIB``, ``WITA``, ``WIT`` or an IANA name).
    times : Series of UTC times, optional
        Needed for ``"terakhir"``.

    Raises
    ------
    ParameterError
        A value that is not one of the forms above, naming it.

    Examples
    --------
    >>> window("2025-09").label, window("2025-09").days
    ('2025-09', 30)
    >>> window("September")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Nilai periode 'September' tidak dikenali: tulis bulan YYYY-MM (2025-09), triwulan YYYY-Qn (2025-Q3), tahun YYYY, tanggal YYYY-MM-DD, atau rentang tanggal ('2025-09-01', '2025-09-15').
    """
    tz = zone(tz)
    if isinstance(value, Window):
        return value
    if isinstance(value, pd.Period):
        return _from_period(value, tz)
    if value is None or (isinstance(value, str) and value.strip().lower() in LATEST):
        if times is None or len(times) == 0:
            raise ParameterError(t("evaluation.no_times", lang))
        last = pd.to_datetime(times, utc=True).max()
        if pd.isna(last):
            raise ParameterError(t("evaluation.no_times", lang))
        local = last.tz_convert(tz).tz_localize(None)
        return _from_period(pd.Period(local, freq="M"), tz)
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise _bad(value, lang)
        a, b = _day(value[0], lang), _day(value[1], lang)
        if b < a:
            raise _bad(value, lang)
        end = b + pd.Timedelta(days=1) if b == b.normalize() else b
        return _days(a, end, tz)
    text = str(value).strip()
    if _MONTH.match(text):
        return _from_period(pd.Period(text, freq="M"), tz)
    m = _QUARTER.match(text)
    if m:
        return _from_period(pd.Period(f"{m.group(1)}Q{m.group(2)}", freq="Q"), tz)
    if _YEAR.match(text):
        return _from_period(pd.Period(text, freq="Y"), tz)
    if _DAY.match(text):
        d = _day(text, lang)
        return _days(d, d + pd.Timedelta(days=1), tz)
    if ".." in text:
        a, b = text.split("..", 1)
        return window((a.strip(), b.strip()), tz=tz, lang=lang)
    raise _bad(value, lang)


def days_window(
    start: Any = "",
    end: Any = "",
    *,
    times: pd.Series | list[pd.Series] | None = None,
    days: int = 14,
    tz: str | None = DEFAULT_TZ,
    lang: str | None = None,
) -> Window:
    """A window of days from two dates written by a person (either may be empty).

    ``end`` empty: the last day in ``times`` (a Series, or a list of Series tried in turn:
    the first holding any time is used, e.g. mention times, then post times); ``start``
    empty: ``days`` days up to ``end``.

    Examples
    --------
    >>> days_window("", "2025-09-30", days=7).label
    '2025-09-24..2025-09-30'
    >>> days_window("2025-09-30", "2025-09-01")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Tanggal awal 2025-09-30 jatuh sesudah tanggal akhir 2025-09-01; tukar keduanya.
    """
    tz = zone(tz)
    start = "" if start is None else str(start).strip()
    end = "" if end is None else str(end).strip()
    for name, value in (("mulai", start), ("sampai", end)):
        if value and not _DAY.match(value):
            raise ParameterError(t("evaluation.bad_day", lang, name=name, value=value))
    if end:
        last = _day(end, lang)
    else:
        candidates = times if isinstance(times, (list, tuple)) else [times]
        found = [
            pd.to_datetime(x, utc=True)
            for x in candidates
            if x is not None and len(x) and pd.to_datetime(x, utc=True).notna().any()
        ]
        if not found:
            raise ParameterError(t("evaluation.no_times_days", lang))
        last = found[0].max().tz_convert(tz).tz_localize(None).normalize()
    first = _day(start, lang) if start else last - pd.Timedelta(days=int(days) - 1)
    if first > last:
        raise ParameterError(
            t("evaluation.days_reversed", lang, start=first.date(), end=last.date())
        )
    return _days(first, last + pd.Timedelta(days=1), tz)


def parse_time(
    value: Any, *, tz: str = DEFAULT_TZ, name: str = "waktu_acuan", lang: str | None = None
) -> pd.Timestamp | None:
    """A reference time written as ``YYYY-MM-DD HH:MM`` (local time) or empty (None).

    Examples
    --------
    >>> str(parse_time("2025-09-30 17:00"))
    '2025-09-30 10:00:00+00:00'
    >>> parse_time("") is None
    True
    """
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        ts = pd.Timestamp(text)
    except (TypeError, ValueError):
        ts = None
    if ts is None or pd.isna(ts):
        raise ParameterError(t("evaluation.bad_time", lang, name=name, value=text))
    if ts.tzinfo is None:
        ts = ts.tz_localize(zone(tz))
    return ts.tz_convert("UTC")


# ---------------------------------------------------------------------------- text


def arrow_lower(texts: pd.Series):
    """Texts as a lower-case pyarrow array without nulls (for fast regex over columns)."""
    import pyarrow.compute as pc

    from ..text.tokens import to_arrow

    return pc.utf8_lower(to_arrow(texts))


def arrow_match(texts, pattern: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Regex ``pattern`` found in ``texts`` (an arrow array), optionally only in ``rows``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if rows is not None:
        if not len(rows):
            return np.zeros(0, dtype=bool)
        if len(rows) < len(texts):
            texts = pc.take(texts, pa.array(rows))
    return pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)


def arrow_take(texts, rows: np.ndarray):
    """``texts`` (an arrow array) at ``rows`` (all of them without a copy)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return texts if len(rows) == len(texts) else pc.take(texts, pa.array(rows))


def arrow_str(values, index) -> pd.Series:
    """An arrow string array as a pandas ``str`` Series (no copy through Python objects)."""
    return pd.Series(values, index=index, dtype="str")


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[str, str], ...]:
    table = read_table("spelling.csv")
    out = []
    for spellings, standard in zip(table["spellings"], table["standard"], strict=True):
        words = [re.escape(w.strip().lower()) for w in spellings.split("|") if w.strip()]
        if words:
            out.append(
                (
                    r"(^|[^\w])(?:" + "|".join(words) + r")([^\w]|$)",
                    r"\1" + standard.strip().lower() + r"\2",
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, tuple[str, ...]]:
    """``{standard word: informal spellings}`` from ``data/evaluation/spelling.csv``."""
    table = read_table("spelling.csv")
    out: dict[str, tuple[str, ...]] = {}
    for spellings, standard in zip(table["spellings"], table["standard"], strict=True):
        words = tuple(w.strip().lower() for w in spellings.split("|") if w.strip())
        out[standard.strip().lower()] = out.get(standard.strip().lower(), ()) + words
    return out


def cue_regex(entries: list[str], name: str | None = None) -> str:
    """Like :func:`words_regex`, but each standard word also matches its informal spellings.

    ``tidak jalan`` also finds ``gak jalan`` and ``tdk jalan`` (``data/evaluation/
    spelling.csv``), without rewriting the texts (one regex pass over the column).

    Examples
    --------
    >>> import re
    >>> bool(re.search(cue_regex(["belum terima"]), "saya blm terima bantuan"))
    True
    """
    variants = spelling_variants()
    parts = []
    for entry in sorted({e.strip().lower() for e in entries if e.strip()}, key=len, reverse=True):
        words = []
        for w in entry.split():
            alts = variants.get(w)
            if alts:
                words.append("(?:" + "|".join(re.escape(x) for x in (w, *alts)) + ")")
            else:
                words.append(re.escape(w))
        parts.append(r"\s+".join(words))
    group = f"(?P<{name}>" if name else "("
    return r"(?:^|[^\w])" + group + "|".join(parts) + r")(?:[^\w]|$)"


def standard_spelling(low):
    """Rewrite common informal spellings (``gak`` -> ``tidak``) in a lower-case arrow array.

    The table is ``data/evaluation/spelling.csv``. Slow on big columns (several regex
    passes): use it on short texts only (matched phrases shown to people).
    """
    import pyarrow.compute as pc

    for pattern, repl in _spellings():
        # twice: adjacent words share the space between them ("ga ga")
        low = pc.replace_substring_regex(low, pattern, repl)
        low = pc.replace_substring_regex(low, pattern, repl)
    return low


def words_regex(entries: list[str], name: str | None = None) -> str:
    """One RE2 alternation matching any entry as whole words (entries are plain text).

    Longer entries come first, so ``jalan rusak`` wins over ``jalan`` at the same place.
    ``name`` makes the alternation a named group (for ``pyarrow.compute.extract_regex``).
    """
    parts = sorted(
        {re.escape(e.strip().lower()) for e in entries if e.strip()}, key=len, reverse=True
    )
    parts = [p.replace(r"\ ", r"\s+") for p in parts]
    group = f"(?P<{name}>" if name else "("
    return r"(?:^|[^\w])" + group + "|".join(parts) + r")(?:[^\w]|$)"


@cache
def read_list(*parts: str) -> tuple[str, ...]:
    """Entries of a one-entry-a-line data file (``#`` comments and blanks skipped)."""
    path = package_file("evaluation", *parts)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def read_table(*parts: str) -> pd.DataFrame:
    """A small CSV data file of the package (``#`` comment lines at the top skipped)."""
    path = package_file("evaluation", *parts)
    return pd.read_csv(path, comment="#", dtype="str", keep_default_na=False, skipinitialspace=True)


# ---------------------------------------------------------------------------- tables


def table_of(data: Any, name: str) -> pd.DataFrame | None:
    """Return table ``name`` of a Workspace, or ``data`` itself if it is a DataFrame."""
    if isinstance(data, pd.DataFrame):
        return data
    table = getattr(data, name, None)
    return table if isinstance(table, pd.DataFrame) else None


def mentions_of(data: Any, lang: str | None = None) -> pd.DataFrame:
    """The mentions table of a Workspace or a DataFrame, checked for what evaluation needs."""
    m = table_of(data, "mentions")
    if m is None:
        raise ParameterError(t("evaluation.not_mentions", lang, got=type(data).__name__))
    missing = [c for c in ("platform", "account", "created_at", "text") if c not in m.columns]
    if missing:
        raise SchemaError(t("evaluation.mentions_missing", lang, column=missing[0]))
    if not isinstance(m["created_at"].dtype, pd.DatetimeTZDtype):
        m = m.assign(created_at=pd.to_datetime(m["created_at"], utc=True, errors="coerce"))
    if "responded_at" in m.columns and not isinstance(m["responded_at"].dtype, pd.DatetimeTZDtype):
        m = m.assign(responded_at=pd.to_datetime(m["responded_at"], utc=True, errors="coerce"))
    return m


def account_units(accounts: pd.DataFrame | None) -> pd.DataFrame:
    """``platform, account, unit, institution`` from an accounts table (account or handle)."""
    cols = ["platform", "account", "unit", "institution"]
    if accounts is None or not len(accounts):
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in cols})
    acc = accounts.copy()
    name = acc["account"] if "account" in acc.columns else pd.Series(pd.NA, index=acc.index)
    handle = acc["handle"] if "handle" in acc.columns else pd.Series(pd.NA, index=acc.index)
    acc["account"] = name.astype("str").fillna(handle.astype("str")).str.lstrip("@")
    for c in ("unit", "institution"):
        if c not in acc.columns:
            acc[c] = pd.NA
        acc[c] = acc[c].astype("str")
    acc["platform"] = acc["platform"].astype("str")
    out = acc[cols].dropna(subset=["account"]).drop_duplicates(["platform", "account"])
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------- privacy


@dataclass
class Context:
    """What a step knows about the data around the mentions it works on."""

    keep: set
    stopwords: list | None
    accounts: pd.DataFrame | None
    register: pd.DataFrame | None
    posts: pd.DataFrame | None


def context(data: Any) -> Context:
    """Public handles, stopwords and tables known from a Scope, a Workspace or nothing.

    A :class:`~humaskit.evaluation.scope.Scope` gives its own (the whole workspace's
    accounts and partners, the report's posts); a workspace its tables; a bare DataFrame
    nothing (only the addressed accounts stay named).
    """
    if hasattr(data, "keep") and hasattr(data, "ws_all"):
        ws = data.ws_all
        return Context(
            set(data.keep), list(data.stopwords), ws.accounts, ws.influencers, data.ws.posts
        )
    if data is None or isinstance(data, pd.DataFrame):
        return Context(set(), None, None, None, None)
    return Context(
        public_handles(data),
        None,
        table_of(data, "accounts"),
        table_of(data, "influencers"),
        table_of(data, "posts"),
    )


def public_handles(
    data: Any = None, accounts: pd.DataFrame | None = None, register: pd.DataFrame | None = None
) -> set[str]:
    """Handles that stay named: the institution's accounts and registered partners."""
    from ..privacy import normalize_handles

    found: set[str] = set()
    whole = data is not None and not isinstance(data, pd.DataFrame)
    acc = accounts if accounts is not None else (table_of(data, "accounts") if whole else None)
    reg = register if register is not None else (table_of(data, "influencers") if whole else None)
    for df in (acc, reg):
        if isinstance(df, pd.DataFrame) and len(df):
            for c in ("handle", "account"):
                if c in df.columns:
                    found.update(normalize_handles(df[c]).dropna())
    posts = (
        table_of(data, "posts") if data is not None and not isinstance(data, pd.DataFrame) else None
    )
    if isinstance(posts, pd.DataFrame) and len(posts):
        found.update(normalize_handles(pd.Series(posts["account"].unique())).dropna())
    return found


def safe_authors(
    mentions: pd.DataFrame, *, keep: set[str] | None = None, salt: str | None = None
) -> pd.Series:
    """Authors with private citizens pseudonymised (institutions, media, partners named)."""
    from ..privacy import is_public_account, pseudonymize

    authors = (
        mentions["author"]
        if "author" in mentions.columns
        else pd.Series(pd.NA, index=mentions.index, dtype="str")
    )
    types = mentions["author_type"] if "author_type" in mentions.columns else None
    public = is_public_account(authors, author_types=types, register=list(keep or ()))
    return pseudonymize(authors, salt=salt, keep=public)


def safe_texts(
    texts: pd.Series,
    *,
    keep: set[str] | None = None,
    salt: str | None = None,
    lang: str | None = None,
    max_chars: int = 240,
) -> pd.Series:
    """Texts safe to share: personal data masked, citizens' @handles pseudonymised."""
    from ..privacy import mask_handles, mask_personal_data

    if not len(texts):
        return texts.astype("str")
    out = mask_personal_data(texts.astype("str"), lang=lang)
    out = mask_handles(out, salt=salt, keep=list(keep or ()))
    long = out.str.len() > max_chars
    if long.any():
        out = out.where(~long, out.str.slice(0, max_chars - 1) + "…")
    out.index = texts.index
    return out
