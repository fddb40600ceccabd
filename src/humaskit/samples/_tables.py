"""Audience, accounts, influencers and the content plan of the sample institution."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _model as M
from ._context import CATS, CENTRE_UNIT, INSTITUTION, Ctx, _truthy
from ._text import table, words

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
