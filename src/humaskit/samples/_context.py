"""Shared constants and the generation context (:class:`Ctx`) of the sample generator."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import schema
from . import _model as M
from ._text import table

US = np.int64(1_000_000)  # microseconds per second
DAY_US = 86_400 * US
PLATFORMS = M.PLATFORMS
P_CODE = {p: i for i, p in enumerate(PLATFORMS)}
TYPES = schema.POST_TYPES
T_CODE = {t: i for i, t in enumerate(TYPES)}
CATS = M.CATEGORIES
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
INSTITUTION = "Pemerintah Kota Sukamaju"
CENTRE_UNIT = "pemkot"
SITE = "https://sukamajukota.go.id"


def _truthy(s: pd.Series) -> np.ndarray:
    return s.str.strip().str.lower().isin(["true", "1", "ya", "yes"]).to_numpy()


@dataclass
class Ctx:
    """Parameters and shared material of one generation run."""

    seed: int
    months: int
    scale: float
    end: pd.Period
    tz: str
    rngs: dict[str, np.random.Generator] = field(default_factory=dict)

    def __post_init__(self) -> None:
        first = (self.end - (self.months - 1)).start_time
        stop = (self.end + 1).start_time
        self.start_naive = pd.Timestamp(first).normalize()
        self.stop_naive = pd.Timestamp(stop).normalize()
        self.ndays = int((self.stop_naive - self.start_naive).days)
        self.start_wd = int(self.start_naive.weekday())
        self.start_us = np.int64(self.start_naive.value // 1000)
        #: volumes of the conversation are set for three months (92 days) at scale 1
        self.volume = self.scale * self.ndays / 92.0
        self.stop_utc = self.stop_naive.tz_localize(self.tz).tz_convert("UTC")
        # a zone without clock changes in (and around) the window: one constant offset
        days = pd.date_range(
            self.start_naive - pd.Timedelta(days=400),
            self.stop_naive + pd.Timedelta(days=2),
            freq="D",
        )
        offsets = days.tz_localize(self.tz, ambiguous="NaT", nonexistent="NaT")
        off = offsets.tz_localize(None) - offsets.tz_convert("UTC").tz_localize(None)
        if not offsets.isna().any() and off.nunique() == 1:
            self.fixed_offset_us = np.int64(off[0].value // 1000)
            self.fixed_range = (np.int64(days[0].value // 1000), np.int64(days[-1].value // 1000))
        else:
            self.fixed_offset_us = None
            self.fixed_range = (0, 0)
        names = ["posts", "daily", "mentions", "audience", "people", "plan", "accounts", "text"]
        kids = np.random.SeedSequence(self.seed).spawn(len(names))
        self.rngs = {n: np.random.default_rng(k) for n, k in zip(names, kids, strict=True)}
        acc = table("accounts.csv")
        acc["followers"] = acc["followers"].astype(int)
        acc["posts_per_day"] = acc["posts_per_day"].astype(float)
        acc["growth"] = acc["growth"].astype(float)
        acc["password_age_days"] = acc["password_age_days"].astype(int)
        acc["admins"] = acc["admins"].astype(int)
        self.acc = acc
        units = table("units.csv")
        units["reply_hours"] = units["reply_hours"].astype(float)
        units["reply_share"] = units["reply_share"].astype(float)
        self.units = units
        self.unit_keys = list(units["unit"])
        self.unit_code = {u: i for i, u in enumerate(self.unit_keys)}
        self.unit_name = dict(zip(units["unit"], units["name"], strict=True))
        topic_unit = {}
        for u, topics in zip(units["unit"], units["topics"], strict=True):
            for tp in topics.split():
                topic_unit[tp] = u
        self.topic_unit = topic_unit
        self.acc_unit = np.array([self.unit_code[u] for u in acc["unit"]])
        self.acc_plat = np.array([P_CODE[p] for p in acc["platform"]])
        self.faults = acc["fault"].str.split()
        self.centre_rows = np.flatnonzero(acc["unit"].eq(CENTRE_UNIT).to_numpy())
        # the main account of each unit on each platform (-1 = none)
        self.unit_plat_row = np.full((len(units), len(PLATFORMS)), -1, dtype=np.int64)
        for r in range(len(acc) - 1, -1, -1):
            if not {"duplicate", "abandoned"} & set(self.faults[r]):
                self.unit_plat_row[self.acc_unit[r], self.acc_plat[r]] = r
        self.centre_code = self.unit_code[CENTRE_UNIT]
        self.topic_unit_code = {t: self.unit_code[u] for t, u in topic_unit.items()}

    def centre_row(self, platform: str) -> int:
        return int(self.unit_plat_row[self.centre_code, P_CODE[platform]])

    def topic_units(self, topic: np.ndarray) -> np.ndarray:
        """Unit code responsible for each topic (the centre for unknown topics)."""
        out = pd.Series(topic, dtype=object).map(self.topic_unit_code)
        return out.fillna(self.centre_code).to_numpy(dtype=np.int64)

    def to_utc(self, us_local: np.ndarray) -> pd.DatetimeIndex:
        """Local wall-clock microseconds since the epoch -> UTC timestamps."""
        us_local = np.asarray(us_local, dtype=np.int64)
        if self.fixed_offset_us is not None and len(us_local):
            lo, hi = us_local.min(), us_local.max()
            if lo >= self.fixed_range[0] and hi < self.fixed_range[1]:
                utc = (us_local - self.fixed_offset_us).astype("datetime64[us]")
                return pd.DatetimeIndex(utc).tz_localize("UTC")
        idx = pd.DatetimeIndex(us_local.astype("datetime64[us]"))
        n = len(idx)
        return idx.tz_localize(
            self.tz, ambiguous=np.ones(n, bool), nonexistent="shift_forward"
        ).tz_convert("UTC")

    def local_us(self, utc: pd.DatetimeIndex | pd.Series) -> np.ndarray:
        """UTC timestamps -> local wall-clock microseconds since the epoch."""
        idx = pd.DatetimeIndex(utc).tz_convert(self.tz).tz_localize(None)
        return idx.as_unit("us").asi8


def _int_array(values: np.ndarray, mask: np.ndarray | None = None) -> pd.arrays.IntegerArray:
    vals = np.asarray(np.round(values), dtype=np.int64)
    if mask is None:
        mask = np.zeros(len(vals), dtype=bool)
    return pd.arrays.IntegerArray(vals, mask)


def _str(arr: pa.Array | pa.ChunkedArray | np.ndarray | list) -> pd.Series:
    return pd.Series(arr, dtype="str")


def _lognormal(rng: np.random.Generator, sigma: float, n: int) -> np.ndarray:
    return rng.lognormal(-(sigma**2) / 2, sigma, n)


def event_day(ctx: Ctx) -> int:
    """Day index of the planted flood evening (in the last month)."""
    last_month_start = int((ctx.end.start_time - ctx.start_naive).days)
    return min(last_month_start + M.EVENT["day"] - 1, ctx.ndays - 2)


def _cluster_day(ctx: Ctx) -> int:
    last_month_start = int((ctx.end.start_time - ctx.start_naive).days)
    return min(last_month_start + M.CLUSTER_DAY - 1, ctx.ndays - 2)


def _put(arr: pa.Array, rows: np.ndarray, values: pa.Array) -> pa.Array:
    """Return ``arr`` with ``arr[rows] = values``."""
    if len(rows) == 0:
        return arr
    n = len(arr)
    src = np.arange(n)
    src[rows] = n + np.arange(len(rows))
    return pa.concat_arrays([arr.cast(pa.string()), values.cast(pa.string())]).take(pa.array(src))
