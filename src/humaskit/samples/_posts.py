"""Posts, their captions and the page-level daily series of the sample institution."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from . import _model as M
from ._context import (
    CATS,
    CENTRE_UNIT,
    DAY_US,
    DAYS_ID,
    MONTHS_ID,
    P_CODE,
    PLATFORMS,
    SITE,
    T_CODE,
    TYPES,
    US,
    Ctx,
    _int_array,
    _lognormal,
    _str,
    _truthy,
    event_day,
)
from ._text import choose_within, fill, join, render, table, words

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
