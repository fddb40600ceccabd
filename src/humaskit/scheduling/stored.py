"""Best times of a store: the slot statistics in SQL, the estimate from them (out of core).

:func:`best_times` gives the same table as :func:`humaskit.scheduling.best_times` on the
same posts in memory (a test compares them; groups are listed in name order). The SQL file
``best_times_cells.sql`` of :mod:`humaskit.store` computes each post's engagement rate and
percentile score and sums them per group and UTC hour; Python turns the hours into local
hour-of-week slots (with the zone's rules, daylight saving included) and runs the same
layered estimate (:func:`humaskit.scheduling.slots._estimate` needs only the number of
posts, the sum and the sum of squares of the scores per slot). Only the posts of the
``weeks`` asked for are read.

Examples
--------
>>> import tempfile
>>> from humaskit import samples
>>> from humaskit.store import Store
>>> st = Store.create(tempfile.mkdtemp())
>>> _ = st.append_workspace(samples.workspace())
>>> len(best_times(st)) % 168
0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..i18n import t
from ..store import Store, open_store
from ..store import queries as sq
from ._common import N_SLOTS, check_by, group_codes, resolve_tz, zone_label
from .slots import _estimate, _with_defaults

__all__ = ["best_times"]


def _store(data: Any, lang: str | None) -> Store:
    if isinstance(data, Store):
        return data
    return open_store(data, lang=lang)


def best_times(
    data: Any,
    *,
    tz: str = "Asia/Jakarta",
    by: str | Iterable[str] = ("platform", "post_type"),
    weeks: int | None = 16,
    end: Any = None,
    min_posts: int = 3,
    lang: str | None = None,
) -> pd.DataFrame:
    """:func:`humaskit.scheduling.best_times` of a store's posts (slot statistics in SQL)."""
    st = _store(data, lang)
    tzname = resolve_tz(tz, lang)
    cols = check_by(by, lang)
    if not isinstance(min_posts, (int, np.integer)) or min_posts < 1:
        raise ParameterError(t("scheduling.bad_min_posts", lang, value=min_posts))
    if end is None:
        end_ts = st.latest("posts") or pd.Timestamp.now(tz="UTC")
    else:
        try:
            end_ts = pd.Timestamp(end)
        except (TypeError, ValueError):
            raise ParameterError(t("scheduling.bad_end", lang, value=end)) from None
    end_ts = end_ts.tz_localize("UTC") if end_ts.tzinfo is None else end_ts.tz_convert("UTC")
    if weeks is not None:
        if not isinstance(weeks, (int, np.integer)) or isinstance(weeks, bool) or weeks < 1:
            raise ParameterError(t("scheduling.bad_weeks", lang, value=weeks))
        start = end_ts - pd.Timedelta(weeks=int(weeks))
        months = sq.months_of_window(start, end_ts + pd.Timedelta(microseconds=1))
    else:
        start = pd.Timestamp("1900-01-01", tz="UTC")
        months = [m for m in st.months("posts") if m <= str(end_ts.strftime("%Y-%m"))]
    params = {"start": sq.literal(start), "end": sq.literal(end_ts)}
    cells = sq.run(
        st,
        "best_times_cells",
        months=months,
        tables=["posts"],
        group_cols=", ".join(sq.ident(c) for c in cols),
        **params,
    )
    total = sq.run(st, "posts_in_window", months=months, tables=["posts"], **params)
    local = pd.to_datetime(cells["hour_utc"], utc=True).dt.tz_convert(tzname)
    cells["slot_"] = local.dt.day_of_week.to_numpy(dtype=np.int64) * 24 + local.dt.hour.to_numpy(
        dtype=np.int64
    )
    for c in cols:
        cells[c] = cells[c].astype("str")
    cells = cells.sort_values(cols, na_position="last", kind="stable").reset_index(drop=True)
    slot = cells["slot_"].to_numpy(dtype=np.int64)
    codes, groups = group_codes([cells[c] for c in cols])
    groups = groups.astype("str")
    key = codes * N_SLOTS + slot
    size = len(groups) * N_SLOTS
    n = np.bincount(key, weights=cells["n"].to_numpy(dtype="float64"), minlength=size)
    have = np.flatnonzero(n > 0)
    stats = {
        "n": n[have],
        "sy": np.bincount(key, weights=cells["sy"].to_numpy(dtype="float64"), minlength=size)[have],
        "syy": np.bincount(key, weights=cells["syy"].to_numpy(dtype="float64"), minlength=size)[
            have
        ],
    }
    out = _estimate(groups, have // N_SLOTS, have % N_SLOTS, stats, cols, min_posts)
    used = int(round(float(cells["n"].sum()))) if len(cells) else 0
    out.attrs.update(
        tz=tzname,
        zone=zone_label(tzname),
        start=start if weeks is not None else None,
        end=end_ts,
        weeks=weeks,
        posts_used=used,
        posts_without_rate=int(total["n"].iloc[0]) - used,
    )
    platforms = sq.run(st, "posts_platforms", months=st.months("posts"), tables=["posts"])
    return _with_defaults(out, platforms, cols, tzname)
