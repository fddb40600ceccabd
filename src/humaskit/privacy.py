"""Protecting citizens' personal data in everything humaskit shares.

Citizens' names and handles in comment and mention data are personal data under
UU 27/2022 (Pelindungan Data Pribadi). Shared outputs (HTML reports, JSON summaries,
exported tables, network charts) show private citizens under a pseudonym; accounts of
institutions, media, public figures and registered partners stay named. Three tools:

:func:`pseudonymize`
    Replaces handles by short readable tokens such as ``warga-3f9a2c``. A token is an
    HMAC-SHA256 of the normalised handle keyed by a secret ``salt``: the same handle and
    salt always give the same token (so a citizen can be followed across tables and
    months), and without the salt the token cannot be turned back into the handle.
    ``salt=None`` uses the environment variable ``HUMASKIT_SALT`` when it is set (keep
    one secret value per institution, outside any report or notebook, to compare months),
    else a random salt made once per Python session: tokens agree within the session
    (table and chart match) but change in the next one.
:func:`is_public_account`
    Decides which handles stay named: registered partners, the institution's own
    accounts, rows whose ``author_type`` is ``institution``, ``media`` or
    ``public_figure``, and handles matching the patterns in
    ``humaskit/data/privacy/public_accounts.txt`` (one regular expression a line; teams
    add their local media there). Unregistered influencers are treated as citizens.
:func:`mask_personal_data`
    Masks phone numbers, NIK (16-digit identity numbers), e-mail addresses and bank
    account numbers inside free text before it is shown.
:func:`mask_handles`
    Replaces ``@handles`` of private citizens inside free text by their pseudonyms.

Examples
--------
>>> import pandas as pd
>>> from humaskit import privacy
>>> handles = pd.Series(["@Budi_88", "budi_88", "pemkotsukamaju"])
>>> out = privacy.pseudonymize(handles, salt="rahasia-humas",
...                            keep=privacy.is_public_account(handles))
>>> out[0] == out[1], out[0].startswith("warga-"), out[2]
(True, True, 'pemkotsukamaju')
>>> privacy.mask_personal_data(["WA saya 0812-3456-7890"]).tolist()
['WA saya [telepon]']
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from .errors import ParameterError
from .i18n import t
from .paths import package_file

__all__ = [
    "normalize_handles",
    "pseudonymize",
    "is_public_account",
    "mask_personal_data",
    "mask_handles",
    "session_salt",
    "PUBLIC_AUTHOR_TYPES",
]

#: ``author_type`` values (mentions table) whose accounts stay named.
PUBLIC_AUTHOR_TYPES = ("institution", "media", "public_figure")

_SESSION: dict[str, str] = {}


def session_salt() -> str:
    """Return the salt used when ``salt=None``.

    ``HUMASKIT_SALT`` from the environment when set (stable across sessions), else a
    random salt made once per Python session.

    Examples
    --------
    >>> session_salt() == session_salt()
    True
    """
    env = os.environ.get("HUMASKIT_SALT", "").strip()
    if env:
        return env
    if "salt" not in _SESSION:
        _SESSION["salt"] = secrets.token_hex(16)
    return _SESSION["salt"]


def _as_series(values: object, name: str = "handle") -> pd.Series:
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, pd.Index):
        return pd.Series(values, index=range(len(values)), name=name)
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ParameterError(t("privacy.not_a_list", None, name=name))
    return pd.Series(list(values), name=name, dtype="str")


def normalize_handles(handles: Iterable[str] | pd.Series) -> pd.Series:
    """Return handles stripped of spaces and a leading ``@``, in lower case.

    Missing or empty handles become NA. The index is kept.

    Examples
    --------
    >>> normalize_handles([" @Dinkes_Sukamaju ", "", None]).tolist()
    ['dinkes_sukamaju', nan, nan]
    """
    s = _as_series(handles).astype("str")
    out = s.str.strip().str.lstrip("@").str.strip().str.lower()
    return out.where(out.str.len() > 0)


def _key(salt: str | bytes) -> bytes:
    return salt if isinstance(salt, bytes) else str(salt).encode("utf-8")


def pseudonymize(
    handles: Iterable[str] | pd.Series,
    *,
    salt: str | bytes | None,
    keep: Iterable[str] | pd.Series | None = None,
    prefix: str = "warga",
    length: int = 6,
) -> pd.Series:
    """Replace handles of private citizens by stable, non-reversible tokens.

    Parameters
    ----------
    handles : iterable of str or Series
        Handles (with or without ``@``, any case: ``@Budi`` and ``budi`` get one token).
    salt : str or bytes or None
        Secret key of the HMAC. ``None`` uses :func:`session_salt` (stable within this
        Python session only). An empty salt is refused.
    keep : boolean Series aligned with ``handles``, or iterable of handles, optional
        Handles that stay named (for example ``is_public_account(handles)``). Kept
        handles are returned as given.
    prefix : str
        Word in front of the token (``"warga"``: citizen).
    length : int
        Hex characters of the token, 4 to 16. Six give 16.7 million tokens: collisions
        are unlikely among the few hundred accounts a report shows.

    Returns
    -------
    Series of str
        Same index as ``handles``; NA stays NA.

    Examples
    --------
    >>> pseudonymize(["budi", "ani"], salt="s1").str.match(r"warga-[0-9a-f]{6}$").all()
    np.True_
    >>> pseudonymize(["budi"], salt="s1")[0] != pseudonymize(["budi"], salt="s2")[0]
    True
    >>> pseudonymize(["budi", "detiksukamaju"], salt="s1", keep={"detiksukamaju"})[1]
    'detiksukamaju'
    """
    if salt is None:
        salt = session_salt()
    if (isinstance(salt, (str, bytes)) and len(salt) == 0) or not isinstance(salt, (str, bytes)):
        raise ParameterError(t("privacy.bad_salt", None))
    if not 4 <= int(length) <= 16:
        raise ParameterError(t("privacy.bad_length", None, length=length))
    original = _as_series(handles)
    norm = normalize_handles(original)
    key = _key(salt)
    uniques = norm.dropna().unique()
    tokens = {
        h: f"{prefix}-"
        + hmac.new(key, str(h).encode("utf-8"), hashlib.sha256).hexdigest()[: int(length)]
        for h in uniques
    }
    out = norm.map(tokens).astype("str")
    if keep is not None:
        if isinstance(keep, pd.Series) and pd.api.types.is_bool_dtype(keep.dtype):
            if len(keep) == len(original) and (
                keep.index.equals(original.index) or not original.index.is_unique
            ):
                mask = pd.Series(keep.to_numpy(), index=original.index).fillna(False)
            else:
                mask = keep.reindex(original.index).fillna(False)
            mask = mask.astype(bool)
        else:
            kept = set(normalize_handles(list(keep)).dropna())
            mask = norm.isin(kept).fillna(False).astype(bool)
        out = out.where(~mask, original.astype("str"))
    out.name = original.name
    return out


@lru_cache(maxsize=1)
def _default_patterns() -> tuple[str, ...]:
    path = package_file("privacy", "public_accounts.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _handle_set(values: object) -> set[str]:
    if values is None:
        return set()
    if isinstance(values, pd.DataFrame):
        cols = [c for c in ("handle", "account") if c in values.columns]
        if not cols:
            raise ParameterError(t("privacy.no_handle_column", None))
        found: set[str] = set()
        for c in cols:
            found.update(normalize_handles(values[c]).dropna())
        return found
    if isinstance(values, str):
        values = [values]
    return set(normalize_handles(list(values)).dropna())


def is_public_account(
    handles: Iterable[str] | pd.Series,
    *,
    author_types: pd.Series | Mapping[str, str] | None = None,
    register: pd.DataFrame | Iterable[str] | None = None,
    institution_accounts: pd.DataFrame | Iterable[str] | None = None,
    patterns: bool | Iterable[str] = True,
) -> pd.Series:
    """Tell which handles belong to public actors that may stay named.

    A handle is public when any rule holds: it is in ``register`` (registered partners),
    it is one of ``institution_accounts``, its ``author_type`` is ``institution``,
    ``media`` or ``public_figure``, or it matches a pattern of
    ``data/privacy/public_accounts.txt``. Everyone else is a private citizen.

    Parameters
    ----------
    handles : iterable of str or Series
        Handles to check.
    author_types : Series aligned with ``handles`` or mapping {handle: type}, optional
        The ``author_type`` column of the mentions table.
    register : DataFrame with a ``handle`` column, or iterable of handles, optional
        Registered influencers and partners.
    institution_accounts : DataFrame with ``handle``/``account``, or iterable, optional
        The institution's own accounts (the ``accounts`` table or a list).
    patterns : bool or iterable of str
        ``True`` uses the bundled patterns, ``False`` none, or your own regular
        expressions (matched against the whole normalised handle).

    Returns
    -------
    Series of bool
        Same index as ``handles``; NA handles are ``False``.

    Examples
    --------
    >>> is_public_account(["budi_88", "detiksukamaju", "ani", "pemkotsukamaju"],
    ...                   register=["ani"]).tolist()
    [False, True, True, True]
    """
    original = _as_series(handles)
    norm = normalize_handles(original)
    known = _handle_set(register) | _handle_set(institution_accounts)
    public = norm.isin(known).fillna(False).astype(bool)
    if author_types is not None:
        if isinstance(author_types, pd.Series):
            if len(author_types) == len(original) and (
                author_types.index.equals(original.index) or not original.index.is_unique
            ):
                types = pd.Series(author_types.to_numpy(), index=original.index).astype("str")
            else:
                types = author_types.reindex(original.index).astype("str")
        else:
            lookup = {
                k: v
                for k, v in zip(
                    normalize_handles(list(author_types)), author_types.values(), strict=True
                )
            }
            types = norm.map(lookup).astype("str")
        public |= types.isin(PUBLIC_AUTHOR_TYPES).fillna(False).astype(bool)
    if patterns is True:
        pats: tuple[str, ...] = _default_patterns()
    elif patterns is False or patterns is None:
        pats = ()
    else:
        pats = tuple(patterns)
    if pats:
        for p in pats:
            try:
                re.compile(p)
            except re.error as exc:
                raise ParameterError(t("privacy.bad_pattern", None, pattern=p)) from exc
        regex = "^(?:" + "|".join(f"(?:{p})" for p in pats) + ")$"
        uniques = pd.Series(norm.dropna().unique(), dtype="str")  # each handle checked once
        matched = set(uniques[uniques.str.match(regex).fillna(False).astype(bool)])
        public |= norm.isin(matched).fillna(False).astype(bool)
    public.name = "is_public"
    return public & norm.notna()


# Order matters: e-mail and NIK before phone numbers (a NIK is all digits).
_MASKS = (
    ("email", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    ("nik", r"\b\d{16}\b"),
    (
        "bank",
        r"(?i)\b((?:no\.?\s*|nomor\s*|nmr\s*)?rek(?:ening)?\.?\s*:?\s*(?:[a-z]{2,10}\s*:?\s*)?)"
        r"\d[\d .-]{6,22}\d\b",
    ),
    ("phone", r"(?:\+62|\b62|\b0)[\s.-]?8\d{1,2}(?:[\s.-]?\d{2,4}){2,3}\b"),
    ("phone", r"\(0\d{2,3}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b"),
)


def mask_personal_data(texts: Iterable[str] | pd.Series, *, lang: str | None = None) -> pd.Series:
    """Mask phone numbers, NIK, e-mail addresses and bank account numbers in texts.

    Masks are words in brackets (``[telepon]``, ``[NIK]``, ``[email]``,
    ``[nomor rekening]``) in the chosen language. Runs on whole columns (pyarrow regex).
    Missing texts stay missing; non-text values are turned into text first.

    Examples
    --------
    >>> mask_personal_data(["NIK 3201123456780001, email budi@mail.com",
    ...                     "rek BRI 1234 5678 9012 a.n. Budi", "telp (021) 555 1234"]).tolist()
    ['NIK [NIK], email [email]', 'rek BRI [nomor rekening] a.n. Budi', 'telp [telepon]']
    """
    s = _as_series(texts, name="text")
    out = s.astype("str")
    for kind, pattern in _MASKS:
        repl = "[" + t(f"privacy.mask_{kind}", lang) + "]"
        if kind == "bank":
            repl = r"\1" + repl
        out = out.str.replace(pattern, repl, regex=True)
    out.name = s.name
    return out


_HANDLE_RE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z0-9_])")


def mask_handles(
    texts: Iterable[str] | pd.Series,
    *,
    salt: str | bytes | None = None,
    keep: Iterable[str] | pd.DataFrame | None = None,
    patterns: bool | Iterable[str] = True,
) -> pd.Series:
    """Replace ``@handles`` of private citizens inside texts by their pseudonyms.

    A handle stays when it is in ``keep`` (registered partners, the institution's
    accounts) or matches the public-account patterns (see :func:`is_public_account`);
    others become ``@warga-xxxxxx`` with the same token :func:`pseudonymize` gives.

    Examples
    --------
    >>> out = mask_handles(["@budi_88 bilang @pemkotsukamaju lambat"], salt="s")[0]
    >>> out.startswith("@warga-") and out.endswith("bilang @pemkotsukamaju lambat")
    True
    """
    s = _as_series(texts, name="text")
    text = s.astype("str")
    found = text.str.findall(_HANDLE_RE.pattern).explode().dropna()
    if found.empty:
        return text
    uniques = pd.Series(found.unique(), dtype="str")
    public = is_public_account(uniques, register=keep, patterns=patterns)
    tokens = pseudonymize(uniques, salt=salt, keep=public)
    mapping = {h: tok for h, tok in zip(uniques, tokens, strict=True) if h != tok}
    if not mapping:
        return text

    def swap(value: object) -> object:
        if not isinstance(value, str):
            return value
        return _HANDLE_RE.sub(lambda m: "@" + mapping.get(m.group(1), m.group(1)), value)

    out = text.map(swap).astype("str")
    out.name = s.name
    return out
