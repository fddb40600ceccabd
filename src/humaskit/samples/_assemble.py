"""Assemble the mention parts into one table; office-hour replies; collaborations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import _model as M
from ._context import DAY_US, P_CODE, PLATFORMS, US, Ctx, _cluster_day, _int_array, _str, event_day
from ._mentions import (
    EMOJI_SHARE,
    LOWER_SHARE,
    SLANG_SHARE,
    Labels,
    Part,
    _citizens,
    _times,
    _topic_for,
    make_authors,
)
from ._posts import PostState
from ._text import choose_within, fill, join, render, table, words


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
