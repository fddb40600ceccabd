"""Know the public (kenali publik): who follows each platform and which publics it reaches.

Step one of the workflow. From the canonical ``audience`` table (platform, account, as_of,
dimension, segment, value, unit) this module describes each platform's audience (age and
gender pyramid, top places, share inside the institution's own region, change between
snapshots), matches it against the institution's publics (pelajar, ASN, UMKM, ...) and
recommends a platform and a format for each public with the evidence behind it.

Units
-----
A ``share`` is a fraction 0..1 of the account's audience (34% is ``0.34``), which is how
:mod:`humaskit.io` and :mod:`humaskit.samples` store percentages from the exports. A share
above 1 is an error (a percentage written as 34 instead of 0.34). ``count`` rows are turned
into shares: age, gender and age x gender counts by their own total; city, region and
country counts (usually a top-N list) by the total of the same snapshot's age x gender, age
or gender counts when present, else by their own total. Rows with a missing value are left
out. When an export gives only the age x gender table, the ``age`` and ``gender`` profiles
are derived from it.

Segments
--------
Age bands are read from text such as ``18-24``, ``18–24`` or ``65+``; an open band
(``65+``) is taken as 15 years wide (65-79). Genders are read from ``female``/``male``,
``F``/``M``, ``Women``/``Men``, ``perempuan``/``laki-laki``...; anything else counts as
``unknown``. Age x gender segments may be written ``F.18-24`` (Meta API), ``18-24 female``,
``female|18-24`` and so on. Places are matched on the part before the first comma, without
case and without an administrative prefix (``Kota``, ``Kabupaten``, ``Kab.``): platforms
rarely tell a city from the regency of the same name.

Snapshots
---------
Functions take ``as_of``: ``None`` (or ``"terakhir"``/``"latest"``) uses the latest snapshot
of each platform, account and dimension; a date uses the latest snapshot on or before it.

Fit score (``fit``)
-------------------
For a public P with age band [a, b], gender g and region R, and the audience A of one
account on one platform::

    demographic(P, A) = sum over age x gender cells c of A of
                        share(c) * overlap(age band of c, [a, b]) / width(age band of c)
                        * [gender of c is g, or g is "all"]
    local(P, A)       = share of A living in R (see :func:`local_share`); for R "luar"
                        (outside the institution's region) 1 minus the local share; 1 when
                        R is "semua", or when R is "lokal"/"luar" and no ``region`` given
    share(P, A)       = demographic(P, A) * local(P, A)
    fit(P, A)         = share(P, A) / max over platforms of share(P, .)

``share`` is the fraction of the platform's audience that belongs to the public (assuming
where people live does not depend on their age or gender); ``fit`` rescales it so that
the best platform for each public scores 1 and the others show how far behind they are.
Ages are counted in whole years, uniformly spread inside a band (25-40 takes all of 25-34
and 6/10 of 35-44). Without an age x gender table the cells are built from the age and
gender tables as if independent; without gender data a single-gender public gets half.
With several accounts on a platform their shares are averaged (each account weighs the
same). Where an account has no city data, the mean local share of the other accounts is
used and the evidence says so. Top-city lists cover only part of the audience, so local
shares are lower bounds.

Recommendations (``recommend``)
-------------------------------
Platforms are ranked by fit (the audience comes first). On each recommended platform the
formats are ranked by how they performed in ``posts``: the median engagement rate (likes +
comments + shares + saves, divided by reach, or by followers_at_post where reach is missing,
then impressions, then views) of the format, divided by the platform's median engagement
rate (the lift). Posts about the public's interests (matched in the post text) are used
when there are at least ``min_posts`` of them in that format; otherwise all posts of that
format on the platform. A format the public prefers gets a bonus of 25%.

Examples
--------
>>> import pandas as pd
>>> from humaskit import audience
>>> aud = pd.DataFrame({
...     "platform": ["instagram"] * 4 + ["facebook"] * 4,
...     "account": "pemkot", "as_of": "2025-09-30", "dimension": "age_gender",
...     "segment": ["F.18-24", "M.18-24", "F.45-54", "M.45-54"] * 2,
...     "value": [0.3, 0.3, 0.2, 0.2, 0.1, 0.1, 0.4, 0.4], "unit": "share"})
>>> pubs = audience.publics().query("public in ['Mahasiswa', 'Petani']")
>>> f = audience.fit(aud, pubs, lang="en")
>>> f.loc[f["rank"] == 1, ["public", "platform"]].to_dict("records")
[{'public': 'Mahasiswa', 'platform': 'instagram'}, {'public': 'Petani', 'platform': 'facebook'}]

Modules
-------
- ``names``: platform and format names people write (aliases), lists, counts, wording
  of percentages in sentences.
- ``segments``: reading segments: age bands, genders, places.
- ``snapshots``: the audience table checked, as shares, one snapshot per account.
- ``profiles``: profile, pyramid, top places, local share, change between snapshots.
- ``public_table``: the publics table (columns, checks, the default city table).
- ``matching``: the fit score of each public on each platform, with evidence.
- ``recommendations``: format performance and platform + format recommendations.

Layer: a step (entry points -> teaching -> presentation -> **steps** -> text -> reading ->
core). It takes and returns DataFrames, reads no file and imports no other step. Charts
are in :mod:`humaskit.plots.audience`, the Latihan checker and the notebook widget in
:mod:`humaskit.teaching.audience`, reading a publics file in :mod:`humaskit.files.publics`.

Where to add: a new check of the audience table in ``snapshots`` (``_prepare``, raising
:class:`humaskit.SchemaError` with one plain sentence); a new check of a publics table in
``public_table``; a new description of the audience in ``profiles`` (a new table of
shares); a new Latihan checker or widget in :mod:`humaskit.teaching.audience` (the step
never imports teaching code); a new chart in :mod:`humaskit.plots.audience`. Export public
names here, in ``__all__``.
"""

from __future__ import annotations

from .matching import fit
from .names import platform_key
from .profiles import change, local_share, place_level, profile, pyramid, top_places
from .public_table import PUBLIC_COLUMNS, publics, publics_table
from .recommendations import format_performance, recommend

__all__ = [
    "PUBLIC_COLUMNS",
    "profile",
    "pyramid",
    "top_places",
    "local_share",
    "change",
    "publics",
    "publics_table",
    "fit",
    "format_performance",
    "recommend",
    "place_level",
    "platform_key",
]
