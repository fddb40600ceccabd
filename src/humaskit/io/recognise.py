"""Recognise an export by its content: which reader's headers and values fit best.

Every format of every platform is tried on every table of the file
(:func:`candidates`); :func:`choose` keeps the complete ones (every required column
mapped, key values fitting the platform: links to its site, X ids made of digits) and
takes the best fit, preferring the "Key Metrics" sheet of old Facebook Insights
workbooks. When none is complete, the error names the headers nobody knows.
"""

from __future__ import annotations

from ..errors import DamagedFile, UnsupportedFile
from ..i18n import t
from . import canonical, mentions, meta, tiktok, x, youtube
from .base import Candidate, Format
from .files import Source
from .lookup import map_headers, normalize

__all__ = ["FORMATS", "candidates", "choose"]

#: Every platform format, in the order used to break ties.
FORMATS: tuple[Format, ...] = (
    meta.POSTS,
    meta.POSTS_BY_VALUES,
    meta.DAILY,
    meta.AUDIENCE,
    meta.LEGACY_DAILY,
    x.POSTS,
    x.DAILY,
    youtube.POSTS,
    youtube.DAILY,
    youtube.GEOGRAPHY,
    youtube.NOT_KEPT,
    tiktok.POSTS,
    tiktok.DAILY,
    tiktok.AUDIENCE,
    mentions.MENTIONS,
    canonical.CANONICAL,
)
_KEYS = {"date", "hour", "post_id", "value"}
#: The sheet old "Facebook Insights Data Export" workbooks keep their main table in (the
#: other sheets break the same posts down by action type, country...).
_KEY_SHEETS = frozenset({"key metrics", "metrik utama", "métricas principais", "métricas clave"})


def _sniff(fmt: Format, src: Source, spec) -> Candidate | None:
    if fmt.sniff is not None:
        return fmt.sniff(src, spec)
    mapping = map_headers(spec.header, fmt.family, fmt.kind)
    if not mapping.known:
        return None
    missing = [r for r in fmt.required if not mapping.has(r)]
    if fmt.any_of and not any(mapping.has(k) for k in fmt.any_of):
        missing.append("/".join(fmt.any_of))
    if fmt.needs_metric and not [k for k in mapping.fields if k not in _KEYS]:
        missing.append("metric")
    filled = max(sum(1 for h in spec.header if h.strip()), 1)
    score = mapping.known / filled
    return Candidate(fmt, spec, mapping, score, missing)


def candidates(src: Source) -> list[Candidate]:
    out = []
    for spec in src.tables:
        for fmt in FORMATS:
            cand = _sniff(fmt, src, spec)
            if cand is not None:
                out.append(cand)
    return out


#: Where each reader family's links point: a file whose links point elsewhere is not
#: that family's export, whatever its headers say.
_DOMAINS = {
    "x": ("twitter.com", "x.com"),
    "meta": ("facebook.com", "fb.com", "fb.watch", "instagram.com"),
    "tiktok": ("tiktok.com",),
    "youtube": ("youtube.com", "youtu.be"),
}


def _cells(sample: list[list[str]], cand: Candidate, name: str) -> list[str]:
    pos = cand.mapping.fields.get(name, [None])[0]
    if pos is None:
        return []
    return [r[pos].strip() for r in sample if pos < len(r) and r[pos].strip()]


def _fits(src: Source, cand: Candidate) -> bool:
    """Do the key columns' values fit the reader (links to its platform, X ids digits)?"""
    domains = _DOMAINS.get(cand.fmt.family)
    if domains is None or cand.fmt.kind != "posts":
        return True
    sample = src.sample(cand.spec)
    links = [v.lower() for v in _cells(sample, cand, "permalink") if "." in v and "/" in v]
    if links:
        own = sum(any(d in v for d in domains) for v in links)
        other = sum(
            any(d in v for fam, ds in _DOMAINS.items() if fam != cand.fmt.family for d in ds)
            for v in links
        )
        if other > own:
            return False
    if cand.fmt.family == "x":
        ids = _cells(sample, cand, "post_id")
        if ids and sum(v.isdigit() for v in ids) * 2 < len(ids):
            return False
    return True


def choose(src: Source, cands: list[Candidate], lang: str | None) -> Candidate:
    for c in cands:
        if not c.missing and not _fits(src, c):
            c.missing.append(t("io.missing_fit", lang))
    complete = [c for c in cands if not c.missing]
    name = src.name.lower()
    order = {f.name: i for i, f in enumerate(FORMATS)}

    def key(c: Candidate):
        hinted = any(h in name for h in c.fmt.hints)
        main_sheet = normalize(c.spec.sheet) in _KEY_SHEETS
        return (main_sheet, round(c.score, 6), hinted, -order.get(c.fmt.name, 99))

    if complete:
        best = max(complete, key=key)
        src.notes.extend(n for n in duplicate_notes(best, lang) if n not in src.notes)
        return best
    if cands:
        best = max(cands, key=lambda c: (c.mapping.known, c.score))
        unknown = [h for h in best.mapping.unmapped if h]
        raise UnsupportedFile(
            t(
                "io.unmapped_headers",
                lang,
                file=src.name,
                what=_what(best.fmt, lang),
                missing=", ".join(best.missing),
                headers=", ".join(unknown) or "-",
            )
        )
    headers = [h for spec in src.tables for h in spec.header if h][:30]
    if not headers:
        raise DamagedFile(t("io.no_table", lang, file=src.name))
    if all(len([h for h in spec.header if h]) <= 1 for spec in src.tables):
        raise UnsupportedFile(t("io.not_table", lang, file=src.name, what=t("io.what_text", lang)))
    raise UnsupportedFile(t("io.unknown_format", lang, file=src.name, headers=", ".join(headers)))


def duplicate_notes(cand: Candidate, lang: str | None) -> list[str]:
    """A note per header written more than once among the columns read: which column is
    used (the first; its empty cells are filled from the next ones)."""
    header = cand.spec.header
    out = []
    for positions in cand.mapping.fields.values():
        groups: dict[str, list[int]] = {}
        for pos in positions:
            if pos < len(header):
                groups.setdefault(normalize(header[pos]), []).append(pos)
        for same in groups.values():
            if len(same) > 1:
                out.append(
                    t(
                        "io.note_duplicate_header",
                        lang,
                        column=header[same[0]],
                        n=len(same),
                        positions=", ".join(str(p + 1) for p in same),
                        used=same[0] + 1,
                    )
                )
    return out


def _what(fmt: Format, lang: str | None) -> str:
    kind = t(f"io.kind.{fmt.kind}", lang)
    return f"{fmt.label} ({kind})" if fmt.label else kind
