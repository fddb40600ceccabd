"""The register of partners: influencers, brand ambassadors, citizen journalists, staff.

One row per account (``handle`` on one ``platform``) in the ``influencers`` table and one
row per collaboration in the ``collaborations`` log (date, handle, platform, campaign,
post_id, reward such as a t-shirt or a watch, cost). :func:`register` checks both tables
and links the accounts of one person across platforms to one ``person_id``:

* rows that already carry a ``person_id`` keep it (two different ids are never merged,
  even when the names match: two people may share a name);
* other rows join a person when the normalised handle is the same on another platform
  (``@budi.sukamaju`` on Instagram and ``budi.sukamaju`` on X) or the normalised name is
  the same (``Budi  Santoso`` and ``budi santoso``);
* a new person gets the next free id ``P001``, ``P002``... in order of appearance, so ids
  stay put when rows are added later.

A handle on two rows of the same platform is an error that names both rows (merge them
into one row yourself: only you know which followers count or topics are right). A
collaboration whose handle is not in the register is an error naming its row.
Handles are stored normalised (lower case, no ``@``), as in the mentions table.
Indonesian column names and values (``nama``, ``peran``, ``duta``, ``sukarela``...) are
accepted; see ``humaskit/data/influencers/aliases.csv``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import pandas as pd

from .. import schema
from ..errors import ParameterError, SchemaError
from ..i18n import t
from ..paths import package_file
from ..privacy import normalize_handles

__all__ = ["Register", "register", "add", "update", "aliases", "canonical_columns"]


class Register(NamedTuple):
    """The checked register: ``influencers`` (with ``person_id``) and ``collaborations``.

    A named tuple: ``reg.influencers`` or ``influencers, collaborations = reg``.
    """

    influencers: pd.DataFrame
    collaborations: pd.DataFrame

    def __repr__(self) -> str:
        people = self.influencers["person_id"].nunique() if len(self.influencers) else 0
        return (
            f"Register(accounts={len(self.influencers)}, people={people}, "
            f"collaborations={len(self.collaborations)})"
        )


@lru_cache(maxsize=1)
def aliases() -> pd.DataFrame:
    """The alias table (kind, alias, canonical) from ``data/influencers/aliases.csv``.

    Examples
    --------
    >>> a = aliases()
    >>> a.loc[a["alias"] == "duta", "canonical"].item()
    'brand_ambassador'
    """
    path = package_file("influencers", "aliases.csv")
    table = pd.read_csv(path, comment="#", dtype="str", skipinitialspace=True)
    table["alias"] = table["alias"].str.strip().str.lower()
    return table


def canonical_columns(data: pd.DataFrame, table: str) -> pd.DataFrame:
    """Rename Indonesian/other column headers and role/relation values to canonical ones.

    Examples
    --------
    >>> df = pd.DataFrame({"Akun": ["@Budi"], "Peran": ["Jurnalis Warga"]})
    >>> canonical_columns(df, "influencers").to_dict("list")
    {'handle': ['@Budi'], 'role': ['citizen_journalist']}
    """
    known = set(schema.columns(table)) | {"notes"}
    al = aliases()
    col_map = dict(
        zip(
            al.loc[al["kind"] == "column", "alias"],
            al.loc[al["kind"] == "column", "canonical"],
            strict=True,
        )
    )
    rename = {}
    for c in data.columns:
        key = re.sub(r"\s+", " ", str(c).strip().lower())
        if key in known:
            rename[c] = key
        elif key.replace(" ", "_") in known:
            rename[c] = key.replace(" ", "_")
        elif key in col_map and col_map[key] in known:
            rename[c] = col_map[key]
    out = data.rename(columns=rename)
    for col in ("role", "relation", "platform"):
        if col in out.columns:
            vals = out[col].astype("str").str.strip().str.lower()
            vals = vals.where(vals.str.len() > 0)
            if col == "platform":
                vals = vals.replace(
                    {
                        "twitter": "x",
                        "ig": "instagram",
                        "fb": "facebook",
                        "yt": "youtube",
                        "tik tok": "tiktok",
                    }
                )
            else:
                sub = al[al["kind"] == col]
                vals = vals.replace(dict(zip(sub["alias"], sub["canonical"], strict=True)))
                vals = vals.str.replace(" ", "_")
            out[col] = vals
    return out


def _rows(labels: list[Any], n: int = 5) -> str:
    shown = ", ".join(str(x) for x in labels[:n])
    return shown + (f" (+{len(labels) - n})" if len(labels) > n else "")


def _norm_name(s: pd.Series) -> pd.Series:
    out = s.astype("str").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return out.where(out.str.len() > 0)


def _link_people(inf: pd.DataFrame) -> pd.Series:
    """Give every row a person_id (see the module docstring for the rules)."""
    n = len(inf)
    parent = list(range(n))
    explicit = inf["person_id"].astype("str").str.strip()
    explicit = explicit.where(explicit.str.len() > 0)
    pid: dict[int, str | None] = {
        i: (None if pd.isna(v) else str(v)) for i, v in enumerate(explicit)
    }

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        ia, ib = pid.get(ra), pid.get(rb)
        if ia is not None and ib is not None and ia != ib:
            return  # two people the team told apart stay apart
        parent[rb] = ra
        pid[ra] = ia if ia is not None else ib

    for key in (explicit, inf["handle"], _norm_name(inf["name"])):
        first: dict[str, int] = {}
        for i, v in enumerate(key):
            if pd.isna(v):
                continue
            if v in first:
                union(first[v], i)
            else:
                first[v] = i
    used = [int(m.group(1)) for v in pid.values() if v for m in [re.fullmatch(r"P(\d+)", v)] if m]
    next_id = max(used, default=0) + 1
    out: list[str] = []
    for i in range(n):
        r = find(i)
        if pid.get(r) is None:
            pid[r] = f"P{next_id:03d}"
            next_id += 1
        out.append(pid[r])
    return pd.Series(out, index=inf.index, dtype="str")


def _unique_index(data: Any) -> Any:
    if isinstance(data, pd.DataFrame) and not data.index.is_unique:
        return data.reset_index(drop=True)
    return data


def _checked_table(data: Any, table: str, lang: str | None) -> pd.DataFrame:
    """``data`` as the canonical ``table`` with normalised handles (none may be empty)."""
    data = _unique_index(data)
    if not isinstance(data, pd.DataFrame):
        raise SchemaError(t("schema.not_a_table", lang, table=table, got=type(data).__name__))
    out = schema.validate(canonical_columns(data, table), table, lang=lang)
    out["handle"] = normalize_handles(out["handle"])
    if out["handle"].isna().any():
        bad = list(out.index[out["handle"].isna()])
        raise SchemaError(
            t("schema.null_values", lang, table=table, column="handle", rows=_rows(bad))
        )
    return out


def _check_non_negative(data: pd.DataFrame, table: str, column: str, lang: str | None) -> None:
    """A negative number in ``column`` (when present) is an error naming the rows."""
    if column not in data.columns:
        return
    neg = data[column].notna() & (data[column] < 0)
    if neg.any():
        raise SchemaError(
            t(
                "schema.bad_values",
                lang,
                table=table,
                column=column,
                rows=_rows(list(data.index[neg])),
                expected=t("influencers.expected_non_negative", lang),
            )
        )


def _check_influencers(data: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    inf = _checked_table(data, "influencers", lang)
    _check_non_negative(inf, "influencers", "followers", lang)
    dup = inf.duplicated(["handle", "platform"], keep=False)
    if dup.any():
        first = inf[dup].iloc[0]
        same = inf[
            dup & (inf["handle"] == first["handle"]) & (inf["platform"] == first["platform"])
        ]
        raise SchemaError(
            t(
                "influencers.duplicate_handle",
                lang,
                handle=first["handle"],
                platform=first["platform"],
                rows=_rows(list(same.index)),
            )
        )
    inf["person_id"] = _link_people(inf)
    return inf


def _check_collaborations(
    data: pd.DataFrame | None, inf: pd.DataFrame, lang: str | None
) -> pd.DataFrame:
    if data is None:
        col = schema.empty("collaborations")
        col["person_id"] = pd.Series([], dtype="str")
        return col
    col = _checked_table(data, "collaborations", lang)
    unknown = ~col["handle"].isin(set(inf["handle"])).fillna(False).astype(bool)
    if unknown.any():
        raise SchemaError(
            t(
                "influencers.unknown_handle",
                lang,
                handle=col.loc[unknown, "handle"].iloc[0],
                rows=_rows(list(col.index[unknown])),
            )
        )
    # platform missing: take it from the register when the handle is on one platform only
    platforms = inf.groupby("handle")["platform"].agg(lambda s: s.iloc[0] if len(s) == 1 else pd.NA)
    fill = col["platform"].isna()
    if fill.any():
        col.loc[fill, "platform"] = col.loc[fill, "handle"].map(platforms).astype("str")
    known_pairs = set(zip(inf["handle"], inf["platform"], strict=True))
    pairs = pd.Series(
        [(h, p) for h, p in zip(col["handle"], col["platform"], strict=True)], index=col.index
    )
    bad_pair = col["platform"].notna() & ~pairs.isin(known_pairs).astype(bool)
    if bad_pair.any():
        i = bad_pair[bad_pair].index
        raise SchemaError(
            t(
                "influencers.unknown_pair",
                lang,
                handle=col.loc[i[0], "handle"],
                platform=col.loc[i[0], "platform"],
                rows=_rows(list(i)),
            )
        )
    _check_non_negative(col, "collaborations", "cost", lang)
    col["post_id"] = col["post_id"].astype("str").str.strip()
    col["post_id"] = col["post_id"].where(col["post_id"].str.len() > 0)
    dup = col["post_id"].notna() & col.duplicated(["handle", "platform", "post_id"], keep=False)
    if dup.any():
        raise SchemaError(
            t(
                "influencers.duplicate_collaboration",
                lang,
                post_id=col.loc[dup, "post_id"].iloc[0],
                rows=_rows(list(col.index[dup])),
            )
        )
    person = inf.drop_duplicates("handle").set_index("handle")["person_id"]
    by_pair = inf.set_index(["handle", "platform"])["person_id"]
    pid = pd.Series(
        [
            by_pair.get((h, p), person.get(h))
            for h, p in zip(col["handle"], col["platform"], strict=True)
        ],
        index=col.index,
        dtype="str",
    )
    col["person_id"] = pid
    return col


def register(
    influencers: pd.DataFrame,
    collaborations: pd.DataFrame | None = None,
    *,
    lang: str | None = None,
) -> Register:
    """Check the register and link each person's accounts to one ``person_id``.

    Parameters
    ----------
    influencers : DataFrame
        The ``influencers`` table (handle, platform, name, role, followers, topics,
        region, relation, person_id). Indonesian headers are accepted.
    collaborations : DataFrame, optional
        The collaboration log (date, handle, platform, campaign, post_id, reward, cost).
    lang : {"id", "en"}, optional
        Language of error messages.

    Returns
    -------
    Register
        New tables (the inputs are not changed), index 0..n-1; handles normalised;
        ``person_id`` in both tables.

    Raises
    ------
    SchemaError
        A handle on two rows of one platform, a collaboration with an unknown handle,
        a negative cost or followers count, a value of the wrong kind (naming the rows).

    Examples
    --------
    >>> import pandas as pd
    >>> inf = pd.DataFrame({"handle": ["@budi.skm", "budi.skm", "ani"],
    ...                     "platform": ["instagram", "x", "tiktok"],
    ...                     "name": ["Budi", "Budi", "Ani"], "role": ["influencer"] * 3})
    >>> reg = register(inf)
    >>> reg.influencers["person_id"].tolist()
    ['P001', 'P001', 'P002']
    >>> register(pd.concat([inf, inf.head(1)], ignore_index=True), lang="en")
    Traceback (most recent call last):
    ...
    humaskit.errors.SchemaError: Register: handle 'budi.skm' appears on platform instagram in more than one row (rows 0, 3); keep one row per handle and platform.
    """
    inf = _check_influencers(influencers, lang)
    col = _check_collaborations(collaborations, inf, lang)
    return Register(inf.reset_index(drop=True), col.reset_index(drop=True))


def _as_frame(rows: Any) -> pd.DataFrame:
    if rows is None:
        return pd.DataFrame()
    if isinstance(rows, pd.DataFrame):
        return rows
    if isinstance(rows, Mapping):
        return pd.DataFrame([dict(rows)])
    return pd.DataFrame(list(rows))


def add(
    reg: Register,
    *,
    influencers: pd.DataFrame | Mapping[str, Any] | list[Mapping[str, Any]] | None = None,
    collaborations: pd.DataFrame | Mapping[str, Any] | list[Mapping[str, Any]] | None = None,
    lang: str | None = None,
) -> Register:
    """Return a new register with accounts and/or collaborations added.

    Added rows go through the same checks as :func:`register` (a handle already on that
    platform is an error). Existing ``person_id`` values do not change.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = register(pd.DataFrame({"handle": ["budi"], "platform": ["x"],
    ...                              "name": ["Budi"], "role": ["influencer"]}))
    >>> reg = add(reg, influencers={"handle": "budi", "platform": "tiktok", "name": "Budi",
    ...                             "role": "influencer"},
    ...           collaborations={"date": "2025-09-01", "handle": "budi",
    ...                           "platform": "x", "reward": "kaos"})
    >>> reg
    Register(accounts=2, people=1, collaborations=1)
    """
    if not isinstance(reg, Register):
        raise ParameterError(t("influencers.not_a_register", lang))
    new_inf = _as_frame(influencers)
    new_col = _as_frame(collaborations)
    inf = (
        pd.concat([reg.influencers, canonical_columns(new_inf, "influencers")], ignore_index=True)
        if len(new_inf)
        else reg.influencers
    )
    col = (
        pd.concat(
            [reg.collaborations, canonical_columns(new_col, "collaborations")], ignore_index=True
        )
        if len(new_col)
        else reg.collaborations
    )
    return register(inf, col, lang=lang)


def update(
    reg: Register,
    handle: str,
    *,
    platform: str | None = None,
    lang: str | None = None,
    **changes: Any,
) -> Register:
    """Return a new register with the account ``handle`` (on ``platform``) changed.

    Parameters
    ----------
    handle : str
        The account to change (``@`` and case do not matter).
    platform : str, optional
        Needed when the handle is registered on more than one platform and you want to
        change only one; without it every platform of the handle changes.
    **changes
        Column values, for example ``followers=15000, relation="barter"``.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = register(pd.DataFrame({"handle": ["budi"], "platform": ["x"],
    ...                              "name": ["Budi"], "role": ["influencer"]}))
    >>> update(reg, "@Budi", followers=1200).influencers["followers"].tolist()
    [1200]
    """
    if not isinstance(reg, Register):
        raise ParameterError(t("influencers.not_a_register", lang))
    allowed = set(schema.columns("influencers")) | set(reg.influencers.columns)
    unknown = [k for k in changes if k not in allowed]
    if unknown:
        raise ParameterError(
            t(
                "influencers.unknown_columns",
                lang,
                columns=", ".join(unknown),
                expected=", ".join(schema.columns("influencers")),
            )
        )
    key = normalize_handles([handle])[0]
    mask = reg.influencers["handle"] == key
    if platform is not None:
        mask &= reg.influencers["platform"] == schema.platform_code(platform, lang=lang)
    if not mask.any():
        raise ParameterError(
            t("influencers.handle_not_found", lang, handle=handle, platform=platform or "-")
        )
    inf = reg.influencers.copy()
    for k, v in changes.items():
        if (
            k in ("handle", "platform", "name", "role", "topics", "region", "relation", "person_id")
            and inf[k].dtype != "str"
        ):
            inf[k] = inf[k].astype("str")
        inf.loc[mask, k] = v
    return register(inf, reg.collaborations, lang=lang)
