"""The sample institution: a fictional city government with every canonical table.

"Pemerintah Kota Sukamaju" is invented: a central PR office (Diskominfo, account
``pemkotsukamaju`` on Facebook, Instagram, X, YouTube and TikTok) and nine agencies (Dinas
PU, DLH, Dinkes, DPMPTSP, Disdik, Dishub, Dinsos, Disdukcapil, BPBD), 34 accounts in all.
Its people, places, programmes and texts are fictional too, and live as editable data files
in ``humaskit/data/samples/`` (accounts, units, programmes, campaigns, caption and message
templates with their true labels, slang, places, named accounts, momentum days).

* :func:`load` reads one bundled table from ``data/samples/`` (fast, no generation);
  :func:`workspace` gives all of them as a :class:`humaskit.io.Workspace`.
* :func:`generate` makes the tables from a seed, deterministic and vectorised: ``scale=1``
  gives about 4,000 posts and 15,500 mentions over three months; ``scale=300`` about 1.2
  million posts and 4.6 million mentions.
* :func:`rebuild` (or ``python -m humaskit.samples``) regenerates the bundled copy with
  :data:`BUNDLED` parameters (seed 2025, three months ending 2025-09, scale 1).

Times are stored in UTC; every effect below is planted in local time (``tz``, WIB).

What is planted (:data:`PLANTED` holds the truth, for tests of later steps)
---------------------------------------------------------------------------
posts
    Formats per platform (Instagram feed/carousel/reel/story, Facebook feed/link/video/reel,
    X text/link/video, YouTube video/short/live, TikTok video) and five categories.
    Engagement rate (engagements / reach; / impressions on X; / views on YouTube and TikTok)
    is ``base x format x category x hour x weekday x cap x noise``:

    - hour: prime time 19-21 (x1.4-1.85; the three best hours of every platform),
      lunch 12:00 (x1.1-1.3), office hours 09-11 (x0.8-0.95), night 01-05
      (x0.5-0.65); X has a smaller commute bump at 07:00 (x1.3);
    - weekday: Instagram, YouTube, TikTok better at weekends (x1.15-1.25), X worse
      (x0.8-0.85);
    - format: reels x2.0-2.1, shorts x1.8, carousel x1.3, video x1.4-1.5, link x0.6-0.7,
      story x0.7 against static posts;
    - category: isu_terkini x1.3, tematik x1.25, edukasi x1.15, layanan x1.0,
      siaran_pers x0.7;
    - posting more than ``CAPS`` posts a day on one account costs 7 % engagement rate per
      extra post (floor 60 %) and raises unfollows;
    - noise: log-normal (sigma 0.45) on the rate, 0.7 on reach, and 0.4 % viral posts with
      6-30x reach. One planted viral post sits at 02:10 WIB (``PLANTED["night_viral"]``):
      a night slot that must not become "the best time".

    The team posts mostly in office hours (09:00 is the mode, about 70 % between 08:00
    and 16:00; TikTok and YouTube videos go out in the evening more often), so raw totals per hour peak at 09-10 while engagement per post peaks in prime
    time: the confound that best-time learning must see through. Reach grows with
    followers (growth 0.5-6 % a month per account); metrics a platform does not report
    are NA (:data:`REPORTED`): no impressions on Facebook/Instagram, no reach on X,
    YouTube and TikTok, saves only on Instagram, X and TikTok, clicks only on Facebook
    and X, watch time on YouTube and TikTok, video_views for Facebook video/reels and
    X video. Captions come from ``captions.csv`` (by category and unit) with programmes,
    places, dates, hashtags (#SukamajuMaju, the unit's and the campaign's) and links.
    The centre posts each agenda campaign (campaigns.csv, ``agenda=true``) once a month
    on Instagram, Facebook and X; units carry it with the propensity and lag in
    ``PLANTED["agenda"]``. One abandoned account (``dinsos_sukamaju`` on X) has only
    three posts, 130-170 days before the end of the window (outside the window).
mentions
    Comments (on the institution's posts; never more per post than its ``comments``
    metric), mentions, replies and direct messages. Texts come from ``mentions.csv``
    templates whose TRUE labels are copied into extra columns ``intent``, ``topic``,
    ``true_sentiment`` and ``true_unit`` (the unit a topic routes to: jalan/drainase ->
    Dinas Pekerjaan Umum, sampah -> DLH, kesehatan -> Dinkes, perizinan -> DPMPTSP, ...).
    Citizens write informally: a third of their texts use slang spellings (slang.csv),
    30 % are lowercase, 35 % end with an emoji matching the true sentiment; a few quote
    a phone number or NIK (fictional digits). ``mentioned`` holds the handles named in
    the text, without @, separated by one space. Reposts are ``kind="mention"`` with text
    ``"RT @handle: <original>"``, ``to_author`` and ``in_reply_to`` (the original's
    ``mention_id``) set; replies have ``in_reply_to`` (a
    mention id) and ``to_author``; comments have ``in_reply_to`` (a post id). Authors:
    thousands of citizens with heavy-tailed activity (``author_type`` citizen), plus the
    named accounts of ``people.csv`` (media, influencers, public figures), who often cite
    a leader ("via @..."). Responses (``responded_at``, ``responder`` = the responsible
    unit's account on that platform, else the addressed account) depend on intent
    (complaints and questions ~60-80 %, praise ~30 %, abuse ~4 %, replies between
    citizens and reposts never) and each unit's speed (units.csv ``reply_hours``: BPBD 1.5
    h ... Dinsos 24 h median, log-normal sigma 1.1), after which the answer waits for
    working hours (07-17 WIB; Monday for most units at weekends): about a third (25-40 %)
    of answered messages take over 24 hours. Answers after the window are missing; the
    abandoned account never answers.
flood evening and programme gap
    On the 22nd of the last month at 18:00 WIB BPBD and the centre post flood warnings
    (``PLANTED["event"]["posts"]``) and about 220 complaints and questions about banjir
    from Rawasari and Bojongsari reach them within hours: a peak that the posts and the
    event explain. In the last month about 90 citizens of three places report that
    their office does not know or does not yet serve "Identitas Kependudukan Digital"
    (intent ``gap``), over a thin background of the same complaint about Disdukcapil's
    other programmes across the window (``PLANTED["programme_gap"]``).
opinion leaders
    Five planted leaders (``PLANTED["leaders"]``): many citizens reply to, repost and
    cc them; they rank top by PageRank. Three are registered partners (influencers table),
    two are new candidates.
coordinated cluster
    24 new accounts (created 2-12 days before, under 40 followers) post near-identical
    text (a bansos hoax) on X within six minutes at 21:04 WIB on the 14th of the last
    month, 14 of them again at 06:50 the next day (``PLANTED["cluster"]``).
audience
    Two snapshots (end of the last two months) per account: age, gender, age_gender
    (``F.18-24``/``M.18-24``), city (top ten + ``other``) and country (ISO codes +
    ``other``), as shares summing to 1 per dimension. TikTok young, Facebook older,
    Instagram 18-34; the centre's Instagram gets 3 points more 18-24 between snapshots.
daily
    followers, follows, unfollows (not TikTok), views (not X), reach (Facebook/Instagram),
    impressions (X) and visits (not YouTube) per account and day.
accounts
    The inventory with planted governance faults (``PLANTED["governance"]``): naming
    inconsistency ("Dinas PU Kota Sukamaju" / "DPU Sukamaju" beside "Dinas Pekerjaan Umum
    Kota Sukamaju"), an informal name, a missing emblem, unverified accounts, a personal
    profile, 2FA off, passwords older than 180 days, single admins, missing assignment
    letters, a duplicate DLH Instagram account and an abandoned account.
influencers and collaborations
    23 registered partners, 15 people (``person_id`` links one person's handles). Each
    collaboration's ``post_id`` is the ``mention_id`` of the partner's own post about the
    campaign in the mentions table (their posts are not the institution's posts): the
    engagement it delivered is the replies and reposts pointing at it (``in_reply_to``),
    its reach the partner's ``author_followers``. Rewards: kaos, jam tangan, voucher UMKM
    (barter), plakat, kaos, sertifikat (unpaid), honor (paid), with ``cost`` in rupiah.
plan
    A draft plan for the month after ``end`` (~80-100 rows) with ``fixed_date`` momentum
    posts (e.g. Hari Sumpah Pemuda, 28 October).

Examples
--------
>>> from humaskit import samples
>>> posts = samples.load("posts")
>>> sorted(posts["platform"].unique())
['facebook', 'instagram', 'tiktok', 'x', 'youtube']
>>> ws = samples.generate(seed=1, months=1, scale=0.05)
>>> len(ws.posts) > 0 and len(ws.mentions) > 0
True
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from ..errors import DataNotFound, ParameterError
from ..i18n import t
from ..paths import SAMPLES_DIR, cache_dir  # where read sample tables are kept
from . import _model

__all__ = [
    "BUNDLED",
    "PLANTED",
    "REPORTED",
    "TABLES",
    "generate",
    "load",
    "planted",
    "rebuild",
    "workspace",
    "write",
]

#: The tables a sample workspace holds (canonical names).
TABLES = (
    "posts",
    "mentions",
    "audience",
    "daily",
    "accounts",
    "influencers",
    "collaborations",
    "plan",
)
#: Tables written gzip-compressed in ``data/samples/`` (the others are plain CSV).
_COMPRESSED = ("posts", "mentions", "daily")
#: Parameters of the committed copy in ``data/samples/``.
BUNDLED = {"seed": 2025, "months": 3, "scale": 1.0, "end": "2025-09", "tz": "Asia/Jakarta"}
#: Metrics each (platform, post_type) reports; all other metric columns are NA.
REPORTED = dict(_model.REPORTED)


def planted(end: str = "2025-09", tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """Return the planted truth of samples generated with ``end`` and ``tz``.

    Parameters
    ----------
    end : str
        The last month of the window (``YYYY-MM``), as given to :func:`generate`.
    tz : str
        The local time zone, as given to :func:`generate`.

    Returns
    -------
    dict
        ``best_hours`` / ``best_slots`` / ``slot_multiplier`` per platform (local time,
        weekday 0 = Monday), ``prime_time`` and ``office_hours`` (local hours),
        ``type_er``, ``category_er``, ``caps``, ``night_viral`` (platform, account, local
        time), ``leaders`` (with ``leaders_registered`` and ``leaders_new``), ``cluster``
        (handles, text, platform, local start and end of both waves), ``governance``
        (list of {handle, platform, fault}), ``faults`` ({fault: [(platform, handle)]}),
        ``routing`` ({topic: unit name}), ``reply_hours`` ({unit name: median hours}),
        ``reply_share`` ({unit name: share of complaints and questions it answers}),
        ``agenda`` (campaigns, propensity and lag per unit name), ``audience_shift``,
        ``event`` (the flood evening: topic, places, local start, accounts, posts) and
        ``programme_gap`` (programme, unit, topic, places, month).

    Examples
    --------
    >>> truth = planted()
    >>> truth["best_hours"]["instagram"][0], truth["cluster"]["platform"]
    (20, 'x')
    >>> ("x", "dinsos_sukamaju") in truth["faults"]["abandoned"]
    True
    """
    from ._context import CENTRE_UNIT
    from ._mentions import cluster_handles
    from ._text import table

    period = _period(end)
    units = table("units.csv")
    unit_name = dict(zip(units["unit"], units["name"], strict=True))
    acc = table("accounts.csv")
    governance, faults = [], {}
    for p, h, f in zip(acc["platform"], acc["handle"], acc["fault"], strict=True):
        for fault in f.split():
            governance.append({"handle": h, "platform": p, "fault": fault})
            faults.setdefault(fault, []).append((p, h))
    people = table("people.csv")
    lead = people[people["leader"].str.lower() == "true"]
    leaders = list(dict.fromkeys(lead["handle"]))
    registered = list(dict.fromkeys(lead.loc[lead["registered"].str.lower() == "true", "handle"]))
    routing = {
        tp: unit_name[u]
        for u, tps in zip(units["unit"], units["topics"], strict=True)
        for tp in tps.split()
    }
    last = period.start_time
    day = min(_model.CLUSTER_DAY, period.days_in_month - 1)
    c_day = last + pd.Timedelta(days=day - 1)
    nv = _model.NIGHT_VIRAL
    camps = table("campaigns.csv")
    ev, gap = _model.EVENT, _model.PROGRAMME_GAP
    ev_day = last + pd.Timedelta(days=min(ev["day"], period.days_in_month - 1) - 1)
    return {
        "institution": "Pemerintah Kota Sukamaju",
        "centre": "pemkotsukamaju",
        "tz": tz,
        "prime_time": (19, 20, 21),
        "office_hours": tuple(range(8, 16)),
        "best_hours": {p: _model.best_hours(p) for p in _model.PLATFORMS},
        "best_slots": {p: _model.best_slots(p) for p in _model.PLATFORMS},
        "slot_multiplier": {p: _model.slot_multiplier(p) for p in _model.PLATFORMS},
        "type_er": dict(_model.TYPE_ER),
        "category_er": dict(_model.CATEGORY_ER),
        "caps": dict(_model.CAPS),
        "night_viral": {
            "platform": nv["platform"],
            "account": nv["account"],
            "local_time": str(
                last
                + pd.Timedelta(days=min(nv["day"], 28) - 1, hours=nv["hour"], minutes=nv["minute"])
            ),
        },
        "leaders": leaders,
        "leaders_registered": registered,
        "leaders_new": [h for h in leaders if h not in registered],
        "cluster": {
            "handles": cluster_handles(),
            "platform": "x",
            "text": _model.CLUSTER_TEXT,
            "waves": [
                (
                    str(c_day + pd.Timedelta(hours=21, minutes=4)),
                    str(c_day + pd.Timedelta(hours=21, minutes=10)),
                ),
                (
                    str(c_day + pd.Timedelta(days=1, hours=6, minutes=50)),
                    str(c_day + pd.Timedelta(days=1, hours=6, minutes=55)),
                ),
            ],
            "size": _model.CLUSTER_SIZE,
        },
        "governance": governance,
        "faults": faults,
        "routing": routing,
        "reply_hours": {
            unit_name[u]: float(h) for u, h in zip(units["unit"], units["reply_hours"], strict=True)
        },
        "reply_share": {
            unit_name[u]: float(x) for u, x in zip(units["unit"], units["reply_share"], strict=True)
        },
        "agenda": {
            "campaigns": camps.loc[camps["agenda"].str.lower() == "true", "campaign"].tolist(),
            "propensity": {unit_name[u]: p for u, p in _model.AGENDA_PROPENSITY.items()},
            "lag_hours": {unit_name[u]: h for u, h in _model.AGENDA_LAG_HOURS.items()},
            "centre_unit": unit_name[CENTRE_UNIT],
        },
        "audience_shift": dict(_model.AUDIENCE_SHIFT),
        "event": {
            "topic": ev["topic"],
            "places": list(ev["places"]),
            "local_start": str(ev_day + pd.Timedelta(hours=ev["hour"])),
            "accounts": [(p, _model_handle(acc, u, p)) for u, p in ev["accounts"]],
            "posts": [(p, h) for p, h, _ in ev["posts"]],
        },
        "programme_gap": {
            "program": gap["program"],
            "unit": unit_name[gap["unit"]],
            "topic": gap["topic"],
            "places": list(gap["places"]),
            "month": str(period),
        },
    }


def _model_handle(acc: pd.DataFrame, unit: str, platform: str) -> str:
    rows = acc[(acc["unit"] == unit) & (acc["platform"] == platform)]
    return str(rows["handle"].iloc[0])


def _period(end: str) -> pd.Period:
    if not isinstance(end, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", end):
        raise ParameterError(t("samples.bad_end", None, value=end))
    return pd.Period(end, "M")


def _check(seed: Any, months: Any, scale: Any, end: Any, tz: Any) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(t("samples.bad_seed", None, value=seed))
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 36:
        raise ParameterError(t("samples.bad_months", None, value=months))
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 5000:
        raise ParameterError(t("samples.bad_scale", None, value=scale))
    _period(end)
    try:
        pd.Timestamp("2025-01-01").tz_localize(tz)
    except Exception:  # noqa: BLE001 (any failure means an unknown zone)
        raise ParameterError(t("samples.bad_tz", None, value=tz)) from None


def generate(
    seed: int = 2025,
    months: int = 3,
    scale: float = 1.0,
    *,
    end: str = "2025-09",
    tz: str = "Asia/Jakarta",
):
    """Generate the sample institution's tables as a :class:`humaskit.io.Workspace`.

    Parameters
    ----------
    seed : int
        Random seed; the same seed gives identical tables.
    months : int
        Number of months of data, ending with ``end`` (inclusive), 1 to 36.
    scale : float
        Volume multiplier for posts, mentions, authors and collaborations (1 gives about
        4,000 posts and 15,500 mentions over three months). Accounts, audience, daily and
        plan do not grow with it.
    end : str
        Last month of the data, ``YYYY-MM``.
    tz : str
        The audience's time zone; every planted time effect is in this zone.

    Returns
    -------
    Workspace
        Every canonical table, validated with :func:`humaskit.schema.validate`.

    Raises
    ------
    ParameterError
        A parameter out of range, naming it and what was expected.

    Examples
    --------
    >>> ws = generate(seed=7, months=1, scale=0.05, end="2025-03")
    >>> str(ws.mentions["created_at"].min().tz_convert("Asia/Jakarta"))[:7]
    '2025-03'
    >>> generate(months=0)
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Parameter months harus bilangan bulat 1 sampai 36, bukan 0.
    """
    from ..io import Workspace
    from ._generate import build

    _check(seed, months, scale, end, tz)
    tables = build(int(seed), int(months), float(scale), end, tz)
    return Workspace.from_tables(tables, name="Pemerintah Kota Sukamaju (contoh)")


def _file(name: str, folder: Path) -> Path:
    plain = folder / f"{name}.csv"
    if plain.exists():
        return plain
    return folder / f"{name}.csv.gz"


def _read(path: Path, name: str) -> pd.DataFrame:
    spec = schema.TABLES[name]
    kinds = {c.name: c.kind for c in spec}
    dtype = {c: "str" for c, k in kinds.items() if k == "str"}
    times = [c for c, k in kinds.items() if k in ("datetime", "date")]  # all written by write()
    df = pd.read_csv(
        path,
        dtype=dtype,
        keep_default_na=False,
        na_values=[""],
        parse_dates=times,
        date_format="ISO8601",
    )
    for c in df.columns:
        if c not in kinds and df[c].dtype == object:
            df[c] = df[c].astype("str")
    out = schema.validate(df, name)
    for c, k in kinds.items():  # an all-empty time column would come back in seconds
        if k == "datetime":
            out[c] = out[c].astype("datetime64[us, UTC]")
        elif k == "date":
            out[c] = out[c].astype("datetime64[us]")
    return out


@cache
def _load_cached(name: str, folder: str) -> pd.DataFrame:
    path = _file(name, Path(folder))
    if not path.exists():
        raise DataNotFound(t("samples.missing_file", None, path=str(path)))
    return _read_stored(path, name)


@cache
def _code_stamp() -> bytes:
    """What the canonical tables depend on besides the files: the reading code and versions."""
    import numpy as np
    import pyarrow as pa

    from .. import __version__

    parts = [__version__, pd.__version__, np.__version__, pa.__version__]
    parts += [Path(schema.__file__).read_text("utf-8"), Path(__file__).read_text("utf-8")]
    return "\0".join(parts).encode("utf-8")


def _read_stored(path: Path, name: str) -> pd.DataFrame:
    """:func:`_read`, kept on disk (pickled) under a hash of the file, the code and versions.

    Parsing the sample CSVs takes about half a second in every report on the samples;
    the stored copy loads in a few hundredths. Any change to the file, to the reading
    code or to pandas/numpy/pyarrow gives a new key; a folder that cannot be written, or a
    stored copy that cannot be read, just means reading the CSV.
    """
    import hashlib
    import os
    import pickle

    try:
        key = hashlib.blake2b(path.read_bytes(), digest_size=16)
        key.update(name.encode() + _code_stamp())
        folder = cache_dir()
        stored = folder / f"sample-{name}-{key.hexdigest()}.pkl"
    except OSError:
        return _read(path, name)
    try:
        with open(stored, "rb") as fh:
            df = pickle.load(fh)
        if isinstance(df, pd.DataFrame):
            return df
    except Exception:  # noqa: BLE001  (missing, partial or from elsewhere: read the CSV)
        pass
    df = _read(path, name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"sample-{name}-*.pkl"):
            old.unlink(missing_ok=True)
        tmp = stored.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(df, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, stored)
    except OSError:
        pass
    return df


def load(name: str) -> pd.DataFrame:
    """Return one bundled sample table from ``data/samples/`` (canonical dtypes).

    Parameters
    ----------
    name : str
        One of ``posts``, ``mentions``, ``audience``, ``daily``, ``accounts``,
        ``influencers``, ``collaborations``, ``plan``.

    Returns
    -------
    DataFrame
        A fresh copy; change it freely.

    Raises
    ------
    ParameterError
        An unknown table name (the message lists the names).

    Examples
    --------
    >>> load("accounts")["institution"].iloc[0]
    'Pemerintah Kota Sukamaju'
    >>> load("nope")
    Traceback (most recent call last):
    ...
    humaskit.errors.ParameterError: Tabel contoh 'nope' tidak ada; pilih salah satu: posts, mentions, audience, daily, accounts, influencers, collaborations, plan.
    """
    if name not in TABLES:
        raise ParameterError(t("samples.unknown_table", None, name=name, names=", ".join(TABLES)))
    return _load_cached(name, str(SAMPLES_DIR)).copy()


def workspace():
    """Return every bundled table as a :class:`humaskit.io.Workspace` (fresh copies).

    Examples
    --------
    >>> ws = workspace()
    >>> len(ws.accounts), ws.accounts["handle"].nunique()
    (34, 11)
    """
    from ..io import Workspace

    return Workspace(**{k: load(k) for k in TABLES}, name="Pemerintah Kota Sukamaju (contoh)")


def write(ws, folder: str | Path) -> list[Path]:
    """Write every table of ``ws`` as canonical CSV (UTF-8, ISO times) into ``folder``.

    ``posts``, ``mentions`` and ``daily`` are gzip-compressed (``.csv.gz``, reproducible
    bytes); the small tables stay plain ``.csv`` so that people can open them.

    Returns
    -------
    list of Path
        The files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        df = getattr(ws, name)
        for stale in (folder / f"{name}.csv", folder / f"{name}.csv.gz"):
            stale.unlink(missing_ok=True)
        if name in _COMPRESSED:
            path = folder / f"{name}.csv.gz"
            df.to_csv(
                path, index=False, compression={"method": "gzip", "mtime": 0}, date_format=None
            )
        else:
            path = folder / f"{name}.csv"
            df.to_csv(path, index=False)
        written.append(path)
    _load_cached.cache_clear()
    return written


def rebuild(folder: str | Path | None = None) -> list[Path]:
    """Regenerate the bundled copy (:data:`BUNDLED` parameters) into ``data/samples/``.

    Run ``python -m humaskit.samples`` to do the same from a shell. Sample platform
    exports under ``data/samples/exports/`` are left alone.
    """
    ws = generate(
        BUNDLED["seed"], BUNDLED["months"], BUNDLED["scale"], end=BUNDLED["end"], tz=BUNDLED["tz"]
    )
    return write(ws, SAMPLES_DIR if folder is None else folder)


PLANTED = planted()
"""The planted truth of the bundled samples (see :func:`planted`)."""
