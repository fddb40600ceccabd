"""Bad inputs of issue 19 parts 3-5, shared by ``tests/test_hardening_runs.py`` and
``bench/bench_hardening.py``.

- :func:`payload_folder`: the sample institution with injection payloads (``$$``, ``\\``,
  ``<script>``, ``=HYPERLINK(...)``) in every field a playbook displays: post category,
  campaign and text, account names, units and display names, handles of citizens and
  partners, citizens' text; :func:`payload_bundles`: the forum's bundles with payload units.
- :func:`bad_values`: for every parameter of every playbook, values of the wrong type, out
  of range, empty, ``inf``/``nan``, a file that does not exist, dates that do not exist or
  lie outside the data.
- :func:`judge_stop`: whether a stop is one sentence naming the parameter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PAYLOADS = [
    "Promo $$ hemat",
    "a\\b \\alpha $x^2_1$",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil","c")',
]


def payload_folder(folder: Path) -> Path:
    """Write the sample workspace with payloads in every displayed text field into ``folder``."""
    import pandas as pd

    from humaskit import samples

    ws = samples.workspace()
    posts, mentions, accounts = ws.posts.copy(), ws.mentions.copy(), ws.accounts.copy()

    def spread(s: pd.Series, every: int = 3) -> pd.Series:
        s = s.astype("object").copy()
        for i, p in enumerate(PAYLOADS):
            idx = s.index[i :: every * len(PAYLOADS)]
            s.loc[idx] = [f"{v} {p}" if isinstance(v, str) and v else p for v in s.loc[idx]]
        return s

    cats = sorted(posts["category"].dropna().astype(str).unique())
    rename_cat = {c: f"{c} {PAYLOADS[i % len(PAYLOADS)]}" for i, c in enumerate(cats[:4])}
    posts["category"] = posts["category"].astype("object").replace(rename_cat)
    camps = sorted(posts["campaign"].dropna().astype(str).unique())
    rename_camp = {c: f"{c} {PAYLOADS[i % len(PAYLOADS)]}" for i, c in enumerate(camps[:4])}
    posts["campaign"] = posts["campaign"].astype("object").replace(rename_camp)
    posts["text"] = spread(posts["text"])
    mentions["text"] = spread(mentions["text"])
    authors = sorted(mentions["author"].dropna().astype(str).unique())[:40]
    rename_author = {a: f"{a}$$\\_<b>" for a in authors}
    mentions["author"] = mentions["author"].astype("object").replace(rename_author)
    for col in ("to_author", "in_reply_to"):
        if col in mentions:
            mentions[col] = mentions[col].astype("object").replace(rename_author)
    # one account renamed everywhere it appears
    old = "dinkes_sukamaju"
    new = "dinkes$$\\_sukamaju"
    for df, cols in (
        (posts, ["account"]),
        (mentions, ["account"]),
        (accounts, ["account", "handle"]),
    ):
        for c in cols:
            if c in df:
                df[c] = df[c].astype("object").replace({old: new})
    units = sorted(accounts["unit"].dropna().astype(str).unique())
    rename_unit = {u: f"{u} {PAYLOADS[i % len(PAYLOADS)]}" for i, u in enumerate(units[:4])}
    accounts["unit"] = accounts["unit"].astype("object").replace(rename_unit)
    accounts["display_name"] = spread(accounts["display_name"], every=1)
    collab, infl = ws.collaborations.copy(), ws.influencers.copy()
    partners = sorted(infl["handle"].dropna().astype(str).unique())[:6]
    rename_partner = {h: f"{h}$$\\_x" for h in partners}
    infl["handle"] = infl["handle"].astype("object").replace(rename_partner)
    collab["handle"] = collab["handle"].astype("object").replace(rename_partner)
    collab["campaign"] = spread(collab["campaign"], every=1)
    infl["name"] = spread(infl["name"], every=1)
    from humaskit.io import Workspace

    tables = {name: getattr(ws, name) for name in samples.TABLES}
    tables.update(
        posts=posts,
        mentions=mentions,
        accounts=accounts,
        collaborations=collab,
        influencers=infl,
    )
    samples.write(Workspace(**tables, name="payload"), folder)
    return folder


def payload_bundles(folder: Path) -> Path:
    """The sample forum's bundles, four units renamed to payloads, as JSON files."""
    from humaskit import evaluation as ev
    from humaskit.files import bundles as hb

    folder.mkdir(parents=True, exist_ok=True)
    for i, b in enumerate(ev.sample_bundles("2025-09")):
        if i < len(PAYLOADS):
            b = json.loads(json.dumps(b))
            b["unit"] = f"{b['unit']} {PAYLOADS[i]}"
        hb.write_bundle(b, folder / f"unit-{i}.json")
    return folder


# ---------------------------------------------------------------------------------------
# Bad parameter values
# ---------------------------------------------------------------------------------------

_BY_TYPE = {
    "int": ["tiga", "", "inf", "nan", "-1", "100000000", "1.5"],
    "float": ["tiga", "", "inf", "-inf", "nan", "-1", "1e12"],
    "bool": ["mungkin", ""],
    "dict": [
        "instagram=tiga",
        "instagram=-1",
        "instagram=1000000",
        "mars=3",
        "instagram=inf",
        "instagram=nan",
        "instagram",
    ],
}
_BY_NAME = {
    "periode": ["2025-13", "Sept", "2030-01", "1970-01", ""],
    "bulan": ["2025-13", "9999-01", "1970-01", ""],
    "data": ["/tidak/ada/folder"],
    "akun": ["tidakada"],
    "unit": ["tidakada"],
    "akun_pusat": ["tidakada"],
    "bahasa": ["fr", ""],
    "zona": ["XYZ"],
    "jam_kerja": ["25-30", "pagi"],
    "kpi": ["tidakada"],
    "mulai": ["2025-02-30", "kemarin", "2030-01-01", "9999-12-31"],
    "sampai": ["2025-02-30", "1970-01-01", "9999-12-31"],
    "tanggal_audit": ["2025-02-30", "1970-01-01", "9999-12-31", "besok"],
    "waktu_acuan": ["2025-02-30 10:00", "1970-01-01 00:00", "9999-12-31 23:59", "25:99"],
}


def bad_values() -> list[tuple[str, str, Any]]:
    """``(playbook, parameter, value)`` for every parameter that has bad values to try."""
    from humaskit import playbooks

    out = []
    for name in playbooks.available():
        for key, p in playbooks.parameters(name).items():
            values = list(_BY_NAME.get(key, []))
            if not values and playbooks._is_file_param(key):
                values = ["/tidak/ada/berkas.csv"]
            if not values:
                values = list(_BY_TYPE.get(p.type, []))
            out += [(name, key, v) for v in values]
    return out


def judge_stop(param: str, error: BaseException | None, message: str) -> str | None:
    """None when ``error`` is a humaskit stop in one sentence naming ``param``; else why not."""
    from humaskit.errors import HumaskitError
    from humaskit.playbooks import PlaybookFailed

    if error is None:
        return "accepted"
    if not isinstance(error, HumaskitError) or isinstance(error, PlaybookFailed):
        return f"crash: {type(error).__name__}: {message[:160]}"
    text = message.strip()
    if "\n" in text or "Traceback" in text or not text:
        return f"not one sentence: {text[:160]}"
    low = text.lower()
    if param not in low and param.replace("_", " ") not in low:
        return f"does not name {param!r}: {text[:160]}"
    if re.search(r"\b(months|top|reserve|cap_per_day|password_max_age_days)\b", text):
        return f"internal name: {text[:160]}"
    return None
