"""The planted truth of the sample institution: effect sizes and what the platforms report.

Everything here is a constant the generator multiplies in; :mod:`humaskit.samples`
documents it and exposes it as ``PLANTED`` so tests can check that later steps recover it.
Hours and weekdays are local (the ``tz`` given to ``generate``, WIB by default);
weekday 0 is Monday.
"""

from __future__ import annotations

PLATFORMS = ("facebook", "instagram", "x", "youtube", "tiktok")
CATEGORIES = ("isu_terkini", "siaran_pers", "layanan", "edukasi", "tematik")

#: Share of posts per format, per platform.
POST_TYPES = {
    "instagram": {"feed": 0.33, "carousel": 0.22, "reel": 0.27, "story": 0.18},
    "facebook": {"feed": 0.45, "link": 0.18, "video": 0.15, "reel": 0.22},
    "x": {"text": 0.50, "link": 0.30, "video": 0.20},
    "youtube": {"video": 0.50, "short": 0.45, "live": 0.05},
    "tiktok": {"video": 1.0},
}

#: Engagement-rate multiplier of a format (static posts = 1). Reels and shorts ~2x.
TYPE_ER = {
    ("instagram", "feed"): 1.0,
    ("instagram", "carousel"): 1.3,
    ("instagram", "reel"): 2.0,
    ("instagram", "story"): 0.7,
    ("facebook", "feed"): 1.0,
    ("facebook", "link"): 0.6,
    ("facebook", "video"): 1.4,
    ("facebook", "reel"): 2.1,
    ("x", "text"): 1.0,
    ("x", "link"): 0.7,
    ("x", "video"): 1.5,
    ("youtube", "video"): 1.0,
    ("youtube", "short"): 1.8,
    ("youtube", "live"): 1.2,
    ("tiktok", "video"): 1.0,
}

#: Reach (or views/impressions) multiplier of a format: the platforms push short video.
TYPE_REACH = {
    ("instagram", "feed"): 1.0,
    ("instagram", "carousel"): 1.1,
    ("instagram", "reel"): 2.2,
    ("instagram", "story"): 0.35,
    ("facebook", "feed"): 1.0,
    ("facebook", "link"): 0.7,
    ("facebook", "video"): 1.4,
    ("facebook", "reel"): 2.5,
    ("x", "text"): 1.0,
    ("x", "link"): 0.9,
    ("x", "video"): 1.3,
    ("youtube", "video"): 1.0,
    ("youtube", "short"): 1.8,
    ("youtube", "live"): 0.5,
    ("tiktok", "video"): 1.0,
}

#: Share of posts per content category and its engagement-rate multiplier.
CATEGORY_SHARE = {
    "isu_terkini": 0.18,
    "siaran_pers": 0.22,
    "layanan": 0.25,
    "edukasi": 0.20,
    "tematik": 0.15,
}
CATEGORY_ER = {
    "isu_terkini": 1.3,
    "siaran_pers": 0.7,
    "layanan": 1.0,
    "edukasi": 1.15,
    "tematik": 1.25,
}

#: When the team posts (local hour weights): office hours dominate, 09:00 is the mode.
# fmt: off
POST_HOURS = (
    0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3.0, 7.0, 14.0, 13.0, 8.0,
    4.0, 6.0, 6.0, 5.0, 4.0, 2.5, 2.0, 3.0, 3.0, 2.5, 1.2, 0.5,
)
# fmt: on
#: Video platforms (TikTok, YouTube) get more evening posts: admins schedule videos for
#: the evening, yet office hours still dominate.
# fmt: off
POST_HOURS_VIDEO = (
    0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.0, 2.0, 5.0, 10.0, 9.0, 6.0,
    5.0, 5.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 3.5, 2.0, 0.8,
)
# fmt: on
VIDEO_PLATFORMS = ("tiktok", "youtube")
#: Each account's own habit: this share of its posts follows an evening schedule
#: (EVENING_HOURS) instead; the centre schedules more evening posts than the agencies.
EVENING_SHARE_CENTRE = 0.08
EVENING_SHARE_UNIT = 0.03
EVENING_HOURS = {17: 1.0, 18: 2.0, 19: 3.0, 20: 3.0, 21: 2.0, 22: 1.0}
#: Engagement rate also differs by account: smaller accounts engage more
#: (x (followers / 20,000) ** -0.15) and each account has its own level (log-normal 0.3).
ACCOUNT_ER_ELASTICITY = -0.15
ACCOUNT_ER_SIGMA = 0.3
#: Posting weight per weekday (Mon..Sun): agencies rest at weekends, the centre less so.
POST_WEEKDAY_UNIT = (1.0, 1.0, 1.0, 1.0, 0.95, 0.45, 0.35)
POST_WEEKDAY_CENTRE = (1.0, 1.0, 1.0, 1.0, 1.0, 0.75, 0.65)

#: Engagement-rate multiplier per local hour: prime time 19-21 and lunch at 12.
# fmt: off
HOUR_ER = {
    "instagram": (
        0.60, 0.55, 0.50, 0.50, 0.55, 0.70, 0.90, 1.00, 0.95, 0.85, 0.85, 0.90,
        1.30, 1.05, 0.90, 0.90, 0.95, 1.10, 1.30, 1.65, 1.75, 1.65, 1.25, 0.85,
    ),
    "facebook": (
        0.65, 0.60, 0.55, 0.55, 0.60, 0.85, 1.15, 1.05, 0.95, 0.85, 0.85, 0.95,
        1.20, 1.05, 0.90, 0.90, 0.95, 1.05, 1.25, 1.50, 1.50, 1.40, 1.00, 0.80,
    ),
    "x": (
        0.70, 0.60, 0.55, 0.55, 0.60, 0.80, 1.10, 1.30, 1.15, 0.95, 0.90, 0.95,
        1.10, 1.00, 0.95, 0.95, 1.00, 1.10, 1.20, 1.45, 1.50, 1.40, 1.05, 0.85,
    ),
    "youtube": (
        0.65, 0.55, 0.50, 0.50, 0.55, 0.65, 0.80, 0.85, 0.85, 0.80, 0.80, 0.85,
        1.10, 1.00, 0.95, 0.95, 1.00, 1.10, 1.30, 1.55, 1.70, 1.65, 1.35, 0.95,
    ),
    "tiktok": (
        0.80, 0.65, 0.55, 0.50, 0.50, 0.60, 0.80, 0.90, 0.85, 0.80, 0.80, 0.90,
        1.30, 1.10, 0.95, 0.95, 1.00, 1.10, 1.25, 1.70, 1.80, 1.85, 1.55, 1.10,
    ),
}
# fmt: on

#: Engagement-rate multiplier per weekday (Mon..Sun).
WEEKDAY_ER = {
    "instagram": (0.95, 0.95, 0.95, 1.00, 1.00, 1.15, 1.15),
    "facebook": (1.00, 1.00, 1.00, 1.00, 0.95, 1.05, 1.10),
    "x": (1.10, 1.10, 1.10, 1.05, 1.00, 0.85, 0.80),
    "youtube": (0.90, 0.90, 0.90, 0.95, 1.00, 1.20, 1.25),
    "tiktok": (0.90, 0.90, 0.95, 0.95, 1.15, 1.20, 1.15),
}

#: Exposure per follower of a static post (reach for Facebook/Instagram, impressions for
#: X, views for YouTube/TikTok) and engagements per exposure before the multipliers.
BASE_EXPOSURE = {"instagram": 0.22, "facebook": 0.07, "x": 0.35, "youtube": 0.25, "tiktok": 0.9}
BASE_ER = {"instagram": 0.045, "facebook": 0.03, "x": 0.012, "youtube": 0.035, "tiktok": 0.055}
#: Noise (log-normal sigma) of exposure and of engagement rate; share and size of virals.
EXPOSURE_SIGMA = 0.7
ER_SIGMA = 0.45
VIRAL_SHARE = 0.004
VIRAL_RANGE = (6.0, 30.0)

#: How engagements split into likes, comments, shares, saves per platform.
SPLITS = {
    "instagram": {"likes": 0.80, "comments": 0.07, "shares": 0.06, "saves": 0.07},
    "facebook": {"likes": 0.72, "comments": 0.12, "shares": 0.16},
    "x": {"likes": 0.60, "comments": 0.12, "shares": 0.18, "saves": 0.10},
    "youtube": {"likes": 0.82, "comments": 0.10, "shares": 0.08},
    "tiktok": {"likes": 0.80, "comments": 0.06, "shares": 0.07, "saves": 0.07},
}

#: Posts a day above which each extra post lowers engagement rate by 7 % (floor 60 %)
#: and raises unfollows (scaled by ``scale``).
CAPS = {"instagram": 3, "facebook": 3, "x": 8, "youtube": 1, "tiktok": 2}
CAP_ER_STEP = 0.07
CAP_UNFOLLOW_STEP = 1.5
CHURN_PER_DAY = 0.00025

_BASE_REPORTED = {
    "facebook": ("views", "reach", "likes", "comments", "shares", "clicks", "followers_at_post"),
    "instagram": ("views", "reach", "likes", "comments", "shares", "saves", "followers_at_post"),
    "x": ("impressions", "likes", "comments", "shares", "saves", "clicks", "followers_at_post"),
    "youtube": (
        "impressions",
        "views",
        "likes",
        "comments",
        "shares",
        "watch_time_s",
        "avg_view_pct",
        "followers_at_post",
    ),
    "tiktok": (
        "views",
        "likes",
        "comments",
        "shares",
        "saves",
        "watch_time_s",
        "followers_at_post",
    ),
}


def _reported(platform: str, post_type: str) -> tuple[str, ...]:
    base = list(_BASE_REPORTED[platform])
    if platform == "instagram" and post_type == "story":
        base = [m for m in base if m not in ("comments", "saves")]
    if (platform, post_type) in (("facebook", "video"), ("facebook", "reel"), ("x", "video")):
        base.append("video_views")
    return tuple(base)


#: Metrics each platform reports for each format; every other metric column is NA.
REPORTED = {(p, t): _reported(p, t) for p, types in POST_TYPES.items() for t in types}

#: Daily (page-level) metrics per platform in the ``daily`` table.
DAILY_METRICS = {
    "facebook": ("followers", "follows", "unfollows", "views", "reach", "visits"),
    "instagram": ("followers", "follows", "unfollows", "views", "reach", "visits"),
    "x": ("followers", "follows", "unfollows", "impressions", "visits"),
    "youtube": ("followers", "follows", "unfollows", "views"),
    "tiktok": ("followers", "follows", "views", "visits"),
}

#: Platforms on which citizens mention / message accounts, and how often (weights).
MENTION_PLATFORM_WEIGHT = {
    "x": 3.0,
    "instagram": 1.3,
    "facebook": 1.0,
    "tiktok": 0.6,
    "youtube": 0.1,
}
DM_PLATFORMS = ("facebook", "instagram", "x", "tiktok")

#: When citizens write (local hour weights): evenings, commuting and lunch.
# fmt: off
CITIZEN_HOURS = (
    1.0, 0.5, 0.3, 0.3, 0.5, 1.2, 2.5, 4.0, 4.5, 4.5, 4.5, 4.5,
    5.5, 5.0, 4.5, 4.5, 5.0, 5.5, 6.0, 7.0, 7.5, 7.0, 5.0, 2.5,
)
# fmt: on

#: Share of citizens' messages by intent, per kind of message.
INTENTS = {
    "comment": {
        "praise": 0.24,
        "question": 0.18,
        "complaint": 0.26,
        "chatter": 0.29,
        "abusive": 0.03,
    },
    "mention": {
        "complaint": 0.52,
        "question": 0.20,
        "praise": 0.14,
        "chatter": 0.08,
        "abusive": 0.06,
    },
    "dm": {"complaint": 0.46, "question": 0.46, "praise": 0.05, "abusive": 0.03},
    "reply": {"reply": 0.50, "complaint": 0.18, "chatter": 0.17, "praise": 0.15},
}
#: Chance that the institution answers a message, by intent (times the unit's reply_share
#: from units.csv divided by 0.8); direct messages get +10 points.
RESPONSE_P = {
    "gap": 0.85,
    "complaint": 0.85,
    "question": 0.80,
    "praise": 0.30,
    "chatter": 0.10,
    "abusive": 0.04,
    "news": 0.15,
    "hoax": 0.25,
    "reply": 0.0,
}
#: Log-normal sigma of the response delay around each unit's median (units.csv).
RESPONSE_SIGMA = 1.1
#: Admins answer between these local hours; late messages wait for the next morning, and
#: units other than these wait for Monday at weekends.
WORK_HOURS = (7, 17)
WEEKEND_UNITS = ("pemkot", "bpbd")

#: Agenda amplification: chance that a unit carries each central agenda post on each of its
#: platforms, and the median lag in hours. The centre posts each agenda campaign once a
#: month on Instagram, Facebook and X.
AGENDA_PROPENSITY = {
    "dinkes": 0.95,
    "dukcapil": 0.9,
    "dlh": 0.85,
    "pu": 0.7,
    "disdik": 0.6,
    "dishub": 0.5,
    "bpbd": 0.5,
    "dpmptsp": 0.3,
    "dinsos": 0.1,
}
AGENDA_LAG_HOURS = {
    "dinkes": 2,
    "dukcapil": 3,
    "dlh": 4,
    "pu": 10,
    "disdik": 8,
    "dishub": 20,
    "bpbd": 6,
    "dpmptsp": 30,
    "dinsos": 48,
}

#: The coordinated cluster: one hoax pushed by new low-follower accounts on X.
CLUSTER_SIZE = 24
CLUSTER_SECOND_WAVE = 14
CLUSTER_DAY = 14  # day of the last month; first wave 21:04 local, second 06:50 next day
CLUSTER_TEXT = (
    "Warga Sukamaju hati-hati! Bansos bulan ini dipotong 50% oleh oknum Dinsos. "
    "Sebarkan sebelum dihapus!! #BansosDipotong"
)
CLUSTER_VARIANTS = (
    CLUSTER_TEXT,
    "Warga Sukamaju hati-hati!! Bansos bulan ini dipotong 50% oleh oknum Dinsos. "
    "Sebarkan sebelum dihapus! #BansosDipotong",
    "WARGA SUKAMAJU HATI-HATI! Bansos bulan ini dipotong 50% oleh oknum Dinsos. "
    "Sebarkan sebelum dihapus!! #BansosDipotong",
    "warga sukamaju hati2! bansos bulan ini dipotong 50% oleh oknum dinsos. "
    "sebarkan sebelum dihapus!! #BansosDipotong",
    "Warga Sukamaju hati-hati! Bansos bulan ini dipotong 50% sama oknum Dinsos. "
    "Sebarkan sebelum dihapus!! #BansosDipotong",
    "Hati-hati warga Sukamaju! Bansos bulan ini dipotong 50% oleh oknum Dinsos. "
    "Sebarkan sebelum dihapus!! #BansosDipotong #SukamajuMaju",
)

#: A flood evening in the last month: BPBD and the centre post warnings and citizens from two
#: places flood the accounts with complaints (a peak that posts and an event explain).
EVENT = {
    "day": 22,
    "hour": 18,
    "topic": "banjir",
    "places": ("Rawasari", "Bojongsari"),
    "messages": 220,  # at scale 1
    "accounts": (("bpbd", "x"), ("bpbd", "instagram"), ("pemkot", "x"), ("pemkot", "instagram")),
    "posts": (
        ("x", "bpbd_sukamaju", 20),
        ("instagram", "bpbd_sukamaju", 35),
        ("x", "pemkotsukamaju", 50),
        ("facebook", "bpbd_sukamaju", 70),
        ("x", "bpbd_sukamaju", 150),
    ),
    "captions": (
        "PERINGATAN DINI: hujan deras, air mulai naik di {places}. Warga diminta waspada "
        "dan segera menghubungi call center 112 bila perlu evakuasi. #SiagaBanjir",
        "Tim BPBD sudah bergerak ke {places} membawa perahu karet. Posko darurat dibuka di "
        "kantor kecamatan. #SiagaBanjir",
        "Update banjir: genangan di {places}. Tim gabungan di lapangan, warga diimbau "
        "menjauhi aliran sungai. #SukamajuMaju",
    ),
}

#: A programme that has not reached some offices: citizens of three places report in the
#: last month that their office does not know it or does not serve it yet, over a thin
#: background of the same complaint about the unit's other programmes.
PROGRAMME_GAP = {
    "program": "Identitas Kependudukan Digital",
    "unit": "dukcapil",
    "topic": "kependudukan",
    "places": ("Cikaret Hilir", "Talagasari", "Kebonwaru"),
    "messages": 90,  # planted, at scale 1
    "background": 30,
}

#: One planted viral post in an empty night slot (must not become "the best time").
NIGHT_VIRAL = {
    "platform": "instagram",
    "account": "pemkotsukamaju",
    "day": 10,
    "hour": 2,
    "minute": 10,
    "post_type": "feed",
    "exposure_x": 40.0,
}

#: Audience change between the two snapshots: the centre's Instagram gets younger.
AUDIENCE_SHIFT = {
    "platform": "instagram",
    "account": "pemkotsukamaju",
    "dimension": "age",
    "segment": "18-24",
    "change": 0.03,
}


def slot_multiplier(platform: str) -> list[list[float]]:
    """Return the planted engagement-rate multiplier as 7 weekdays x 24 local hours."""
    return [[WEEKDAY_ER[platform][d] * HOUR_ER[platform][h] for h in range(24)] for d in range(7)]


def best_slots(platform: str, n: int = 5) -> list[tuple[int, int]]:
    """Return the ``n`` best (weekday, hour) slots of ``platform``, best first."""
    grid = slot_multiplier(platform)
    cells = [(grid[d][h], d, h) for d in range(7) for h in range(24)]
    cells.sort(key=lambda c: (-c[0], c[1], c[2]))
    return [(d, h) for _, d, h in cells[:n]]


def best_hours(platform: str, n: int = 3) -> list[int]:
    """Return the ``n`` local hours with the highest multiplier, best first."""
    hours = HOUR_ER[platform]
    return sorted(range(24), key=lambda h: (-hours[h], h))[:n]
