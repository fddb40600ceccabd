"""Vectorised generator of the sample institution's canonical tables.

Called by :func:`humaskit.samples.generate`; see that module's docstring for what is
planted. Every random draw comes from one child generator per table, spawned from
``numpy.random.SeedSequence(seed)``, so a seed gives the same tables on every machine
and a change in one table's code does not shift the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from . import _model as M
from ._text import choose_within, fill, join, render, table, words

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


# --------------------------------------------------------------------------- posts


@dataclass
class PostState:
    """What the later tables need from the posts step."""

    a: np.ndarray  # account row of each post
    d: np.ndarray  # day index in the window (may be negative for old posts)
    exposure: np.ndarray
    views: np.ndarray
    reach: np.ndarray
    comments: np.ndarray
    counts: np.ndarray  # posts per account and day (A x D)
    follows: np.ndarray
    unfollows: np.ndarray
    followers_end: np.ndarray


def make_posts(ctx: Ctx) -> tuple[pd.DataFrame, PostState]:
    rng = ctx.rngs["posts"]
    acc = ctx.acc
    A, D = len(acc), ctx.ndays
    wd_days = (ctx.start_wd + np.arange(D)) % 7
    centre = acc["unit"].eq(CENTRE_UNIT).to_numpy()
    w_unit = np.array(M.POST_WEEKDAY_UNIT)
    w_centre = np.array(M.POST_WEEKDAY_CENTRE)
    wdw = np.where(
        centre[:, None],
        (w_centre / w_centre.mean())[wd_days][None, :],
        (w_unit / w_unit.mean())[wd_days][None, :],
    )
    rate = acc["posts_per_day"].to_numpy() * ctx.scale
    counts = rng.poisson(rate[:, None] * wdw)

    # followers: daily follows and unfollows; posting above the cap costs followers
    f0 = acc["followers"].to_numpy().astype(float)
    growth = acc["growth"].to_numpy()
    cap = np.array([M.CAPS[p] for p in acc["platform"]], dtype=float)
    excess = np.maximum(0.0, counts / ctx.scale - cap[:, None])
    noise = rng.lognormal(-0.045, 0.3, (A, D))
    follows = rng.poisson(
        f0[:, None] * np.maximum(growth / 30 + M.CHURN_PER_DAY, 0)[:, None] * noise
    )
    unfollows = rng.poisson(f0[:, None] * M.CHURN_PER_DAY * (1 + M.CAP_UNFOLLOW_STEP * excess))
    followers_end = f0[:, None] + np.cumsum(follows - unfollows, axis=1)
    followers_start = np.concatenate([f0[:, None], followers_end[:, :-1]], axis=1)

    # skeleton of ordinary posts
    flat = counts.ravel()
    cell = np.repeat(np.arange(A * D), flat)
    a = cell // D
    d = cell % D
    n0 = len(a)
    p_hours = np.array(M.POST_HOURS) / np.sum(M.POST_HOURS)
    p_video = np.array(M.POST_HOURS_VIDEO) / np.sum(M.POST_HOURS_VIDEO)
    video = np.isin(acc["platform"].to_numpy()[a], M.VIDEO_PLATFORMS)
    hour = np.where(video, rng.choice(24, n0, p=p_video), rng.choice(24, n0, p=p_hours))
    # each account's habit: a share of its posts follows an evening schedule
    eve_share = np.where(centre, M.EVENING_SHARE_CENTRE, M.EVENING_SHARE_UNIT)[a]
    eve_h = np.array(list(M.EVENING_HOURS))
    eve_p = np.array(list(M.EVENING_HOURS.values()), dtype=float)
    evening = rng.random(n0) < eve_share
    hour = np.where(evening, eve_h[rng.choice(len(eve_h), n0, p=eve_p / eve_p.sum())], hour)
    secs = hour * 3600 + rng.integers(0, 3600, n0)
    ptype = np.full(n0, -1)
    cat = np.full(n0, -1)
    camp = np.full(n0, None, dtype=object)
    viral = np.ones(n0)

    extra_a, extra_d, extra_s, extra_t, extra_c, extra_camp, extra_v = [], [], [], [], [], [], []

    # the centre's agenda posts and the units that carry them
    camps = table("campaigns.csv")
    agenda = camps[_truthy(camps["agenda"])]["campaign"].tolist()
    month_starts = [
        int(((ctx.end - (ctx.months - 1 - m)).start_time - ctx.start_naive).days)
        for m in range(ctx.months)
    ]
    for m, m0 in enumerate(month_starts):
        for j, c in enumerate(agenda):
            day = m0 + 2 + 9 * j + (2 * m) % 5
            if day >= D:
                continue
            t0 = day * 86400 + (10 + j) * 3600
            for plat in ("instagram", "facebook", "x"):
                extra_a.append(ctx.centre_row(plat))
                extra_d.append(day), extra_s.append((10 + j) * 3600)
                extra_t.append(-1), extra_c.append(CATS.index("tematik"))
                extra_camp.append(c), extra_v.append(1.0)
            for u, p_amp in M.AGENDA_PROPENSITY.items():
                rows = [
                    r
                    for r in np.flatnonzero(acc["unit"].eq(u).to_numpy())
                    if not {"abandoned", "duplicate"} & set(ctx.faults[r])
                    and acc["platform"][r] != "youtube"
                ]
                carry = rng.random() < p_amp
                for r in rows:
                    if not carry or rng.random() > 0.75:
                        continue
                    lag = M.AGENDA_LAG_HOURS[u] * rng.lognormal(0, 0.5) * 3600
                    t = int(t0 + lag)
                    if t // 86400 >= D:
                        continue
                    extra_a.append(r), extra_d.append(t // 86400), extra_s.append(t % 86400)
                    extra_t.append(-1), extra_c.append(CATS.index("tematik"))
                    extra_camp.append(c), extra_v.append(1.0)

    # abandoned accounts: a few posts 130-170 days before the end of the window
    for r in np.flatnonzero([("abandoned" in f) for f in ctx.faults]):
        for off in sorted(rng.integers(130, 171, 3)):
            extra_a.append(r), extra_d.append(D - int(off))
            extra_s.append(int(rng.integers(8, 12)) * 3600 + int(rng.integers(0, 3600)))
            extra_t.append(-1), extra_c.append(-1), extra_camp.append(None), extra_v.append(1.0)

    # one viral post in an empty night slot
    nv = M.NIGHT_VIRAL
    nv_day = month_starts[-1] + min(nv["day"], 28) - 1
    extra_a.append(
        int(acc.index[(acc["handle"] == nv["account"]) & (acc["platform"] == nv["platform"])][0])
    )
    extra_d.append(nv_day), extra_s.append(nv["hour"] * 3600 + nv["minute"] * 60)
    extra_t.append(T_CODE[nv["post_type"]]), extra_c.append(CATS.index("isu_terkini"))
    extra_camp.append(None), extra_v.append(nv["exposure_x"])

    # the flood evening: BPBD and the centre warn and report (fixed captions, see below)
    ev = M.EVENT
    ev_day = event_day(ctx)
    n_regular_extra = len(extra_a)
    for plat, handle, minute in ev["posts"]:
        extra_a.append(int(acc.index[(acc["handle"] == handle) & (acc["platform"] == plat)][0]))
        extra_d.append(ev_day), extra_s.append(ev["hour"] * 3600 + minute * 60)
        extra_t.append(-1), extra_c.append(CATS.index("isu_terkini"))
        extra_camp.append(None), extra_v.append(1.0)
    special = np.zeros(n0 + len(extra_a), dtype=np.int64)
    special[n0 + n_regular_extra :] = 1 + np.arange(len(ev["posts"]))

    a = np.concatenate([a, np.array(extra_a, dtype=np.int64)])
    d = np.concatenate([d, np.array(extra_d, dtype=np.int64)])
    secs = np.concatenate([secs, np.array(extra_s, dtype=np.int64)])
    ptype = np.concatenate([ptype, np.array(extra_t, dtype=np.int64)])
    cat = np.concatenate([cat, np.array(extra_c, dtype=np.int64)])
    camp = np.concatenate([camp, np.array(extra_camp, dtype=object)])
    viral = np.concatenate([viral, np.array(extra_v, dtype=float)])
    n = len(a)
    plat = ctx.acc_plat[a]

    # formats per platform, categories, campaigns
    for p, shares in M.POST_TYPES.items():
        rows = np.flatnonzero((plat == P_CODE[p]) & (ptype < 0))
        names = list(shares)
        probs = np.array([shares[t] for t in names])
        ptype[rows] = np.array([T_CODE[t] for t in names])[
            rng.choice(len(names), len(rows), p=probs / probs.sum())
        ]
    free = cat < 0
    cat_p = np.array([M.CATEGORY_SHARE[c] for c in CATS])
    cat[free] = rng.choice(len(CATS), int(free.sum()), p=cat_p / cat_p.sum())
    own = camps[~_truthy(camps["agenda"])]
    own_unit = np.array([ctx.unit_code[u] for u in own["unit"]])
    order = np.argsort(own_unit, kind="stable")
    own_names = own["campaign"].to_numpy()[order]
    sizes = np.bincount(own_unit, minlength=len(ctx.unit_keys))
    pick = choose_within(ctx.acc_unit[a], sizes, rng)
    with_camp = (rng.random(n) < 0.28) & (pick >= 0) & pd.isna(camp)
    camp[with_camp] = own_names[pick[with_camp]]

    # engagement model
    dd = np.clip(d, 0, D - 1)
    fol = followers_start[a, dd]
    hour = secs // 3600
    wd = (ctx.start_wd + d) % 7
    hour_er = np.array([M.HOUR_ER[p] for p in PLATFORMS])[plat, hour]
    wd_er = np.array([M.WEEKDAY_ER[p] for p in PLATFORMS])[plat, wd]
    t_er = np.ones((len(PLATFORMS), len(TYPES)))
    t_reach = np.ones_like(t_er)
    for (p, t), v in M.TYPE_ER.items():
        t_er[P_CODE[p], T_CODE[t]] = v
        t_reach[P_CODE[p], T_CODE[t]] = M.TYPE_REACH[(p, t)]
    cat_er = np.array([M.CATEGORY_ER[c] for c in CATS])[cat]
    in_window = (d >= 0) & (d < D)
    cap_mult = np.where(in_window, np.maximum(0.6, 1 - M.CAP_ER_STEP * excess[a, dd]), 1.0)
    is_viral = rng.random(n) < M.VIRAL_SHARE
    viral = np.where(is_viral & (viral == 1.0), rng.uniform(*M.VIRAL_RANGE, n), viral)
    base_exp = np.array([M.BASE_EXPOSURE[p] for p in PLATFORMS])[plat]
    base_er = np.array([M.BASE_ER[p] for p in PLATFORMS])[plat]
    acc_er = (f0 / 20_000) ** M.ACCOUNT_ER_ELASTICITY * rng.lognormal(
        -(M.ACCOUNT_ER_SIGMA**2) / 2, M.ACCOUNT_ER_SIGMA, A
    )
    base_er = base_er * acc_er[a]
    exposure = (
        fol
        * base_exp
        * t_reach[plat, ptype]
        * (hour_er * wd_er) ** 0.35
        * _lognormal(rng, M.EXPOSURE_SIGMA, n)
        * viral
    )
    er = (
        base_er
        * t_er[plat, ptype]
        * cat_er
        * hour_er
        * wd_er
        * cap_mult
        * _lognormal(rng, M.ER_SIGMA, n)
        * np.where(viral > 1, 0.7, 1.0)
    )
    eng = exposure * er

    metrics: dict[str, np.ndarray] = {m: np.zeros(n) for m in schema.METRICS}
    metrics["avg_view_pct"] = np.zeros(n)
    is_p = {p: plat == P_CODE[p] for p in PLATFORMS}
    is_t = {t: ptype == T_CODE[t] for t in TYPES}
    metrics["reach"] = exposure.copy()
    metrics["impressions"] = np.where(is_p["youtube"], exposure * rng.uniform(6, 14, n), exposure)
    metrics["views"] = np.where(
        is_p["instagram"] | is_p["facebook"], exposure * rng.uniform(1.15, 1.6, n), exposure
    )
    for m in ("likes", "comments", "shares", "saves"):
        frac = np.array([M.SPLITS[p].get(m, 0.0) for p in PLATFORMS])[plat]
        metrics[m] = rng.poisson(eng * frac)
    link = is_t["link"]
    metrics["clicks"] = rng.poisson(exposure * np.where(link, 0.03, 0.006))
    metrics["video_views"] = np.where(
        is_p["x"],
        exposure * rng.uniform(0.2, 0.4, n),
        metrics["views"] * rng.uniform(0.45, 0.75, n),
    )
    dur = np.select(
        [is_p["tiktok"], is_t["short"], is_t["live"]],
        [rng.uniform(15, 90, n), rng.uniform(15, 60, n), rng.uniform(1800, 5400, n)],
        rng.uniform(120, 900, n),
    )
    pct = np.select(
        [is_p["tiktok"], is_t["short"], is_t["live"]],
        [rng.uniform(30, 75, n), rng.uniform(55, 95, n), rng.uniform(8, 25, n)],
        rng.uniform(25, 55, n),
    )
    metrics["avg_view_pct"] = np.round(pct, 1)
    metrics["watch_time_s"] = metrics["views"] * dur * pct / 100
    metrics["followers_at_post"] = fol

    reported = np.zeros((len(PLATFORMS), len(TYPES), len(metrics)), dtype=bool)
    mnames = list(metrics)
    for (p, t), ms in M.REPORTED.items():
        for m in ms:
            reported[P_CODE[p], T_CODE[t], mnames.index(m)] = True

    local_us = ctx.start_us + d * DAY_US + secs * US
    published = ctx.to_utc(local_us)
    order = np.argsort(published.asi8, kind="stable")

    def o(x):
        return x[order]

    a, d, plat, ptype, cat, camp = o(a), o(d), o(plat), o(ptype), o(cat), o(camp)
    special = o(special)
    secs, local_us = o(secs), o(local_us)
    exposure = o(exposure)
    published = published[order]
    metrics = {k: o(v) for k, v in metrics.items()}

    # ids and permalinks
    parts = []
    base = {"facebook": 10**15, "instagram": 17 * 10**16, "x": 19 * 10**17, "tiktok": 73 * 10**17}
    for p in PLATFORMS:
        rows = np.flatnonzero(plat == P_CODE[p])
        if p == "youtube":
            alphabet = np.array(
                list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            )
            chars = np.ascontiguousarray(alphabet[rng.integers(0, 64, (len(rows), 11))])
            vals = chars.view("<U11").ravel() if len(rows) else np.array([], dtype="<U11")
            parts.append((rows, pa.array(vals.astype(object), type=pa.string())))
        else:
            num = base[p] + np.cumsum(rng.integers(10**3, 10**6, len(rows)))
            parts.append((rows, pa.array(num).cast(pa.string())))
    all_rows = np.concatenate([r for r, _ in parts])
    post_id = pa.concat_arrays([v for _, v in parts]).take(pa.array(np.argsort(all_rows)))

    handles = pa.array(acc["handle"].tolist(), type=pa.string()).take(pa.array(a))
    perm_prefix = np.select(
        [
            plat == P_CODE["facebook"],
            (plat == P_CODE["instagram"]) & (ptype == T_CODE["reel"]),
            plat == P_CODE["instagram"],
            plat == P_CODE["x"],
            (plat == P_CODE["youtube"]) & (ptype == T_CODE["short"]),
            plat == P_CODE["youtube"],
        ],
        [0, 1, 2, 3, 4, 5],
        6,
    )
    prefix_vals = pa.array(
        [
            "https://www.facebook.com/",
            "https://www.instagram.com/reel/",
            "https://www.instagram.com/p/",
            "https://x.com/",
            "https://www.youtube.com/shorts/",
            "https://www.youtube.com/watch?v=",
            "https://www.tiktok.com/@",
        ]
    )
    mid_vals = pa.array(["/posts/", "", "", "/status/", "", "", "/video/"])
    with_handle = np.isin(perm_prefix, [0, 3, 6])
    empty = pa.array(np.full(n, "", dtype=object), type=pa.string())
    h_part = pc.if_else(pa.array(with_handle), handles, empty)
    permalink = join(
        prefix_vals.take(pa.array(perm_prefix)),
        h_part,
        mid_vals.take(pa.array(perm_prefix)),
        post_id,
    )

    text = make_captions(ctx, a, d, local_us, ptype, cat, camp, rng)
    ev_rows = np.flatnonzero(special > 0)
    if len(ev_rows):
        places = " dan ".join(ev["places"])
        fixed = [
            ev["captions"][(special[r] - 1) % len(ev["captions"])].format(places=places)
            for r in ev_rows
        ]
        text.iloc[ev_rows] = fixed

    data = {
        "platform": _str(np.array(PLATFORMS, dtype=object)[plat]),
        "account": _str(handles),
        "post_id": _str(post_id),
        "published_at": pd.Series(published, dtype="datetime64[us, UTC]"),
        "post_type": _str(np.array(TYPES, dtype=object)[ptype]),
        "text": text,
        "permalink": _str(permalink),
    }
    for m in schema.METRICS:
        mask = ~reported[plat, ptype, mnames.index(m)]
        data[m] = _int_array(metrics[m], mask)
    pct_mask = ~reported[plat, ptype, mnames.index("avg_view_pct")]
    data["avg_view_pct"] = pd.arrays.FloatingArray(metrics["avg_view_pct"], pct_mask)
    data["category"] = _str(np.array(CATS, dtype=object)[cat])
    data["campaign"] = _str(camp)
    posts = pd.DataFrame(data)

    state = PostState(
        a=a,
        d=d,
        exposure=exposure,
        views=np.where(data["views"].isna(), 0, data["views"].fillna(0)).astype(float),
        reach=data["reach"].fillna(0).to_numpy(dtype=float),
        comments=data["comments"].fillna(0).to_numpy(dtype=np.int64),
        counts=counts,
        follows=follows,
        unfollows=unfollows,
        followers_end=followers_end,
    )
    return posts, state


def make_captions(ctx, a, d, local_us, ptype, cat, camp, rng) -> pd.Series:
    n = len(a)
    if n == 0:
        return _str([])
    caps = table("captions.csv")
    nu = len(ctx.unit_keys)
    # one group per (category, unit); a template open to every unit joins every group
    tpl_text, tpl_group = [], []
    for c, units, text in zip(caps["category"], caps["units"], caps["template"], strict=True):
        keys = units.split() or ctx.unit_keys
        for u in keys:
            tpl_text.append(text)
            tpl_group.append(CATS.index(c) * nu + ctx.unit_code[u])
    tpl_group = np.array(tpl_group)
    order = np.argsort(tpl_group, kind="stable")
    templates = np.array(tpl_text, dtype=object)[order].tolist()
    sizes = np.bincount(tpl_group, minlength=len(CATS) * nu)
    unit = ctx.acc_unit[a]
    which = choose_within(cat * nu + unit, sizes, rng)
    progs = table("programs.csv")
    p_unit = np.array([ctx.unit_code[u] for u in progs["unit"]])
    p_order = np.argsort(p_unit, kind="stable")
    prog = choose_within(unit, np.bincount(p_unit, minlength=len(ctx.unit_keys)), rng)
    local = pd.DatetimeIndex(np.asarray(local_us, dtype="datetime64[us]"))
    day_str = pa.array(local.day.to_numpy()).cast(pa.string())
    date = join(day_str, " ", pa.array(MONTHS_ID).take(pa.array(local.month.to_numpy() - 1)))
    places = words("places.txt")
    emoji = table("emoji.csv")
    pos_emoji = emoji.loc[emoji["sentiment"] == "positive", "emoji"].tolist()
    fills = {
        "program": fill(progs["program"].to_numpy()[p_order].tolist(), np.maximum(prog, 0)),
        "unit": fill([ctx.unit_name[u] for u in ctx.unit_keys], unit),
        "place": fill(places, rng.integers(0, len(places), n)),
        "date": fill(date, np.arange(n)),
        "day": fill(DAYS_ID, local.day_of_week.to_numpy()),
        "n": fill([str(i) for i in range(2, 31)], rng.integers(0, 29, n)),
        "emoji": fill(pos_emoji, rng.integers(0, len(pos_emoji), n)),
    }
    body = render(templates, which, fills)

    # hashtags: the institution's, often the unit's, and the campaign's
    units = ctx.units
    unit_tags = pa.array([" #" + h for h in units["hashtag"]])
    camps = table("campaigns.csv")
    camp_tag = dict(zip(camps["campaign"], camps["hashtag"], strict=True))
    camp_codes, camp_uniq = pd.factorize(pd.Series(camp, dtype=object), use_na_sentinel=True)
    camp_arr = pa.array([" #" + camp_tag[c] for c in camp_uniq] + [""], type=pa.string())
    camp_part = camp_arr.take(pa.array(np.where(camp_codes < 0, len(camp_uniq), camp_codes)))
    use_unit_tag = (rng.random(n) < 0.6) & (unit != ctx.unit_code[CENTRE_UNIT])
    empty = pa.array(np.full(n, "", dtype=object), type=pa.string())
    unit_part = pc.if_else(pa.array(use_unit_tag), unit_tags.take(pa.array(unit)), empty)
    inst_part = pc.if_else(pa.array(rng.random(n) < 0.7), pa.scalar(" #SukamajuMaju"), empty)
    link = (ptype == T_CODE["link"]) | (rng.random(n) < 0.05)
    slug = pa.array(rng.integers(1000, 99999, n)).cast(pa.string())
    link_part = pc.if_else(pa.array(link), join(" Selengkapnya: ", SITE, "/berita/", slug), empty)
    text = join(body, link_part, inst_part, unit_part, camp_part)
    return _str(text)


# --------------------------------------------------------------------------- daily


def make_daily(ctx: Ctx, st: PostState) -> pd.DataFrame:
    rng = ctx.rngs["daily"]
    acc = ctx.acc
    A, D = len(acc), ctx.ndays
    inwin = (st.d >= 0) & (st.d < D)
    cell = st.a[inwin] * D + st.d[inwin]
    s_exp = np.bincount(cell, weights=st.exposure[inwin], minlength=A * D).reshape(A, D)
    s_views = np.bincount(cell, weights=st.views[inwin], minlength=A * D).reshape(A, D)
    s_reach = np.bincount(cell, weights=st.reach[inwin], minlength=A * D).reshape(A, D)
    fol = st.followers_end
    noise = rng.lognormal(-0.02, 0.2, (A, D))
    base_views = {"facebook": 0.02, "instagram": 0.03, "youtube": 0.01, "tiktok": 0.05, "x": 0}
    bv = np.array([base_views[p] for p in acc["platform"]])[:, None]
    values = {
        "followers": fol,
        "follows": st.follows,
        "unfollows": st.unfollows,
        "views": s_views * 1.1 + fol * bv * noise,
        "reach": 0.8 * s_reach + fol * 0.02 * noise,
        "impressions": s_exp + fol * 0.05 * noise,
        "visits": rng.poisson(fol * 0.003 + 0.01 * s_exp),
    }
    dates = np.asarray(
        ctx.start_naive.to_datetime64().astype("datetime64[D]") + np.arange(D),
        dtype="datetime64[us]",
    )
    frames = []
    for m, vals in values.items():
        rows = np.array([m in M.DAILY_METRICS[p] for p in acc["platform"]])
        if not rows.any():
            continue
        idx = np.flatnonzero(rows)
        k = len(idx)
        frames.append(
            pd.DataFrame(
                {
                    "platform": np.repeat(acc["platform"].to_numpy()[idx], D),
                    "account": np.repeat(acc["handle"].to_numpy()[idx], D),
                    "date": np.tile(dates, k),
                    "metric": m,
                    "value": np.round(vals[idx].ravel(), 0),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out = out.sort_values(["platform", "account", "metric", "date"], kind="stable")
    out = out.reset_index(drop=True)
    for c in ("platform", "account", "metric"):
        out[c] = out[c].astype("str")
    out["value"] = out["value"].astype("Float64")
    return out


# --------------------------------------------------------------------------- mentions


@dataclass
class Authors:
    """Everyone who writes in the mentions table: citizens, named accounts, the cluster."""

    handle: pa.Array
    followers: np.ndarray
    created_us: np.ndarray
    region: pa.Array
    atype: pa.Array
    is_citizen: np.ndarray
    n_citizens: int
    people: pd.DataFrame  # people.csv rows with column 'author' (index in the pool)
    cluster: np.ndarray  # author indices of the coordinated cluster
    cit_p: np.ndarray  # activity weights of the citizens


def make_authors(ctx: Ctx, rng: np.random.Generator) -> Authors:
    n_cit = max(400, int(round(5000 * ctx.volume)))
    names = np.array(words("names.txt"), dtype=object)
    tails = np.array(words("handle_words.txt"), dtype=object)
    nm = pa.array(names.tolist(), type=pa.string()).take(
        pa.array(rng.integers(0, len(names), n_cit))
    )
    tl = pa.array(tails.tolist(), type=pa.string()).take(
        pa.array(rng.integers(0, len(tails), n_cit))
    )
    sp = pa.array(["", "_", ".", ""]).take(pa.array(rng.integers(0, 4, n_cit)))
    num = pa.array(rng.integers(1, 999, n_cit)).cast(pa.string())
    with_num = rng.random(n_cit) < 0.55
    base = join(nm, sp, tl, pc.if_else(pa.array(with_num), num, pa.scalar("")))
    # make handles unique: repeats get a running number
    s = pd.Series(base, dtype="str")
    dup = s.groupby(s, sort=False).cumcount().to_numpy()
    if (dup > 0).any():
        rows = np.flatnonzero(dup > 0)
        suffix = pa.array(dup[rows]).cast(pa.string())
        base = _put(base, rows, join(base.take(pa.array(rows)), "_", suffix))
    stop_us = np.int64(ctx.stop_naive.value // 1000)
    cit_followers = np.minimum(rng.lognormal(np.log(150), 1.3, n_cit), 60_000)
    lo = np.int64(pd.Timestamp("2010-01-01").value // 1000)
    cit_created = rng.integers(lo, stop_us - 40 * DAY_US, n_cit) // US * US
    cities = words("cities.txt")
    city_p = np.array([0.62, 0.12, 0.06, 0.05, 0.05, 0.04, 0.02, 0.02, 0.01, 0.01])[: len(cities)]
    cit_region = pa.array(list(cities)).take(
        pa.array(rng.choice(len(cities), n_cit, p=city_p / city_p.sum()))
    )
    w = 1.0 / (rng.permutation(n_cit) + 25.0) ** 1.05

    people = table("people.csv")
    people["followers"] = people["followers"].astype(int)
    people["activity"] = people["activity"].astype(float)
    people["leader"] = _truthy(people["leader"])
    people["registered"] = _truthy(people["registered"])
    k = len(people)
    people["author"] = n_cit + np.arange(k)
    p_created = rng.integers(lo, np.int64(pd.Timestamp("2020-01-01").value // 1000), k) // US * US

    c = M.CLUSTER_SIZE
    c_start = ctx.start_us + _cluster_day(ctx) * DAY_US
    c_created = c_start - rng.integers(2 * 86400, 12 * 86400, c) * US
    c_followers = rng.integers(0, 40, c)

    def strs(values) -> pa.Array:
        return pa.array(list(values), type=pa.string())

    return Authors(
        handle=pa.concat_arrays(
            [base.cast(pa.string()), strs(people["handle"]), strs(cluster_handles())]
        ),
        followers=np.concatenate([cit_followers, people["followers"].to_numpy(), c_followers]),
        created_us=np.concatenate([cit_created, p_created, c_created]),
        region=pa.concat_arrays(
            [cit_region.cast(pa.string()), strs(people["region"]), strs(["Sukamaju"] * c)]
        ),
        atype=pa.concat_arrays(
            [
                pa.array(np.full(n_cit, "citizen", dtype=object), pa.string()),
                strs(people["author_type"]),
                strs(["citizen"] * c),
            ]
        ),
        is_citizen=np.concatenate(
            [np.ones(n_cit, bool), people["author_type"].eq("citizen").to_numpy(), np.ones(c, bool)]
        ),
        n_citizens=n_cit,
        people=people,
        cluster=n_cit + k + np.arange(c),
        cit_p=w / w.sum(),
    )


def cluster_handles() -> list[str]:
    """The cluster's handles: fixed (not drawn from the seed) so that tests can name them."""
    fixed = np.random.default_rng(20250914)
    names = words("names.txt")
    lead = ("warga", "peduli", "suara", "info")
    out = []
    for i in range(M.CLUSTER_SIZE):
        name = names[int(fixed.integers(0, len(names)))]
        out.append(f"{lead[i % 4]}_{name}{int(fixed.integers(1000, 9999))}")
    return out


def event_day(ctx: Ctx) -> int:
    """Day index of the planted flood evening (in the last month)."""
    last_month_start = int((ctx.end.start_time - ctx.start_naive).days)
    return min(last_month_start + M.EVENT["day"] - 1, ctx.ndays - 2)


def _cluster_day(ctx: Ctx) -> int:
    last_month_start = int((ctx.end.start_time - ctx.start_naive).days)
    return min(last_month_start + M.CLUSTER_DAY - 1, ctx.ndays - 2)


#: Share of citizens' texts written with slang/typos, in lowercase, and with an emoji.
SLANG_SHARE = 0.33
LOWER_SHARE = 0.30
EMOJI_SHARE = 0.35


def _variants(texts: list[str]) -> list[str]:
    """Every template in 16 variants: slang style (none, 1, 2, 3) x lowercase x emoji.

    Slang replaces whole words from slang.csv, one spelling per style; the emoji is the
    fill-in ``{_emo}`` chosen by the row's sentiment.
    """
    import re

    slang = table("slang.csv").groupby("formal", sort=True)["informal"].agg(list)
    out = []
    for text in texts:
        for style in range(4):
            styled = text
            if style:
                for formal, spellings in slang.items():
                    pattern = rf"(?i)\b{re.escape(formal)}\b"
                    styled = re.sub(pattern, spellings[(style - 1) % len(spellings)], styled)
            for lower in (False, True):
                base = styled.lower() if lower else styled
                out.extend([base, base + " {_emo}"])
    return out


class Labels:
    """The mention templates and the label vocabularies (intent, topic, sentiment)."""

    #: Pre-made variants per template: 4 slang styles (0 = as written) x lowercase x emoji.
    VARIANTS = 16

    def __init__(self, ctx: Ctx) -> None:
        t = table("mentions.csv")
        self.text = t["template"].tolist()
        self.variants = _variants(self.text)
        self.intents = sorted(set(t["intent"]) | {"news", "hoax"})
        self.topics = sorted(set(t["topic"]) | set(ctx.topic_unit))
        self.sentiments = ["negative", "neutral", "positive"]
        self.intent = pd.Index(self.intents).get_indexer(t["intent"])
        self.topic = pd.Index(self.topics).get_indexer(t["topic"])
        self.sentiment = pd.Index(self.sentiments).get_indexer(t["sentiment"])
        self.umum = self.topics.index("umum")
        self.topic_unit = np.array(
            [ctx.unit_code[ctx.topic_unit.get(tp, CENTRE_UNIT)] for tp in self.topics]
        )

    def code(self, kind: str, value: str) -> int:
        return {"intent": self.intents, "topic": self.topics, "sentiment": self.sentiments}[
            kind
        ].index(value)

    def mix(self, rng: np.random.Generator, shares: dict[str, float], n: int) -> np.ndarray:
        """Intent codes drawn with the given shares."""
        names = list(shares)
        p = np.array([shares[k] for k in names], dtype=float)
        codes = np.array([self.intents.index(k) for k in names])
        return codes[rng.choice(len(names), n, p=p / p.sum())]

    def pick(
        self, intent: np.ndarray, key: np.ndarray, by: str, rng: np.random.Generator
    ) -> np.ndarray:
        """A template per row matching its intent and topic (``by="topic"``) or sentiment.

        A combination without a template falls back to topic "umum", then to any template
        of the intent.
        """
        col = self.topic if by == "topic" else self.sentiment
        width = len(self.topics) if by == "topic" else len(self.sentiments)
        group = self.intent * width + col
        order = np.argsort(group, kind="stable")
        sizes = np.bincount(group, minlength=len(self.intents) * width)
        want = intent * width + key
        if by == "topic":
            want = np.where(sizes[want] > 0, want, intent * width + self.umum)
        out = choose_within(want, sizes, rng)
        out = np.where(out >= 0, order[np.maximum(out, 0)], -1)
        miss = np.flatnonzero(out < 0)
        if len(miss):
            i_order = np.argsort(self.intent, kind="stable")
            i_sizes = np.bincount(self.intent, minlength=len(self.intents))
            out[miss] = i_order[choose_within(intent[miss], i_sizes, rng)]
        return out


@dataclass
class Part:
    """One component of the mentions table before the parts are merged."""

    acc_row: np.ndarray  # the institution's account the message belongs to
    kind: str
    created_us: np.ndarray  # local wall-clock microseconds
    author: np.ndarray
    template: np.ndarray  # template index (-1 = text given or copied)
    prefix: pa.Array | None = None
    suffix: pa.Array | None = None
    given: pa.Array | None = None
    labels: tuple[int, int, int] | None = None  # (intent, topic, sentiment) of given texts
    reply_post: np.ndarray | None = None  # row in posts
    reply_to: tuple[str, np.ndarray] | None = None  # (part, row) of the mention replied to
    copy_of: tuple[str, np.ndarray] | None = None  # reposts: (part, row) copied
    to_author: np.ndarray | None = None
    mentioned: pa.Array | None = None
    place: np.ndarray | None = None  # fill-in {place} forced (index into places.txt)
    program: np.ndarray | None = None  # fill-in {program} forced (index into programs.csv)

    def __len__(self) -> int:
        return len(self.author)


def _topic_for(
    ctx: Ctx, lab: Labels, unit_codes: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A topic code per row: usually one the addressed unit owns (the centre gets any)."""
    weights = {
        "jalan": 3,
        "sampah": 2.5,
        "banjir": 1.2,
        "kesehatan": 2,
        "perizinan": 1.2,
        "pendidikan": 1.2,
        "transportasi": 1.2,
        "lampu_jalan": 1,
        "bansos": 1.5,
        "kependudukan": 1.8,
        "pungli": 0.6,
        "drainase": 0.8,
        "umum": 2,
    }
    w = np.array([weights.get(t, 1.0) for t in lab.topics])
    out = rng.choice(len(lab.topics), len(unit_codes), p=w / w.sum())
    # topics owned per unit, as groups for choose_within
    owner = lab.topic_unit
    order = np.argsort(owner, kind="stable")
    sizes = np.bincount(owner, minlength=len(ctx.unit_keys))
    own = choose_within(unit_codes, sizes, rng)
    use_own = (rng.random(len(unit_codes)) < 0.75) & (unit_codes != ctx.centre_code) & (own >= 0)
    return np.where(use_own, order[np.maximum(own, 0)], out)


def _times(ctx: Ctx, rng: np.random.Generator, n: int) -> np.ndarray:
    hours = np.array(M.CITIZEN_HOURS) / np.sum(M.CITIZEN_HOURS)
    day = rng.integers(0, ctx.ndays, n)
    secs = rng.choice(24, n, p=hours) * 3600 + rng.integers(0, 3600, n)
    return ctx.start_us + day * DAY_US + secs * US


def _citizens(rng: np.random.Generator, au: Authors, n: int) -> np.ndarray:
    """Heavy-tailed activity: a few citizens write a lot, most write once."""
    return rng.choice(au.n_citizens, n, p=au.cit_p)


def make_mentions(
    ctx: Ctx, posts: pd.DataFrame, st: PostState
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = ctx.rngs["mentions"]
    acc = ctx.acc
    au = make_authors(ctx, rng)
    lab = Labels(ctx)
    s = ctx.volume  # message volumes are per three months at scale 1
    parts: dict[str, Part] = {}
    stop_us = np.int64(ctx.stop_naive.value // 1000)
    post_local = ctx.local_us(posts["published_at"])
    live = np.array([not ({"abandoned"} & set(f)) for f in ctx.faults])
    followers = acc["followers"].to_numpy().astype(float)
    handles = pa.array(acc["handle"].tolist(), type=pa.string())

    # A. comments under the institution's posts (never more than the post's comment count)
    colors = st.comments.copy()
    colors[st.d < 0] = 0
    total = int(colors.sum())
    take = min(int(round(6500 * s)), total)
    per_post = (
        rng.multivariate_hypergeometric(colors, take, method="marginals")
        if take
        else np.zeros(len(colors), dtype=np.int64)
    )
    pidx = np.repeat(np.arange(len(colors)), per_post)
    delay = np.minimum(rng.lognormal(np.log(1.5 * 3600), 1.2, len(pidx)), 20 * 86400)
    created = post_local[pidx] + delay.astype(np.int64) * US
    keep = created < stop_us
    pidx, created = pidx[keep], created[keep]
    na = len(pidx)
    arow = st.a[pidx]
    people_auth = au.people["author"].to_numpy()
    who = np.where(
        rng.random(na) < 0.96,
        _citizens(rng, au, na),
        people_auth[rng.integers(0, len(people_auth), na)],
    )
    intent = lab.mix(rng, M.INTENTS["comment"], na)
    topic = _topic_for(ctx, lab, ctx.acc_unit[arow], rng)
    parts["comment"] = Part(
        acc_row=arow,
        kind="comment",
        created_us=created,
        author=who,
        template=lab.pick(intent, topic, "topic", rng),
        reply_post=pidx,
    )

    # B. citizens mentioning an account (complaints first), sometimes cc-ing a leader
    n_b = int(round(2800 * s))
    w = np.array([M.MENTION_PLATFORM_WEIGHT[p] for p in acc["platform"]]) * followers**0.5
    w = w * np.where(live, 1.0, 0.05)
    arow = rng.choice(len(acc), n_b, p=w / w.sum())
    intent = lab.mix(rng, M.INTENTS["mention"], n_b)
    topic = _topic_for(ctx, lab, ctx.acc_unit[arow], rng)
    acc_h = handles.take(pa.array(arow))
    leaders = au.people[au.people["leader"]]
    lead_handles = pa.array(sorted(set(leaders["handle"])), type=pa.string())
    cc = pa.array(rng.random(n_b) < 0.15)
    cc_lead = lead_handles.take(pa.array(rng.integers(0, len(lead_handles), n_b)))
    parts["mention"] = Part(
        acc_row=arow,
        kind="mention",
        created_us=_times(ctx, rng, n_b),
        author=_citizens(rng, au, n_b),
        template=lab.pick(intent, topic, "topic", rng),
        prefix=join("@", acc_h, " "),
        suffix=pc.if_else(cc, join(" cc @", cc_lead), pa.scalar("")),
        mentioned=pc.if_else(cc, join(acc_h, " ", cc_lead), acc_h),
    )

    # C. direct messages
    n_c = int(round(1100 * s))
    dm_ok = np.array([p in M.DM_PLATFORMS for p in acc["platform"]]) & live
    w = np.where(dm_ok, followers**0.5, 0)
    arow = rng.choice(len(acc), n_c, p=w / w.sum())
    intent = lab.mix(rng, M.INTENTS["dm"], n_c)
    topic = _topic_for(ctx, lab, ctx.acc_unit[arow], rng)
    parts["dm"] = Part(
        acc_row=arow,
        kind="dm",
        created_us=_times(ctx, rng, n_c),
        author=_citizens(rng, au, n_c),
        template=lab.pick(intent, topic, "topic", rng),
    )

    # D. named accounts (media, influencers, leaders) writing about the city
    ppl = au.people
    prow = np.repeat(np.arange(len(ppl)), rng.poisson(ppl["activity"].to_numpy() * 6 * s))
    nd = len(prow)
    p_plat = np.array([P_CODE[p] for p in ppl["platform"]])[prow]
    centre_of = ctx.unit_plat_row[ctx.centre_code][p_plat]
    others = np.array([c for c in range(len(ctx.unit_keys)) if c != ctx.centre_code])
    unit_row = ctx.unit_plat_row[others[rng.integers(0, len(others), nd)], p_plat]
    # leaders mostly address the centre; other named accounts often cite a leader
    p_lead = ppl["leader"].to_numpy()[prow]
    to_unit = rng.random(nd) < np.where(p_lead, 0.15, 0.4)
    arow = np.where(to_unit & (unit_row >= 0), unit_row, centre_of)
    stance = pd.Index(lab.sentiments).get_indexer(ppl["stance"])[prow]
    acc_h = handles.take(pa.array(arow))
    lead_h = np.array(sorted(set(ppl.loc[ppl["leader"], "handle"])), dtype=object)
    cited = lead_h[rng.integers(0, len(lead_h), nd)]
    own_h = ppl["handle"].to_numpy(dtype=object)[prow]
    cite = (rng.random(nd) < np.where(p_lead, 0.15, 0.35)) & (cited != own_h)
    cited_pa = pa.array(cited.tolist(), type=pa.string())
    cite_pa = pa.array(cite)
    parts["people"] = Part(
        acc_row=arow,
        kind="mention",
        created_us=_times(ctx, rng, nd),
        author=ppl["author"].to_numpy()[prow],
        template=lab.pick(np.full(nd, lab.code("intent", "news")), stance, "sentiment", rng),
        suffix=join(" @", acc_h, pc.if_else(cite_pa, join(" via @", cited_pa), pa.scalar(""))),
        mentioned=pc.if_else(cite_pa, join(acc_h, " ", cited_pa), acc_h),
    )

    # I. registered partners' collaboration posts (the collaborations table points at them)
    reg = ppl[ppl["registered"]].reset_index(drop=True)
    n_i = max(10, int(round(35 * s)))
    rel_w = reg["relation"].map({"paid": 2.0, "barter": 1.5, "unpaid": 1.0}).to_numpy(float)
    crow = rng.choice(len(reg), n_i, p=rel_w / rel_w.sum())
    camps = table("campaigns.csv")
    cpick = rng.integers(0, len(camps), n_i)
    c_plat = np.array([P_CODE[p] for p in reg["platform"]])[crow]
    arow = ctx.unit_plat_row[ctx.centre_code][c_plat]
    c_day = rng.integers(0, max(1, ctx.ndays - 3), n_i)
    c_local = (
        ctx.start_us
        + (c_day + rng.integers(0, 3, n_i)) * DAY_US
        + rng.integers(9 * 3600, 21 * 3600, n_i) * US
    )
    acc_h = handles.take(pa.array(arow))
    promo = pa.array(["Yuk dukung ", "Sudah tahu program ", "Bangga ikut ", "Seru banget ikut "])
    given = join(
        promo.take(pa.array(rng.integers(0, 4, n_i))),
        pa.array(camps["campaign"].tolist()).take(pa.array(cpick)),
        "! Bareng Pemkot Sukamaju kita bikin kota makin maju. #",
        pa.array(camps["hashtag"].tolist()).take(pa.array(cpick)),
        " @",
        acc_h,
    )
    parts["collab"] = Part(
        acc_row=arow,
        kind="mention",
        created_us=c_local,
        author=reg["author"].to_numpy()[crow],
        template=np.full(n_i, -1),
        given=given,
        mentioned=acc_h,
        labels=(lab.code("intent", "news"), lab.umum, lab.code("sentiment", "positive")),
    )

    # E. replies to the named accounts' posts (leaders attract most), F. reposts of them
    tgt = [("people", parts["people"]), ("collab", parts["collab"])]
    t_name = np.concatenate([np.full(len(p), i) for i, (_, p) in enumerate(tgt)])
    t_row = np.concatenate([np.arange(len(p)) for _, p in tgt])
    t_author = np.concatenate([p.author for _, p in tgt])
    t_created = np.concatenate([p.created_us for _, p in tgt])
    t_acc = np.concatenate([p.acc_row for _, p in tgt])
    is_lead = np.isin(t_author, ppl.loc[ppl["leader"], "author"].to_numpy())
    t_w = np.where(is_lead, 1.0, 0.12) * au.followers[t_author] ** 0.5
    for name, n_x in (("reply_people", int(round(2500 * s))), ("repost", int(round(1000 * s)))):
        if len(t_w) == 0 or n_x == 0:
            continue
        pick = rng.choice(len(t_w), n_x, p=t_w / t_w.sum())
        created = t_created[pick] + rng.lognormal(np.log(40 * 60), 1.3, n_x).astype(np.int64) * US
        to = t_author[pick]
        to_h = au.handle.take(pa.array(to))
        # the target as (part name, row): both target parts are handled by name below
        src = (np.array([n for n, _ in tgt], dtype=object)[t_name[pick]], t_row[pick])
        common = dict(
            acc_row=t_acc[pick], created_us=created, author=_citizens(rng, au, n_x), to_author=to
        )
        if name == "reply_people":
            intent = lab.mix(rng, M.INTENTS["reply"], n_x)
            topic = _topic_for(ctx, lab, ctx.acc_unit[t_acc[pick]], rng)
            parts[name] = Part(
                kind="reply",
                template=lab.pick(intent, topic, "topic", rng),
                prefix=join("@", to_h, " "),
                reply_to=src,
                mentioned=to_h,
                **common,
            )
        else:
            parts[name] = Part(
                kind="mention",
                template=np.full(n_x, -1),
                prefix=join("RT @", to_h, ": "),
                copy_of=src,
                **common,
            )

    # G. citizens replying to other citizens' mentions
    n_g = int(round(600 * s))
    m = parts["mention"]
    src = rng.integers(0, len(m), n_g)
    to_h = au.handle.take(pa.array(m.author[src]))
    intent = lab.mix(rng, M.INTENTS["reply"], n_g)
    topic = _topic_for(ctx, lab, ctx.acc_unit[m.acc_row[src]], rng)
    delay = rng.lognormal(np.log(3 * 3600), 1.0, n_g).astype(np.int64) * US
    parts["reply_citizen"] = Part(
        acc_row=m.acc_row[src],
        kind="reply",
        created_us=m.created_us[src] + delay,
        author=_citizens(rng, au, n_g),
        template=lab.pick(intent, topic, "topic", rng),
        prefix=join("@", to_h, " "),
        reply_to=(np.full(n_g, "mention", dtype=object), src),
        to_author=m.author[src],
        mentioned=to_h,
    )

    # J. the flood evening: a burst of complaints and questions from two places
    ev = M.EVENT
    places = list(words("places.txt"))
    n_j = int(round(ev["messages"] * ctx.scale))
    if n_j:
        ev_rows = np.array(
            [ctx.unit_plat_row[ctx.unit_code[u], P_CODE[p]] for u, p in ev["accounts"]]
        )
        arow = ev_rows[rng.integers(0, len(ev_rows), n_j)]
        hours = np.minimum(rng.lognormal(np.log(2.5), 0.8, n_j), 30.0)
        created = (
            ctx.start_us
            + event_day(ctx) * DAY_US
            + ((ev["hour"] + hours) * 3600).astype(np.int64) * US
        )
        intent = np.where(
            rng.random(n_j) < 0.85, lab.code("intent", "complaint"), lab.code("intent", "question")
        )
        acc_h = handles.take(pa.array(arow))
        parts["event"] = Part(
            acc_row=arow,
            kind="mention",
            created_us=created,
            author=_citizens(rng, au, n_j),
            template=lab.pick(intent, np.full(n_j, lab.code("topic", ev["topic"])), "topic", rng),
            prefix=join("@", acc_h, " "),
            mentioned=acc_h,
            place=np.array([places.index(x) for x in ev["places"]])[
                rng.integers(0, len(ev["places"]), n_j)
            ],
        )

    # K. a programme that has not reached some offices: planted places, last month
    gap = M.PROGRAMME_GAP
    progs = table("programs.csv")
    unit_progs = np.flatnonzero(progs["unit"].eq(gap["unit"]).to_numpy())
    n_k = int(round((gap["messages"] + gap["background"]) * ctx.scale))
    if n_k:
        planted_row = rng.random(n_k) < gap["messages"] / (gap["messages"] + gap["background"])
        last = int((ctx.end.start_time - ctx.start_naive).days)
        day = np.where(
            planted_row, rng.integers(last, ctx.ndays, n_k), rng.integers(0, ctx.ndays, n_k)
        )
        created = ctx.start_us + day * DAY_US + rng.integers(7 * 3600, 22 * 3600, n_k) * US
        gap_places = np.array([places.index(x) for x in gap["places"]])
        place = np.where(
            planted_row,
            gap_places[rng.integers(0, len(gap_places), n_k)],
            rng.integers(0, len(places), n_k),
        )
        prog_idx = progs.index[progs["program"] == gap["program"]][0]
        program = np.where(planted_row, prog_idx, unit_progs[rng.integers(0, len(unit_progs), n_k)])
        unit_accounts = ctx.unit_plat_row[ctx.unit_code[gap["unit"]]]
        unit_accounts = unit_accounts[unit_accounts >= 0]
        arow = unit_accounts[rng.integers(0, len(unit_accounts), n_k)]
        acc_h = handles.take(pa.array(arow))
        parts["programme"] = Part(
            acc_row=arow,
            kind="mention",
            created_us=created,
            author=_citizens(rng, au, n_k),
            template=lab.pick(
                np.full(n_k, lab.code("intent", "gap")),
                np.full(n_k, lab.code("topic", gap["topic"])),
                "topic",
                rng,
            ),
            prefix=join("@", acc_h, " "),
            mentioned=acc_h,
            place=place,
            program=program,
        )

    # H. the coordinated cluster: one hoax, two waves of a few minutes each
    day = _cluster_day(ctx)
    c = M.CLUSTER_SIZE
    w1 = ctx.start_us + day * DAY_US + (21 * 3600 + 4 * 60 + rng.integers(0, 6 * 60, c)) * US
    second = np.sort(rng.choice(c, M.CLUSTER_SECOND_WAVE, replace=False))
    w2 = (
        ctx.start_us
        + (day + 1) * DAY_US
        + (6 * 3600 + 50 * 60 + rng.integers(0, 5 * 60, len(second))) * US
    )
    c_author = np.concatenate([au.cluster, au.cluster[second]])
    nh = len(c_author)
    v_text = pa.array(list(M.CLUSTER_VARIANTS)).take(
        pa.array(rng.integers(0, len(M.CLUSTER_VARIANTS), nh))
    )
    emo = pa.array(["", "", " 😡", " 😱", " ‼️", " 🙏"]).take(pa.array(rng.integers(0, 6, nh)))
    parts["cluster"] = Part(
        acc_row=np.full(nh, ctx.centre_row("x")),
        kind="mention",
        created_us=np.concatenate([w1, w2]),
        author=c_author,
        template=np.full(nh, -1),
        given=join("@pemkotsukamaju ", v_text, emo, " cc @dinsos_sukamaju"),
        mentioned=pa.array(["pemkotsukamaju dinsos_sukamaju"] * nh),
        labels=(
            lab.code("intent", "hoax"),
            lab.code("topic", "bansos"),
            lab.code("sentiment", "negative"),
        ),
    )

    out, rank, offsets = _assemble(ctx, rng, parts, lab, au, posts)
    collabs = _collaborations(ctx, rng, out, rank, offsets, reg, crow, camps, cpick)
    return out, collabs


def _put(arr: pa.Array, rows: np.ndarray, values: pa.Array) -> pa.Array:
    """Return ``arr`` with ``arr[rows] = values``."""
    if len(rows) == 0:
        return arr
    n = len(arr)
    src = np.arange(n)
    src[rows] = n + np.arange(len(rows))
    return pa.concat_arrays([arr.cast(pa.string()), values.cast(pa.string())]).take(pa.array(src))


def _assemble(ctx, rng, parts, lab, au, posts):
    """Render texts, merge the parts, order by time, assign ids and responses.

    Everything is computed on integer codes in part order; the order by time is applied
    to the codes, so that only the two free-text columns need one large gather.
    """
    names = list(parts)
    sizes = [len(parts[k]) for k in names]
    start = dict(
        zip(names, np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64), strict=True)
    )
    n = int(sum(sizes))

    def rows_of(k):
        return start[k] + np.arange(len(parts[k]))

    def glob(ref):
        """(part names, rows) -> global rows."""
        part_names, rows = ref
        base = pd.Series(part_names, dtype=object).map(start).to_numpy(dtype=np.int64)
        return base + rows

    def cat(attr, default):
        return np.concatenate(
            [
                getattr(parts[k], attr) if getattr(parts[k], attr) is not None else default(k)
                for k in names
            ]
        ).astype(np.int64)

    def minus_one(k):
        return np.full(len(parts[k]), -1, dtype=np.int64)

    tmpl = cat("template", minus_one)
    author = cat("author", minus_one)
    acc_row = cat("acc_row", minus_one)
    to_author = cat("to_author", minus_one)
    reply_post = cat("reply_post", minus_one)
    kind_names = ["comment", "reply", "mention", "dm"]
    kind = np.concatenate([np.full(len(parts[k]), kind_names.index(parts[k].kind)) for k in names])
    reply_to = np.full(n, -1, dtype=np.int64)
    copy_src = np.full(n, -1, dtype=np.int64)
    for k in names:
        if parts[k].reply_to is not None:
            reply_to[rows_of(k)] = glob(parts[k].reply_to)
        if parts[k].copy_of is not None:
            copy_src[rows_of(k)] = glob(parts[k].copy_of)
            reply_to[rows_of(k)] = copy_src[rows_of(k)]  # a repost points at its original
    is_copy = copy_src >= 0

    # labels: from the template, given, or copied from the reposted message
    intent = np.full(n, -1, dtype=np.int64)
    topic = np.full(n, -1, dtype=np.int64)
    senti = np.full(n, -1, dtype=np.int64)
    rows = np.flatnonzero(tmpl >= 0)
    intent[rows] = lab.intent[tmpl[rows]]
    topic[rows] = lab.topic[tmpl[rows]]
    senti[rows] = lab.sentiment[tmpl[rows]]
    for k in names:
        if parts[k].labels is not None:
            r = rows_of(k)
            intent[r], topic[r], senti[r] = parts[k].labels
    src = copy_src[is_copy]
    intent[is_copy], topic[is_copy], senti[is_copy] = intent[src], topic[src], senti[src]

    # texts from templates; citizens write informally: one of the template's pre-made
    # variants (slang style, lowercase, emoji by sentiment) is picked per row
    m = len(rows)
    citizen = au.is_citizen[author[rows]]
    style = np.where(citizen & (rng.random(m) < SLANG_SHARE), rng.integers(1, 4, m), 0)
    lower = citizen & (rng.random(m) < LOWER_SHARE)
    emoji = citizen & (rng.random(m) < EMOJI_SHARE)
    variant = tmpl[rows] * Labels.VARIANTS + style * 4 + lower * 2 + emoji
    progs = table("programs.csv")
    p_unit = np.array([ctx.unit_code[u] for u in progs["unit"]])
    p_order = np.argsort(p_unit, kind="stable")
    prog = choose_within(
        lab.topic_unit[topic[rows]], np.bincount(p_unit, minlength=len(ctx.unit_keys)), rng
    )
    # pools of fictional phone numbers and NIKs (few rows quote one)
    phone = join(
        "08",
        pa.array(rng.integers(11, 99, 4096)).cast(pa.string()),
        pa.array(rng.integers(10_000_000, 99_999_999, 4096)).cast(pa.string()),
    )
    nik = join("3276", pa.array(rng.integers(10**11, 10**12 - 1, 4096)).cast(pa.string()))
    emo = table("emoji.csv")
    e_code = pd.Index(lab.sentiments).get_indexer(emo["sentiment"])
    e_order = np.argsort(e_code, kind="stable")
    e_pick = choose_within(senti[rows], np.bincount(e_code, minlength=3), rng)
    places, streets = words("places.txt"), words("streets.txt")
    place_idx = rng.integers(0, len(places), m)
    prog_idx = p_order[np.maximum(prog, 0)]  # row of programs.csv
    for k in names:
        p = parts[k]
        if p.place is None and p.program is None:
            continue
        at = np.searchsorted(rows, rows_of(k))
        if p.place is not None:
            place_idx[at] = p.place
        if p.program is not None:
            prog_idx[at] = p.program
    fills = {
        "place": fill(places, place_idx),
        "street": fill(streets, rng.integers(0, len(streets), m)),
        "program": fill(progs["program"].tolist(), prog_idx),
        "n": fill([str(i) for i in range(2, 13)], rng.integers(0, 11, m)),
        "phone": fill(phone, rng.integers(0, 4096, m)),
        "nik": fill(nik, rng.integers(0, 4096, m)),
        "emoji": fill(["🙏", "👍", "😊"], rng.integers(0, 3, m)),
        "_emo": fill(emo["emoji"].to_numpy()[e_order].tolist(), np.maximum(e_pick, 0)),
    }
    body = render(lab.variants, variant, fills)

    # final texts part by part (each part is all templated, all given or all copied)
    texts: dict[str, pa.Array] = {}
    ments: dict[str, pa.Array] = {}
    pos = 0
    for k in names:
        p, size = parts[k], len(parts[k])
        if p.copy_of is not None:
            # a repost copies the whole original and names its author too
            src_names, src_rows = p.copy_of
            pool = [nm for nm in dict.fromkeys(src_names.tolist())]
            offs = dict(zip(pool, np.cumsum([0] + [len(parts[nm]) for nm in pool]), strict=False))
            idx = pa.array(
                pd.Series(src_names, dtype=object).map(offs).to_numpy(np.int64) + src_rows
            )
            core = pa.concat_arrays([texts[nm] for nm in pool]).take(idx)
            orig = pc.fill_null(pa.concat_arrays([ments[nm] for nm in pool]).take(idx), "")
            to_h = au.handle.take(pa.array(p.to_author))
            ments[k] = pc.utf8_trim_whitespace(join(to_h, " ", orig))
        else:
            if p.given is not None:
                core = p.given.cast(pa.string())
            else:
                core = body.slice(pos, size)
                pos += size
            ments[k] = (
                p.mentioned.cast(pa.string())
                if p.mentioned is not None
                else pa.nulls(size, pa.string())
            )
        if p.prefix is not None or p.suffix is not None:
            core = join(
                p.prefix if p.prefix is not None else "",
                core,
                p.suffix if p.suffix is not None else "",
            )
        texts[k] = core.cast(pa.string())
    text = pa.concat_arrays([texts[k] for k in names])
    mentioned = pa.concat_arrays([ments[k] for k in names])

    # order by time: permute the codes, gather the two text columns once
    stop_us = np.int64(ctx.stop_naive.value // 1000)
    created_local = np.minimum(
        np.concatenate([parts[k].created_us for k in names]), stop_us - 60 * US
    ).astype(np.int64)
    created_local = created_local // US * US
    order = np.argsort(created_local, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    text = text.take(pa.array(order))
    mentioned = mentioned.take(pa.array(order))
    addressed = (kind != kind_names.index("reply")) & ~is_copy
    (
        author, acc_row, to_author, reply_post, reply_to, kind,
        intent, topic, senti, created_local, addressed,
    ) = (
        x[order] for x in (
            author, acc_row, to_author, reply_post, reply_to, kind,
            intent, topic, senti, created_local, addressed,
        )
    )  # fmt: skip
    created = ctx.to_utc(created_local)
    num = 18 * 10**17 + np.cumsum(rng.integers(10**3, 10**6, n))
    mention_id = pa.array(num).cast(pa.string())
    post_ids = pa.chunked_array(posts["post_id"].array.__arrow_array__()).combine_chunks()
    target = np.where(reply_to >= 0, rank[np.maximum(reply_to, 0)], -1)
    irt = pc.if_else(
        pa.array(reply_post >= 0),
        post_ids.take(pa.array(np.maximum(reply_post, 0))),
        mention_id.take(pa.array(np.maximum(target, 0), mask=target < 0)),
    )
    to_h = au.handle.take(pa.array(np.maximum(to_author, 0), mask=to_author < 0))

    # responses: the responsible unit answers (on this platform when it has an account)
    units = ctx.units
    u_code = lab.topic_unit[topic]
    p_resp = np.array([M.RESPONSE_P.get(i, 0.0) for i in lab.intents])[intent]
    p_resp = p_resp * units["reply_share"].to_numpy()[u_code] / 0.8
    p_resp = p_resp + np.where(kind == kind_names.index("dm"), 0.1, 0.0)
    abandoned = np.array([("abandoned" in f) for f in ctx.faults])[acc_row]
    p_resp = np.where(addressed & ~abandoned, np.minimum(p_resp, 0.97), 0.0)
    answered = rng.random(n) < p_resp
    med_h = units["reply_hours"].to_numpy()[u_code]
    delay = (med_h * 3600 * rng.lognormal(0, M.RESPONSE_SIGMA, n)).astype(np.int64) + 120
    resp_local = _office_hours(ctx, created_local + delay * US, u_code, rng)
    answered &= resp_local < stop_us
    resp_row = ctx.unit_plat_row[u_code, ctx.acc_plat[acc_row]]
    handles = handles_of(ctx)
    responder = handles.take(pa.array(np.where(resp_row >= 0, resp_row, acc_row), mask=~answered))
    resp_times = ctx.to_utc(np.where(answered, resp_local, created_local))

    def vocab(values, codes):
        return pa.array(list(values), type=pa.string()).take(
            pa.array(np.maximum(codes, 0), mask=codes < 0)
        )

    unit_names = [ctx.unit_name[u] for u in ctx.unit_keys]
    data = {
        "platform": _str(vocab(PLATFORMS, ctx.acc_plat[acc_row])),
        "account": _str(handles.take(pa.array(acc_row))),
        "mention_id": _str(mention_id),
        "kind": _str(vocab(kind_names, kind)),
        "created_at": pd.Series(created, dtype="datetime64[us, UTC]"),
        "author": _str(au.handle.take(pa.array(author))),
        "author_followers": _int_array(au.followers[author]),
        "text": _str(text),
        "in_reply_to": _str(irt),
        "to_author": _str(to_h),
        "mentioned": _str(mentioned),
        "responded_at": pd.Series(resp_times, dtype="datetime64[us, UTC]").where(answered),
        "responder": _str(responder),
        "author_type": _str(au.atype.take(pa.array(author))),
        "author_created_at": pd.Series(
            ctx.to_utc(au.created_us[author]), dtype="datetime64[us, UTC]"
        ),
        "region": _str(au.region.take(pa.array(author))),
        "intent": _str(vocab(lab.intents, intent)),
        "topic": _str(vocab(lab.topics, topic)),
        "true_sentiment": _str(vocab(lab.sentiments, senti)),
        "true_unit": _str(vocab(unit_names, u_code)),
    }
    return pd.DataFrame(data), rank, start


def _office_hours(
    ctx: Ctx, local_us: np.ndarray, u_code: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Move answers into the admins' working hours (07-17 local; the centre and BPBD also
    work weekends, the other units wait for Monday)."""
    n = len(local_us)
    day = local_us // DAY_US
    sec = (local_us % DAY_US) // US
    late = sec >= M.WORK_HOURS[1] * 3600
    early = sec < M.WORK_HOURS[0] * 3600
    day = day + late
    start = M.WORK_HOURS[0] * 3600 + rng.integers(0, 3 * 3600, n)
    sec = np.where(late | early, start, sec)
    wd = (day + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
    weekend_off = ~np.isin(u_code, [ctx.unit_code[u] for u in M.WEEKEND_UNITS])
    day = day + np.where(weekend_off & (wd >= 5), 7 - wd, 0)
    return day * DAY_US + sec * US


def handles_of(ctx: Ctx) -> pa.Array:
    return pa.array(ctx.acc["handle"].tolist(), type=pa.string())


REWARDS = {
    "paid": (("honor", None),),
    "barter": (("kaos", 85_000), ("jam tangan", 350_000), ("voucher UMKM", 150_000)),
    "unpaid": (("plakat", 250_000), ("kaos", 85_000), ("sertifikat", 0)),
}


def _collaborations(ctx, rng, mentions, rank, offsets, reg, crow, camps, cpick) -> pd.DataFrame:
    n = len(crow)
    glob = offsets["collab"] + np.arange(n)
    post_id = mentions["mention_id"].to_numpy(dtype=object)[rank[glob]]
    created = mentions["created_at"].iloc[rank[glob]]
    local = pd.DatetimeIndex(created).tz_convert(ctx.tz).tz_localize(None)
    lag = rng.integers(0, 3, n)
    date = (local.normalize() - pd.to_timedelta(lag, unit="D")).as_unit("us")
    relation = reg["relation"].to_numpy(dtype=object)[crow]
    reward = np.empty(n, dtype=object)
    cost = np.zeros(n)
    for rel, options in REWARDS.items():
        rows = np.flatnonzero(relation == rel)
        if not len(rows):
            continue
        k = rng.integers(0, len(options), len(rows))
        reward[rows] = np.array([o[0] for o in options], dtype=object)[k]
        fixed = np.array([o[1] if o[1] is not None else -1 for o in options], dtype=float)[k]
        honor = np.round(rng.uniform(1_500_000, 5_000_000, len(rows)), -5)
        cost[rows] = np.where(fixed < 0, honor, fixed)
    out = pd.DataFrame(
        {
            "date": pd.Series(np.asarray(date, dtype="datetime64[us]")),
            "handle": _str(reg["handle"].to_numpy(dtype=object)[crow]),
            "platform": _str(reg["platform"].to_numpy(dtype=object)[crow]),
            "campaign": _str(camps["campaign"].to_numpy(dtype=object)[cpick]),
            "post_id": _str(post_id),
            "reward": _str(reward),
            "cost": pd.array(cost, dtype="Float64"),
        }
    )
    return out.sort_values(["date", "handle"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- audience

AGES = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AGE_PROFILE = {
    "facebook": (0.02, 0.12, 0.28, 0.28, 0.18, 0.09, 0.03),
    "instagram": (0.04, 0.33, 0.37, 0.15, 0.07, 0.03, 0.01),
    "x": (0.03, 0.30, 0.35, 0.18, 0.09, 0.04, 0.01),
    "youtube": (0.06, 0.22, 0.27, 0.22, 0.13, 0.07, 0.03),
    "tiktok": (0.15, 0.40, 0.28, 0.10, 0.05, 0.015, 0.005),
}
FEMALE = {"facebook": 0.48, "instagram": 0.57, "x": 0.38, "youtube": 0.45, "tiktok": 0.55}
UNIT_FEMALE = {"dinkes": 0.08, "dinsos": 0.06, "disdik": 0.05, "pu": -0.08, "dishub": -0.10}
UNIT_YOUNG = {"disdik": 0.05, "dinkes": -0.01, "dinsos": -0.03}
COUNTRIES = (
    ("ID", 0.962),
    ("MY", 0.012),
    ("SG", 0.006),
    ("SA", 0.005),
    ("HK", 0.004),
    ("TW", 0.004),
    ("other", 0.007),
)


def make_audience(ctx: Ctx) -> pd.DataFrame:
    rng = ctx.rngs["audience"]
    acc = ctx.acc
    snaps = [ctx.end - 1, ctx.end] if ctx.months > 1 else [ctx.end]
    cities = words("cities.txt")
    city_base = np.array([0.50, 0.12, 0.07, 0.06, 0.07, 0.06, 0.03, 0.03, 0.03, 0.03])
    city_base = city_base[: len(cities)]
    rows = []
    shift = M.AUDIENCE_SHIFT
    for i, r in acc.iterrows():
        p, u = r["platform"], r["unit"]
        age = np.array(AGE_PROFILE[p], dtype=float)
        young = UNIT_YOUNG.get(u, 0.0)
        age[0] += young / 2
        age[1] += young / 2
        age[4:] -= young / 3
        age = np.clip(age, 0.002, None)
        age = rng.dirichlet(age / age.sum() * 400)
        fem = np.clip(FEMALE[p] + UNIT_FEMALE.get(u, 0.0) + rng.normal(0, 0.02), 0.2, 0.8)
        centre = u == CENTRE_UNIT
        cb = city_base.copy()
        cb[0] += 0.0 if centre else 0.08
        cb[4:] *= 1.3 if centre else 0.8
        city = rng.dirichlet(cb / cb.sum() * 300)
        city = city * 0.9  # the top cities cover 90 %; the rest is "other"
        ctry = rng.dirichlet(np.array([c[1] for c in COUNTRIES]) * 2000)
        for k, snap in enumerate(snaps):
            as_of = (snap.end_time.normalize()).to_datetime64()
            a = age.copy()
            if k == len(snaps) - 1 and len(snaps) > 1:
                if (p, r["handle"]) == (shift["platform"], shift["account"]):
                    j = AGES.index(shift["segment"])
                    a = a * (1 - shift["change"] / (1 - a[j]))
                    a[j] = age[j] + shift["change"]
                else:
                    a = rng.dirichlet(a * 3000)
            a = a / a.sum()
            g = np.array([fem, 1 - fem]) + (0 if k == 0 else rng.normal(0, 0.004))
            g = g / g.sum()
            # age x gender: younger audiences a little more female on TikTok/Instagram
            tilt = np.linspace(0.04, -0.04, len(AGES)) if p in ("tiktok", "instagram") else 0
            f_by_age = np.clip(g[0] + tilt, 0.05, 0.95)
            ag = np.concatenate([a * f_by_age, a * (1 - f_by_age)])
            ag = ag / ag.sum()
            segs = (
                [("age", s, v) for s, v in zip(AGES, a, strict=True)]
                + [("gender", "female", g[0]), ("gender", "male", g[1])]
                + [("age_gender", f"F.{s}", v) for s, v in zip(AGES, ag[: len(AGES)], strict=True)]
                + [("age_gender", f"M.{s}", v) for s, v in zip(AGES, ag[len(AGES) :], strict=True)]
                + [("city", c, v) for c, v in zip(cities, city, strict=True)]
                + [("city", "other", 1 - city.sum())]
                + [("country", c[0], v) for c, v in zip(COUNTRIES, ctry, strict=True)]
            )
            for dim, seg, val in segs:
                rows.append((p, r["handle"], as_of, dim, seg, round(float(val), 5), "share"))
        del i
    out = pd.DataFrame(
        rows, columns=["platform", "account", "as_of", "dimension", "segment", "value", "unit"]
    )
    for c in ("platform", "account", "dimension", "segment", "unit"):
        out[c] = out[c].astype("str")
    out["as_of"] = out["as_of"].astype("datetime64[us]")
    out["value"] = out["value"].astype("Float64")
    return out


# --------------------------------------------------------------------------- accounts


def make_accounts(ctx: Ctx, daily: pd.DataFrame) -> pd.DataFrame:
    acc = ctx.acc
    end_day = ctx.stop_naive - pd.Timedelta(days=1)
    fol = daily[(daily["metric"] == "followers") & (daily["date"] == end_day)]
    fol_map = dict(
        zip(zip(fol["platform"], fol["account"], strict=True), fol["value"], strict=True)
    )
    followers = [
        fol_map.get((p, h), f)
        for p, h, f in zip(acc["platform"], acc["handle"], acc["followers"], strict=True)
    ]
    pw = (end_day - pd.to_timedelta(acc["password_age_days"], unit="D")).dt.as_unit("us")
    out = pd.DataFrame(
        {
            "institution": INSTITUTION,
            "unit": [ctx.unit_name[u] for u in acc["unit"]],
            "platform": acc["platform"],
            "handle": acc["handle"],
            "display_name": acc["display_name"],
            "verified": _truthy(acc["verified"]),
            "account_type": acc["account_type"],
            "emblem_photo": _truthy(acc["emblem_photo"]),
            "two_factor": _truthy(acc["two_factor"]),
            "password_changed_at": pw.to_numpy(),
            "admins": acc["admins"].to_numpy(),
            "assignment_letter": _truthy(acc["assignment_letter"]),
            "followers": np.round(np.asarray(followers, dtype=float)).astype(np.int64),
            "account": acc["handle"],
        }
    )
    return out


def make_influencers(ctx: Ctx) -> pd.DataFrame:
    ppl = table("people.csv")
    reg = ppl[_truthy(ppl["registered"])]
    return pd.DataFrame(
        {
            "handle": reg["handle"].to_numpy(),
            "platform": reg["platform"].to_numpy(),
            "name": reg["name"].to_numpy(),
            "role": reg["role"].to_numpy(),
            "followers": reg["followers"].astype(int).to_numpy(),
            "topics": reg["topics"].to_numpy(),
            "region": reg["region"].to_numpy(),
            "relation": reg["relation"].to_numpy(),
            "person_id": reg["person_id"].to_numpy(),
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- plan

PLAN_FORMATS = {
    "instagram": ("reel", "carousel", "feed", "story"),
    "facebook": ("feed", "video", "link", "reel"),
    "x": ("text", "link", "video"),
    "youtube": ("video", "short"),
    "tiktok": ("video",),
}
PLAN_TITLES = {
    "isu_terkini": ("Update {program}", "Klarifikasi isu {program}", "Pantauan lapangan {program}"),
    "siaran_pers": ("Rilis: {program}", "Peluncuran {program}", "Rapat koordinasi {program}"),
    "layanan": ("Jadwal layanan {program}", "Cara daftar {program}", "Syarat {program}"),
    "edukasi": ("Infografis {program}", "Mitos dan fakta {program}", "Tips seputar {program}"),
    "tematik": ("Kilas balik {program}", "Cerita warga: {program}", "Sapa pagi warga"),
}
PUBLICS = ("warga umum", "pelajar", "orang tua", "UMKM", "pengendara", "lansia", "ASN")
PICS = ("Sari", "Agus", "Dimas", "Putri", "Wahyu", "Rina")


def make_plan(ctx: Ctx) -> pd.DataFrame:
    rng = ctx.rngs["plan"]
    month = ctx.end + 1
    first = month.start_time.normalize()
    ndays = month.days_in_month
    progs = table("programs.csv")
    by_unit = progs.groupby("unit")["program"].agg(list).to_dict()
    acc = ctx.acc
    keep = ~acc["fault"].str.contains("abandoned|duplicate").to_numpy()
    live = list(zip(acc["platform"][keep], acc["handle"][keep], acc["unit"][keep], strict=True))
    rows = []
    moments = table("moments.csv")
    moments = moments[moments["month"].astype(int) == month.month]
    for day_of_month, name, category in zip(
        moments["day"], moments["name"], moments["category"], strict=True
    ):
        day = first + pd.Timedelta(days=int(day_of_month) - 1)
        for plat in ("instagram", "facebook", "x", "tiktok"):
            fmt = "reel" if plat == "instagram" else PLAN_FORMATS[plat][0]
            rows.append(
                (
                    day,
                    plat,
                    fmt,
                    category,
                    f"Momentum: {name}",
                    f"Selamat {name}! Mari maknai bersama untuk Sukamaju yang maju.",
                    "pemkotsukamaju",
                    "warga umum",
                    True,
                )
            )
    n_regular = int(rng.integers(70, 90))
    cat_p = np.array([M.CATEGORY_SHARE[c] for c in CATS])
    centre_plats = ["instagram", "facebook", "x", "tiktok", "youtube"]
    for _ in range(n_regular):
        day = first + pd.Timedelta(days=int(rng.integers(0, ndays)))
        if rng.random() < 0.5:
            plat, handle, unit = live[int(rng.integers(0, len(live)))]
        else:
            plat = centre_plats[int(rng.choice(5, p=[0.35, 0.25, 0.25, 0.1, 0.05]))]
            handle, unit = "pemkotsukamaju", CENTRE_UNIT
        fmts = PLAN_FORMATS[plat]
        fmt = fmts[int(rng.integers(0, len(fmts)))]
        cat = CATS[int(rng.choice(len(CATS), p=cat_p / cat_p.sum()))]
        up = by_unit.get(unit) or progs["program"].tolist()
        prog = up[int(rng.integers(0, len(up)))]
        titles = PLAN_TITLES[cat]
        title = titles[int(rng.integers(0, len(titles)))].format(program=prog)
        caption = f"{title}. Info lengkap di akun resmi {ctx.unit_name[unit]}."
        rows.append(
            (
                day,
                plat,
                fmt,
                cat,
                title,
                caption,
                handle,
                PUBLICS[int(rng.integers(0, len(PUBLICS)))],
                False,
            )
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "date",
            "platform",
            "format",
            "category",
            "title",
            "caption",
            "account",
            "public",
            "fixed_date",
        ],
    )
    out = out.sort_values(
        ["date", "fixed_date", "platform"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    k = len(out)
    out["pic"] = np.array(PICS, dtype=object)[rng.integers(0, len(PICS), k)]
    # the vocabulary of humaskit.planning: qc_status ok / perlu_revisi (empty = not yet
    # checked), status draf / disetujui
    qc = rng.choice(3, k, p=[0.45, 0.45, 0.10])
    out["qc_status"] = pd.Series(
        np.array(["ok", None, "perlu_revisi"], dtype=object)[qc], index=out.index, dtype="str"
    )
    out["status"] = np.where(qc == 0, "disetujui", "draf")
    out["scheduled_at"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us, UTC]")
    out["date"] = out["date"].astype("datetime64[us]")
    cols = [
        "date",
        "platform",
        "format",
        "category",
        "title",
        "caption",
        "pic",
        "qc_status",
        "status",
        "public",
        "account",
        "scheduled_at",
        "fixed_date",
    ]
    out = out[cols]
    for c in (
        "platform",
        "format",
        "category",
        "title",
        "caption",
        "pic",
        "qc_status",
        "status",
        "public",
        "account",
    ):
        out[c] = out[c].astype("str")
    out["fixed_date"] = out["fixed_date"].astype("boolean")
    return out


# --------------------------------------------------------------------------- all


def build(seed: int, months: int, scale: float, end: str, tz: str) -> dict[str, pd.DataFrame]:
    """Return every canonical table of the sample institution (not yet validated)."""
    ctx = Ctx(seed=seed, months=months, scale=scale, end=pd.Period(end, "M"), tz=tz)
    posts, st = make_posts(ctx)
    daily = make_daily(ctx, st)
    mentions, collabs = make_mentions(ctx, posts, st)
    return {
        "posts": posts,
        "mentions": mentions,
        "audience": make_audience(ctx),
        "daily": daily,
        "accounts": make_accounts(ctx, daily),
        "influencers": make_influencers(ctx),
        "collaborations": collabs,
        "plan": make_plan(ctx),
    }
