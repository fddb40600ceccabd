"""The canonical tables every importer returns and every step consumes.

Tables: ``posts``, ``mentions``, ``audience``, ``daily``, ``accounts``, ``influencers``,
``collaborations`` and ``plan``. Each column has a kind:

``str``       text (pandas' default string dtype, pyarrow-backed; never ``object``)
``datetime``  time zone aware, stored in UTC
``date``      a calendar day (naive ``datetime64``, midnight)
``int``       nullable integer (``Int64``); a metric a platform does not report is NA, never 0
``float``     nullable float (``Float64``)
``bool``      nullable boolean

:func:`validate` checks and coerces a DataFrame, adds optional columns that are missing
(as NA) and raises :class:`humaskit.SchemaError` naming the table, column, first rows
and what was expected.

Examples
--------
>>> import pandas as pd
>>> from humaskit import schema
>>> posts = pd.DataFrame({"platform": ["instagram"], "account": ["pemkot"],
...     "post_id": ["1"], "published_at": ["2025-09-01 12:00:00+00:00"],
...     "post_type": ["reel"], "reach": [120]})
>>> out = schema.validate(posts, "posts")
>>> str(out["published_at"].dt.tz), str(out["reach"].dtype), out["likes"].isna().all()
('UTC', 'Int64', np.True_)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import ParameterError, SchemaError
from .i18n import t

__all__ = [
    "PLATFORMS",
    "platform_code",
    "POST_TYPES",
    "MENTION_KINDS",
    "METRICS",
    "ENGAGEMENT_METRICS",
    "engagements",
    "TABLES",
    "Column",
    "columns",
    "empty",
    "missing_column",
    "lazy_na",
    "LAZY_NA_ROWS",
    "validate",
    "describe",
]

PLATFORMS = ("facebook", "instagram", "x", "youtube", "tiktok")
#: What people write for a platform, folded (lower case, no spaces, dashes or dots).
PLATFORM_ALIASES = {
    "twitter": "x",
    "xtwitter": "x",
    "twitterx": "x",
    "xcom": "x",
    "twittercom": "x",
    "ig": "instagram",
    "insta": "instagram",
    "instagramcom": "instagram",
    "fb": "facebook",
    "facebookcom": "facebook",
    "yt": "youtube",
    "youtubecom": "youtube",
    "tt": "tiktok",
    "tiktokcom": "tiktok",
}


def platform_code(name: object, *, strict: bool = True, lang: str | None = None) -> str:
    """The kit's code for a platform as a person writes it (``"Tik Tok"`` -> ``tiktok``).

    The one place platform names are read: every step that takes a ``platform`` argument
    calls it. Case, spaces, dashes, dots and brackets are ignored and the usual names are
    resolved (``Instagram``, ``IG``, ``twitter``, ``X (Twitter)``, ``fb``, ``YT``,
    ``Tik Tok``). An unknown name raises :class:`humaskit.errors.ParameterError` naming the
    known platforms (``strict=False`` returns it lower-cased instead).

    Examples
    --------
    >>> [platform_code(p) for p in ["Instagram", "IG", "twitter", "Tik Tok", "fb", "X (Twitter)"]]
    ['instagram', 'instagram', 'x', 'tiktok', 'facebook', 'x']
    >>> platform_code("Mastodon", strict=False)
    'mastodon'
    """
    raw = str(name).strip().lower()
    key = "".join(ch for ch in raw if ch.isalnum())
    if key in PLATFORMS:
        return key
    if key in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[key]
    if strict:
        raise ParameterError(
            t("schema.bad_platform", lang, value=str(name), known=", ".join(PLATFORMS))
        )
    return raw


POST_TYPES = ("feed", "carousel", "reel", "story", "video", "short", "live", "text", "link")
MENTION_KINDS = ("comment", "reply", "mention", "dm")
AUDIENCE_DIMENSIONS = ("age", "gender", "age_gender", "city", "country", "region")
AUDIENCE_UNITS = ("share", "count")
INFLUENCER_ROLES = (
    "influencer",
    "brand_ambassador",
    "citizen_journalist",
    "staff",
    "media",
    "public_figure",
)
RELATIONS = ("paid", "unpaid", "barter")
AUTHOR_TYPES = ("citizen", "institution", "media", "public_figure", "influencer")

#: Post metrics as nullable integers. Missing means "the platform does not report it".
METRICS = (
    "impressions",
    "reach",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "watch_time_s",
    "followers_at_post",
)
#: The metrics summed into a post's engagements (interactions) everywhere in humaskit.
ENGAGEMENT_METRICS = ("likes", "comments", "shares", "saves")


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    name: str
    kind: str
    required: bool = True
    nullable: bool = True
    allowed: tuple[str, ...] | None = field(default=None)


def _c(name, kind, required=True, nullable=True, allowed=None):
    return Column(name, kind, required, nullable, allowed)


#: The first columns of every table read from a platform: whose data it is.
_PLATFORM_ACCOUNT = (
    _c("platform", "str", nullable=False, allowed=PLATFORMS),
    _c("account", "str", nullable=False),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "posts": (
        *_PLATFORM_ACCOUNT,
        _c("post_id", "str", nullable=False),
        _c("published_at", "datetime", nullable=False),
        _c("post_type", "str", allowed=POST_TYPES),
        _c("text", "str", required=False),
        _c("permalink", "str", required=False),
        *(_c(m, "int", required=False) for m in METRICS),
        _c("avg_view_pct", "float", required=False),
        _c("category", "str", required=False),
        _c("campaign", "str", required=False),
    ),
    "mentions": (
        *_PLATFORM_ACCOUNT,
        _c("mention_id", "str", nullable=False),
        _c("kind", "str", allowed=MENTION_KINDS),
        _c("created_at", "datetime", nullable=False),
        _c("author", "str"),
        _c("author_followers", "int", required=False),
        _c("text", "str"),
        _c("in_reply_to", "str", required=False),
        _c("to_author", "str", required=False),
        _c("mentioned", "str", required=False),
        _c("responded_at", "datetime", required=False),
        _c("responder", "str", required=False),
        _c("author_type", "str", required=False, allowed=AUTHOR_TYPES),
        _c("author_created_at", "datetime", required=False),
        _c("region", "str", required=False),
    ),
    "audience": (
        *_PLATFORM_ACCOUNT,
        _c("as_of", "date", nullable=False),
        _c("dimension", "str", nullable=False, allowed=AUDIENCE_DIMENSIONS),
        _c("segment", "str", nullable=False),
        _c("value", "float"),
        _c("unit", "str", allowed=AUDIENCE_UNITS),
    ),
    "daily": (
        *_PLATFORM_ACCOUNT,
        _c("date", "date", nullable=False),
        _c("metric", "str", nullable=False),
        _c("value", "float"),
    ),
    "accounts": (
        _c("institution", "str"),
        _c("unit", "str"),
        _c("platform", "str", nullable=False, allowed=PLATFORMS),
        _c("handle", "str", nullable=False),
        _c("display_name", "str"),
        _c("verified", "bool", required=False),
        _c("account_type", "str", required=False),
        _c("emblem_photo", "bool", required=False),
        _c("two_factor", "bool", required=False),
        _c("password_changed_at", "date", required=False),
        _c("admins", "int", required=False),
        _c("assignment_letter", "bool", required=False),
        _c("followers", "int", required=False),
        _c("account", "str", required=False),
    ),
    "influencers": (
        _c("handle", "str", nullable=False),
        _c("platform", "str", nullable=False, allowed=PLATFORMS),
        _c("name", "str"),
        _c("role", "str", allowed=INFLUENCER_ROLES),
        _c("followers", "int", required=False),
        _c("topics", "str", required=False),
        _c("region", "str", required=False),
        _c("relation", "str", required=False, allowed=RELATIONS),
        _c("person_id", "str", required=False),
    ),
    "collaborations": (
        _c("date", "date", nullable=False),
        _c("handle", "str", nullable=False),
        _c("platform", "str", required=False, allowed=PLATFORMS),
        _c("campaign", "str", required=False),
        _c("post_id", "str", required=False),
        _c("reward", "str", required=False),
        _c("cost", "float", required=False),
    ),
    "plan": (
        _c("date", "date", nullable=False),
        _c("platform", "str", nullable=False, allowed=PLATFORMS),
        _c("format", "str", allowed=POST_TYPES),
        _c("category", "str"),
        _c("title", "str"),
        _c("caption", "str", required=False),
        _c("pic", "str", required=False),
        _c("qc_status", "str", required=False),
        _c("status", "str", required=False),
        _c("public", "str", required=False),
        _c("account", "str", required=False),
        _c("scheduled_at", "datetime", required=False),
        _c("fixed_date", "bool", required=False),
    ),
}

_DTYPES = {"str": "str", "int": "Int64", "float": "Float64", "bool": "boolean"}


def columns(table: str) -> list[str]:
    """Return the canonical column names of ``table`` in order.

    Examples
    --------
    >>> columns("daily")
    ['platform', 'account', 'date', 'metric', 'value']
    """
    return [c.name for c in _spec(table)]


def _spec(table: str) -> tuple[Column, ...]:
    try:
        return TABLES[table]
    except KeyError:
        raise SchemaError(
            t("schema.unknown_table", None, table=table, known=", ".join(TABLES))
        ) from None


def empty(table: str) -> pd.DataFrame:
    """Return an empty DataFrame with the canonical columns and dtypes of ``table``.

    Examples
    --------
    >>> empty("posts").shape[0]
    0
    """
    data = {c.name: _empty_series(c) for c in _spec(table)}
    return pd.DataFrame(data)


def _empty_series(col: Column) -> pd.Series:
    if col.kind == "datetime":
        return pd.Series([], dtype="datetime64[us, UTC]")
    if col.kind == "date":
        return pd.Series([], dtype="datetime64[us]")
    return pd.Series([], dtype=_DTYPES[col.kind])


#: All-missing columns of tables at least this long are kept in untouched zero pages.
LAZY_NA_ROWS = 100_000


def lazy_na(dtype, n: int):  # noqa: ANN001, ANN201
    """An all-NA array of ``dtype`` (Int64, Float64, boolean, str) and length ``n`` whose
    values lie in fresh zero pages of memory: they cost no memory until written (a column
    a big table does not have). None for other dtypes and tables shorter than
    :data:`LAZY_NA_ROWS`.

    Examples
    --------
    >>> lazy_na(pd.Int64Dtype(), 200_000).isna().all(), lazy_na(pd.Int64Dtype(), 5)
    (np.True_, None)
    """
    import mmap

    if n < LAZY_NA_ROWS:
        return None

    def zeros(nbytes: int) -> mmap.mmap:
        return mmap.mmap(-1, max(nbytes, 1))  # anonymous: zero pages, mapped when touched

    if dtype in (pd.Int64Dtype(), pd.Float64Dtype(), pd.BooleanDtype()):
        kind, cls = {
            "Int64": ("int64", pd.arrays.IntegerArray),
            "Float64": ("float64", pd.arrays.FloatingArray),
            "boolean": ("bool", pd.arrays.BooleanArray),
        }[str(dtype)]
        values = np.frombuffer(zeros(np.dtype(kind).itemsize * n), dtype=kind, count=n)
        return cls(values, np.ones(n, dtype=bool))
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        import pyarrow as pa

        buffers = [pa.py_buffer(zeros((n + 7) // 8)), pa.py_buffer(zeros(8 * (n + 1)))]
        arr = pa.Array.from_buffers(pa.large_string(), n, [*buffers, pa.py_buffer(b"")], n)
        out = pd.arrays.ArrowStringArray(pa.chunked_array([arr]), dtype=dtype)
        return out if out.dtype == dtype else None
    return None


def missing_column(table: str, name: str, index: pd.Index, *, lang: str | None = None) -> pd.Series:
    """Column ``name`` of ``table`` with every value missing, on ``index`` (in zero pages
    for big tables, see :func:`lazy_na`).

    Examples
    --------
    >>> missing_column("posts", "reach", pd.RangeIndex(2)).tolist()
    [<NA>, <NA>]
    """
    cols = {c.name: c for c in _spec(table)}
    if name not in cols:
        known = ", ".join(cols)
        raise ParameterError(
            t("schema.unknown_column", lang, table=table, column=name, known=known)
        )
    return _missing_series(cols[name], index)


def _missing_series(col: Column, index: pd.Index) -> pd.Series:
    """An all-missing column of ``col``'s dtype on ``index`` (zero pages for a big table,
    else a fill; no index lookup)."""
    empty = _empty_series(col)
    lazy = lazy_na(empty.dtype, len(index))
    if lazy is not None:
        return pd.Series(lazy, index=index, name=empty.name, copy=False)
    fill = np.full(len(index), -1, dtype=np.intp)
    values = pd.api.extensions.take(empty.array, fill, allow_fill=True)
    return pd.Series(values, index=index, name=empty.name)


def _rows(mask: pd.Series, n: int = 5) -> str:
    idx = list(mask[mask].index[:n])
    more = int(mask.sum()) - len(idx)
    text = ", ".join(str(i) for i in idx)
    return text + (f" (+{more})" if more > 0 else "")


def _bad_values(
    table: str, col: Column, bad: pd.Series, expected: str, lang: str | None
) -> SchemaError:
    """The error for the values of ``col`` at the ``bad`` rows, saying what was ``expected``."""
    return SchemaError(
        t(
            "schema.bad_values",
            lang,
            table=table,
            column=col.name,
            rows=_rows(bad),
            expected=expected,
        )
    )


_TRUE = {"true", "1", "ya", "yes", "y", "benar", "sudah", "aktif", "t"}
_FALSE = {"false", "0", "tidak", "no", "n", "belum", "nonaktif", "f", "tdk"}


def _coerce(s: pd.Series, col: Column, table: str, lang: str | None) -> pd.Series:
    kind = col.kind
    if kind == "str":
        if isinstance(s.dtype, pd.StringDtype) or s.dtype == "str":
            return s.astype("str")
        out = s.astype("str")
        return out.where(s.notna())
    if kind == "int":
        if pd.api.types.is_integer_dtype(s.dtype):
            return s.astype("Int64")
        num = pd.to_numeric(s, errors="coerce")
        bad = s.notna() & (num.isna() | (num.notna() & (num % 1 != 0)))
        if bad.any():
            raise _bad_values(table, col, bad, t("schema.expected_int", lang), lang)
        return num.round().astype("Int64")
    if kind == "float":
        if isinstance(s.dtype, pd.Float64Dtype):
            return s  # already canonical: no copy (a big table's empty column stays unwritten)
        num = pd.to_numeric(s, errors="coerce")
        bad = s.notna() & num.isna()
        if bad.any():
            raise _bad_values(table, col, bad, t("schema.expected_number", lang), lang)
        return num.astype("Float64")
    if kind == "bool":
        if pd.api.types.is_bool_dtype(s.dtype):
            return s.astype("boolean")
        low = s.astype("str").str.strip().str.lower()
        out = pd.Series(pd.NA, index=s.index, dtype="boolean")
        out[low.isin(_TRUE).fillna(False).astype(bool)] = True
        out[low.isin(_FALSE).fillna(False).astype(bool)] = False
        bad = s.notna() & out.isna() & (low != "")
        if bad.any():
            raise _bad_values(table, col, bad, t("schema.expected_bool", lang), lang)
        return out
    if kind in ("datetime", "date"):
        if kind == "datetime" and isinstance(s.dtype, pd.DatetimeTZDtype):
            return s.dt.tz_convert("UTC")
        try:
            if kind == "datetime":
                out = pd.to_datetime(s, errors="coerce", utc=True, format="mixed")
            else:
                if isinstance(s.dtype, pd.DatetimeTZDtype):
                    s = s.dt.tz_localize(None)
                out = pd.to_datetime(s, errors="coerce", format="mixed").dt.normalize()
        except (TypeError, ValueError):
            out = pd.Series(pd.NaT, index=s.index)
        bad = s.notna() & out.isna()
        if bad.any():
            expected = t(
                "schema.expected_datetime" if kind == "datetime" else "schema.expected_date", lang
            )
            raise _bad_values(table, col, bad, expected, lang)
        return out
    raise SchemaError(f"unknown column kind {kind!r}")  # pragma: no cover (spec bug)


def validate(data: pd.DataFrame, table: str, *, lang: str | None = None) -> pd.DataFrame:
    """Check ``data`` against the canonical ``table`` and return a coerced copy.

    Required columns must be present; optional ones that are missing are added as NA.
    Extra columns are kept after the canonical ones. The input is never changed.

    Parameters
    ----------
    data : DataFrame
        The table to check.
    table : str
        One of ``posts``, ``mentions``, ``audience``, ``daily``, ``accounts``,
        ``influencers``, ``collaborations``, ``plan``.
    lang : {"id", "en"}, optional
        Language of the error message.

    Returns
    -------
    DataFrame
        Canonical columns first, with canonical dtypes.

    Raises
    ------
    SchemaError
        Naming the table, the column, the first offending rows and what was expected.

    Examples
    --------
    >>> import pandas as pd
    >>> validate(pd.DataFrame({"platform": ["myspace"], "account": ["a"],
    ...     "date": ["2025-01-01"], "metric": ["followers"], "value": [1]}), "daily",
    ...     lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.SchemaError: Table daily, column platform, rows 0: expected one of facebook, instagram, x, youtube, tiktok.
    """
    if not isinstance(data, pd.DataFrame):
        raise SchemaError(t("schema.not_a_table", lang, table=table, got=type(data).__name__))
    spec = _spec(table)
    missing = [c.name for c in spec if c.required and c.name not in data.columns]
    if missing:
        raise SchemaError(
            t(
                "schema.missing_columns",
                lang,
                table=table,
                columns=", ".join(missing),
                expected=", ".join(c.name for c in spec if c.required),
            )
        )
    out = {}
    for col in spec:
        if col.name in data.columns:
            s = _coerce(data[col.name], col, table, lang)
        else:
            s = _missing_series(col, data.index)
        if not col.nullable:
            bad = s.isna()
            if bad.any():
                raise SchemaError(
                    t("schema.null_values", lang, table=table, column=col.name, rows=_rows(bad))
                )
        if col.allowed is not None:
            bad = s.notna() & ~s.isin(col.allowed).fillna(False).astype(bool)
            if bad.any():
                expected = t("schema.expected_one_of", lang, values=", ".join(col.allowed))
                raise _bad_values(table, col, bad, expected, lang)
        out[col.name] = s
    result = pd.DataFrame(out, index=data.index, copy=False)  # copy-on-write: no data copied
    extras = [c for c in data.columns if c not in result.columns]
    if extras:
        result = pd.concat([result, data[extras]], axis=1)
    return result


_KIND_KEYS = {
    "str": "text",
    "datetime": "datetime",
    "date": "date",
    "int": "int",
    "float": "number",
    "bool": "bool",
}


def describe(table: str | None = None, *, lang: str | None = None) -> pd.DataFrame:
    """Return the tables and their columns with kind, whether required, and how it is shown.

    Examples
    --------
    >>> d = describe("daily", lang="en")
    >>> d["column"].tolist()
    ['platform', 'account', 'date', 'metric', 'value']
    """
    from .i18n import label

    names = [table] if table else list(TABLES)
    rows = []
    for name in names:
        for col in _spec(name):
            rows.append(
                {
                    "table": name,
                    "column": col.name,
                    "kind": t(f"schema.kind.{_KIND_KEYS[col.kind]}", lang),
                    "required": t("common.yes" if col.required else "common.no", lang),
                    "shown_as": label(col.name, lang),
                }
            )
    return pd.DataFrame(rows)


def engagements(posts: pd.DataFrame) -> np.ndarray:
    """Each post's engagements: the sum of the reported :data:`ENGAGEMENT_METRICS`.

    A metric the platform does not report (NA) is left out of the sum; a post that
    reports none of them has NaN, never 0.

    Examples
    --------
    >>> p = pd.DataFrame({"likes": [10, None], "comments": [2, None], "shares": [None, None]})
    >>> engagements(p).tolist()
    [12.0, nan]
    """
    parts = [
        posts[c].to_numpy(dtype="float64", na_value=np.nan)
        for c in ENGAGEMENT_METRICS
        if c in posts.columns
    ]
    if not parts:
        return np.full(len(posts), np.nan)
    stack = np.vstack(parts)
    return np.where(np.isnan(stack).all(axis=0), np.nan, np.nansum(stack, axis=0))
