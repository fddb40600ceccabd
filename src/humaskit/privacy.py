"""Protecting citizens' personal data in everything humaskit shares.

Citizens' names and handles in comment and mention data are personal data under
UU 27/2022 (Pelindungan Data Pribadi). Shared outputs (HTML reports, JSON summaries,
exported tables, network charts) show private citizens under a pseudonym; accounts of
institutions, media, public figures and registered partners stay named. The tools:

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
    Decides which handles stay named, from what the data says about the account only:
    registered partners, the institution's own accounts, rows whose ``author_type`` is
    ``institution``, ``media`` or ``public_figure``, and, when the type is unknown, accounts
    marked verified or listed in ``humaskit/data/privacy/public_accounts.txt`` (exact
    handles; teams add their local media there). A handle's look never decides.
    Unregistered influencers are treated as citizens.
:func:`find_personal_data`, :func:`mask_personal_data`
    The one recogniser of personal data in free text (NIK, KK number, phone, e-mail, bank
    account, vehicle plate, address, in the many ways people write them) and the mask that
    replaces what it finds; :func:`humaskit.text.screen` flags the same findings.
:func:`mask_handles`
    Replaces ``@handles`` of private citizens inside free text by their pseudonyms.

Examples
--------
>>> import pandas as pd
>>> from humaskit import privacy
>>> handles = pd.Series(["@Budi_88", "budi_88", "pemkotsukamaju"])
>>> out = privacy.pseudonymize(handles, salt="rahasia-humas",
...     keep=privacy.is_public_account(handles, institution_accounts=["pemkotsukamaju"]))
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

import numpy as np
import pandas as pd

from .errors import ParameterError
from .i18n import t
from .paths import package_file

__all__ = [
    "normalize_handles",
    "pseudonymize",
    "is_public_account",
    "mask_personal_data",
    "find_personal_data",
    "PERSONAL_DATA_KINDS",
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
def _listed_accounts() -> frozenset[str]:
    path = package_file("privacy", "public_accounts.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        ln.strip().lstrip("@").lower()
        for ln in lines
        if ln.strip() and not ln.lstrip().startswith("#")
    )


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


def _aligned(values: pd.Series | Mapping, original: pd.Series, norm: pd.Series) -> pd.Series:
    """A per-row Series (author types, verified flags) aligned with ``original``."""
    if isinstance(values, pd.Series):
        if len(values) == len(original) and (
            values.index.equals(original.index) or not original.index.is_unique
        ):
            return pd.Series(values.to_numpy(), index=original.index)
        return values.reindex(original.index)
    keys = normalize_handles(list(values))
    lookup = {k: v for k, v in zip(keys, values.values(), strict=True) if isinstance(k, str)}
    return norm.map(lookup)


def _truthy(value: object) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "ya", "yes", "y")
    return False


def is_public_account(
    handles: Iterable[str] | pd.Series,
    *,
    author_types: pd.Series | Mapping[str, str] | None = None,
    verified: pd.Series | Mapping[str, bool] | None = None,
    register: pd.DataFrame | Iterable[str] | None = None,
    institution_accounts: pd.DataFrame | Iterable[str] | None = None,
    patterns: bool | Iterable[str] = True,
) -> pd.Series:
    """Tell which handles belong to public actors that may stay named.

    A handle stays named only when the data says the account is public, never because of
    how the handle looks (``info_novi7053``, ``budi_fm`` or ``bencihumas`` may be anyone's):

    1. it is in ``register`` (registered partners) or ``institution_accounts`` (the
       institution's own accounts): the institution's own decision, always public;
    2. else, when its ``author_type`` is known, it is public only if that type is
       ``institution``, ``media`` or ``public_figure`` (``citizen`` and unregistered
       ``influencer`` stay private, whatever the handle or the other rules say);
    3. else (type unknown), it is public when the platform marks it ``verified``, or when it
       is in the shipped list ``data/privacy/public_accounts.txt`` (exact handles of
       national institutions and media; teams add theirs) or matches one of your own
       ``patterns``.

    Everyone else is a private citizen.

    Parameters
    ----------
    handles : iterable of str or Series
        Handles to check.
    author_types : Series aligned with ``handles`` or mapping {handle: type}, optional
        The ``author_type`` column of the mentions table.
    verified : Series of bool aligned with ``handles`` or mapping {handle: bool}, optional
        The platform's verification mark, when the data has it.
    register : DataFrame with a ``handle`` column, or iterable of handles, optional
        Registered influencers and partners.
    institution_accounts : DataFrame with ``handle``/``account``, or iterable, optional
        The institution's own accounts (the ``accounts`` table or a list).
    patterns : bool or iterable of str
        ``True`` uses the shipped list of public accounts, ``False`` nothing, or your own
        regular expressions (matched against the whole normalised handle; like the list,
        they never name an account whose ``author_type`` says it is a citizen).

    Returns
    -------
    Series of bool
        Same index as ``handles``; NA handles are ``False``.

    Examples
    --------
    >>> is_public_account(["budi_88", "info_novi7053", "ani", "kompascom"],
    ...                   author_types={"info_novi7053": "citizen"}, register=["ani"]).tolist()
    [False, False, True, True]
    """
    original = _as_series(handles)
    norm = normalize_handles(original)
    known = _handle_set(register) | _handle_set(institution_accounts)
    registered = norm.isin(known).fillna(False).astype(bool)
    typed = pd.Series(False, index=original.index)
    typed_public = pd.Series(False, index=original.index)
    if author_types is not None:
        types = _aligned(author_types, original, norm).astype("str").str.strip().str.lower()
        typed = types.notna() & (types != "")
        typed = typed.fillna(False).astype(bool)
        typed_public = types.isin(PUBLIC_AUTHOR_TYPES).fillna(False).astype(bool)
    unknown_public = pd.Series(False, index=original.index)
    if verified is not None:
        flags = _aligned(verified, original, norm)
        unknown_public |= flags.map(_truthy).astype(bool)
    if patterns is True:
        unknown_public |= norm.isin(_listed_accounts()).fillna(False).astype(bool)
    elif patterns is not False and patterns is not None:
        pats = tuple(patterns)
        for p in pats:
            try:
                re.compile(p)
            except re.error as exc:
                raise ParameterError(t("privacy.bad_pattern", None, pattern=p)) from exc
        if pats:
            regex = "^(?:" + "|".join(f"(?:{p})" for p in pats) + ")$"
            uniques = pd.Series(norm.dropna().unique(), dtype="str")  # each handle checked once
            matched = set(uniques[uniques.str.match(regex).fillna(False).astype(bool)])
            unknown_public |= norm.isin(matched).fillna(False).astype(bool)
    public = registered | typed_public | (~typed & unknown_public)
    public = public & norm.notna()
    public.name = "is_public"
    return public.astype(bool)


#: Kinds of personal data recognised in free text (:func:`find_personal_data`), in the
#: order they are looked for. ``text.screen`` reports the same kinds.
PERSONAL_DATA_KINDS = ("email", "kk", "nik", "bank", "phone", "landline", "plate", "address")

_SEP = r"[ ._\-]"  # one separator inside a written number: 3201-1234, 3201.1234, 3201_12
_LABEL_NIK = (
    r"(?:nomor\s+induk\s+kependudukan|(?:no|nomor|nmr)\.?\s?(?:e-?)?ktp|e-?ktp|ktp"
    r"|n\.i\.k\.?|nik)"
)
_LABEL_KK = r"(?:(?:no|nomor|nmr)\.?\s?(?:kartu\s+keluarga|kk)|kartu\s+keluarga|nkk|no\.?kk|kk)"
# After a label: a short gap of punctuation, optionally "no."/"nomor" or "saya"/"nya".
_GAP = (
    r"(?:[^0-9A-Za-z\n]{0,4}(?:(?:no|nomor|nmr|saya|sy|nya|adalah)\.?(?![A-Za-z]))?)"
    r"[^0-9A-Za-z\n]{0,4}"
)
_PLATE_CODES = (
    "A AA AB AD AE AG B BA BB BD BE BG BH BK BL BM BN BP D DA DB DC DD DE DG DH DK DL "
    "DM DN DR DS DT DW E EA EB ED F G H K KB KH KT KU L M N P PA PB PG PT PY R S T W Z"
).split()
_PUBLIC_EMAIL_RE = re.compile(
    r"@(?:[\w-]+\.)*(?:go\.id|mil\.id|ac\.id|sch\.id|desa\.id|or\.id)$", re.I
)
_CURRENCY_RE = re.compile(r"(?i)(?:rp|idr|rupiah|usd|\$)")
_AMOUNT_RE = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


def _cue_lines(name: str) -> list[str]:
    path = package_file("privacy", name)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip().lower() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _alternation(words: Iterable[str]) -> str:
    words = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=1)
def _bank_cues() -> tuple[str, frozenset[str]]:
    entries = _cue_lines("bank_cues.txt")
    weak = frozenset(e[1:].strip() for e in entries if e.startswith("~"))
    cues = [e.lstrip("~").strip() for e in entries]
    return _alternation(cues), weak


@lru_cache(maxsize=1)
def _office_re() -> re.Pattern:
    return re.compile(
        r"(?i)(?<![a-z])(?:" + _alternation(_cue_lines("office_phone_cues.txt")) + ")"
    )


def _check_email(m: re.Match, text: str) -> bool:
    return not _PUBLIC_EMAIL_RE.search(m.group(0))


def _check_bank(m: re.Match, text: str) -> bool:
    if _CURRENCY_RE.search(m.group("gap")):
        return False
    after = text[m.end() : m.end() + 12].lower()
    if re.match(r"\s?(?:,-|rupiah|rp|juta|jt|ribu|rb|miliar|m\b)", after):
        return False
    cue = " ".join(m.group("cue").lower().split())
    return not (cue in _bank_cues()[1] and _AMOUNT_RE.fullmatch(m.group("num")))


_MONEY_BEFORE = re.compile(r"(?i)(?:(?:rp|idr|usd|\$)\.?\s*|[0-9][.,])$")
_MONEY_AFTER = re.compile(r"(?i)\s?(?:,-|rupiah|juta|jt\b|ribu|rb\b|miliar|triliun)")


def _not_amount(m: re.Match, text: str) -> bool:
    """False for a number written as money (``Rp 62.812.345.678``, ``1.500.000 rupiah``)
    or for the tail of a larger number (``37.020.000.000``)."""
    a, b = m.span("num")
    return not (
        _MONEY_BEFORE.search(text[max(0, a - 6) : a]) or _MONEY_AFTER.match(text, b, b + 10)
    )


def _not_mobile(m: re.Match, text: str) -> bool:
    """False when a number after a NIK/KK label is a mobile number (``kk 0812...``: kakak)."""
    digits = re.sub(r"[^0-9]", "", m.group("num"))
    return not (10 <= len(digits) <= 13 and digits.startswith(("08", "628")))


def _check_landline(m: re.Match, text: str) -> bool:
    before = text[max(0, m.start() - 40) : m.start()]
    return _not_amount(m, text) and not _office_re().search(before)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern, object], ...]:
    """The recogniser: (kind, regex whose group ``num`` is masked, check or None), in order."""
    bank_alt, _ = _bank_cues()
    # a number block: digits joined by single separators, not part of a longer block
    block_start = r"(?<![0-9])(?<![0-9][ ._\-])"
    block_end = r"(?![ ._\-]?[0-9])"
    rules = [
        (
            "email",
            r"(?P<num>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})",
            _check_email,
        ),
        # labelled (NIK, KTP, KK): the whole number block (6-25 digits), else the first 16
        (
            "kk",
            rf"(?i)(?<![a-z\[]){_LABEL_KK}{_GAP}(?P<num>[0-9](?:{_SEP}?[0-9]){{5,24}}){block_end}",
            _not_mobile,
        ),
        (
            "kk",
            rf"(?i)(?<![a-z\[]){_LABEL_KK}{_GAP}(?P<num>[0-9](?:{_SEP}?[0-9]){{15}})(?![0-9])",
            None,
        ),
        (
            "nik",
            rf"(?i)(?<![a-z\[]){_LABEL_NIK}{_GAP}(?P<num>[0-9](?:{_SEP}?[0-9]){{5,24}}){block_end}",
            _not_mobile,
        ),
        (
            "nik",
            rf"(?i)(?<![a-z\[]){_LABEL_NIK}{_GAP}(?P<num>[0-9](?:{_SEP}?[0-9]){{15}})(?![0-9])",
            None,
        ),
        (
            "bank",
            rf"(?i)(?<![a-z])(?P<cue>{bank_alt})(?![a-z])(?P<gap>[^0-9\n]{{0,25}}?)"
            rf"{block_start}(?P<num>[0-9](?:{_SEP}?[0-9]){{7,17}}){block_end}",
            _check_bank,
        ),
        # unlabelled: a 16-digit block (not inside a link: no / or = before it)
        (
            "nik",
            rf"(?<![/=]){block_start}(?P<num>[0-9](?:{_SEP}?[0-9]){{15}}){block_end}",
            _not_amount,
        ),
        ("nik", r"(?<![0-9/=])(?<![0-9][ ._\-])(?P<num>[0-9]{16})(?![0-9])", _not_amount),
        (
            "phone",
            r"(?<![0-9+])(?P<num>(?:(?:\(\s?\+?\s?62\s?\)|\+\s?62|62)[ .\-]{0,3}(?:\(0\)|0)?"
            r"|\(?0)[ .\-]{0,3}\(?8[1-9](?:[ .\-()]{0,4}[0-9]){7,10})(?![0-9])",
            _not_amount,
        ),
        (
            "landline",
            r"(?<![0-9+])(?P<num>(?:\(\s?0[2-79][0-9]{1,2}\s?\)|0[2-79][0-9]{1,2}(?=[ .\-])"
            r"|\(?\s?(?:\+\s?62|62)[ .\-]?\(?[2-79][0-9]{1,2}\)?)"
            r"[ .\-]{0,3}[0-9]{3,4}[ .\-]?[0-9]{3,4})(?![0-9])",
            _check_landline,
        ),
        (
            "plate",
            r"(?<![A-Za-z0-9])(?P<num>(?:" + "|".join(_PLATE_CODES) + r")"
            r"(?: [0-9]{1,4} [A-Z]{1,3}|[0-9]{1,4}[A-Z]{1,3}|[0-9]{3,4} [A-Z]{1,3}"
            r"| [0-9]{3,4}[A-Z]{1,3}))(?![A-Za-z0-9])",
            None,
        ),
        (
            "address",
            r"(?i)(?P<num>(?<![a-z])(?:jl|jln|jalan)\.? +[^\n,;\[\]]{2,60}? (?:no|nomor|nomer)\.? ?"
            r"[0-9]+[a-z]?(?![0-9])"
            r"|(?<![a-z])rt\.? ?[0-9]{1,3} ?[/,]? ?rw\.? ?[0-9]{1,3}(?![0-9])"
            r"|(?<![a-z])rt ?/ ?rw\.? ?:? ?[0-9]{1,3} ?/ ?[0-9]{1,3}(?![0-9]))",
            None,
        ),
    ]
    return tuple((kind, re.compile(rx), check) for kind, rx, check in rules)


@lru_cache(maxsize=1)
def _gates() -> tuple[tuple[str, ...] | None, ...]:
    """Per rule, words one of which a text must hold (lower case) for the rule to be tried."""
    nik = ("nik", "n.i.k", "ktp", "kependudukan")
    kk = ("kk", "kartu")
    bank = tuple({max(c.lstrip("~").strip().split(), key=len) for c in _cue_lines("bank_cues.txt")})
    gates = {"email": ("@",), "bank": bank, "address": ("jl", "jalan", "rt")}
    out = []
    for kind, rx, _ in _rules():
        if kind == "kk":
            out.append(kk)
        elif kind == "nik" and "(?i)" in rx.pattern:
            out.append(nik)
        else:
            out.append(gates.get(kind))
    return tuple(out)


# Texts that may hold personal data, found at once on the whole column (RE2): six digits
# close together, an e-mail's @domain., a plate-like token or an address word; only these
# texts go through the recogniser. Every rule above matches only inside such a text.
_CANDIDATE = (
    r"[0-9](?:[^0-9\n]{0,4}[0-9]){5}|@[A-Za-z0-9-]+\."
    r"|(?:^|[^A-Za-z0-9])[A-Z]{1,2} ?[0-9]{1,4} ?[A-Z]{1,3}(?:[^A-Za-z0-9]|$)"
    r"|(?i)(?:^|[^a-z])(?:jl|jln|jalan)\.? .*(?:no|nomor|nomer)\.? ?[0-9]"
    r"|(?:^|[^a-z])rt\.? ?[0-9/]"
)


# Fewest digits a text needs for a rule of each kind to match (a cheap first test).
_MIN_DIGITS = {"email": 0, "kk": 6, "nik": 6, "bank": 8, "phone": 9, "landline": 8, "plate": 1}
_NO_DIGITS = str.maketrans("", "", "0123456789")


def _scan_text(text: str, labels: Mapping[str, str]) -> tuple[str, list[str]]:
    """Mask every personal-data span of one text; return the text and the kinds found."""
    kinds: list[str] = []
    low = text.lower()
    digits = len(text) - len(text.translate(_NO_DIGITS))
    upper = low != text
    for (kind, rx, check), gate in zip(_rules(), _gates(), strict=True):
        if digits < _MIN_DIGITS.get(kind, 1) or (kind == "plate" and not upper):
            continue
        if gate is not None and not any(g in low for g in gate):
            continue

        def repl(m: re.Match, kind=kind, check=check, text=text) -> str:
            if check is not None and not check(m, text):
                return m.group(0)
            kinds.append(kind)
            a, b = m.span("num")
            whole = m.group(0)
            s = m.start()
            return whole[: a - s] + labels[kind] + whole[b - s :]

        text = rx.sub(repl, text)
    return text, kinds


def _scan(texts: pd.Series, labels: Mapping[str, str]) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Masked texts (str dtype) and (position, kind) of every finding."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = texts.astype("str")
    found: list[tuple[int, str]] = []
    if not len(out):
        return out, found
    arr = pa.array(out.to_numpy(dtype=object, na_value=None), type=pa.large_string())
    cand = np.flatnonzero(
        pc.fill_null(pc.match_substring_regex(arr, _CANDIDATE), False).to_numpy(False)
    )
    if not len(cand):
        return out, found
    values = out.to_numpy(dtype=object, na_value=None)
    new = values.copy()
    changed = False
    seen: dict[str, tuple[str, list[str]]] = {}  # copied texts are read once
    for i in cand:
        value = values[i]
        if value not in seen:
            seen[value] = _scan_text(value, labels)
        masked, kinds = seen[value]
        if kinds:
            new[i] = masked
            changed = True
            found.extend((int(i), k) for k in kinds)
    if changed:
        out = pd.Series(new, index=out.index, name=out.name, dtype="str")
    return out, found


def _labels(lang: str | None) -> dict[str, str]:
    return {kind: "[" + t(f"privacy.mask_{kind}", lang) + "]" for kind in PERSONAL_DATA_KINDS}


def find_personal_data(texts: Iterable[str] | pd.Series) -> pd.DataFrame:
    """Find personal data in texts: one row per finding, by kind, never by value.

    The one recogniser of the kit: :func:`mask_personal_data` masks exactly what this finds
    and :func:`humaskit.text.screen` flags it as ``personal_data``. Kinds
    (:data:`PERSONAL_DATA_KINDS`): ``nik`` (a 16-digit identity number in any written form:
    ``3201123456780001``, ``3201 1234 5678 0001``, ``3201-1234-5678-0001``, ``NIK3201...``,
    ``nik_3201...``; after the word NIK or KTP any number of 6 to 25 digits), ``kk`` (the same
    after KK / kartu keluarga), ``phone`` (Indonesian mobile numbers: ``0812..``, ``62 812..``,
    ``+62 (812) 3456-7890``, ``(+62)812..``, ``hp0812..``), ``landline`` (``(021) 555 1234``,
    ``0274-123456``; not when an office word such as ``kantor`` or ``call center`` stands just
    before it: ``data/privacy/office_phone_cues.txt``), ``email`` (not addresses of
    government, school or university domains), ``bank`` (8 to 18 digits after a cue word such
    as ``rek`` or ``BRI``: ``data/privacy/bank_cues.txt``; amounts such as ``Rp 1.500.000``
    are left alone), ``plate`` (``B 1234 XYZ``) and ``address`` (``Jl. ... No. 12``,
    ``RT 03/RW 05``). A number inside a link (after ``/`` or ``=``) is not an identity number.

    Parameters
    ----------
    texts : iterable of str or Series
        Free texts; missing values are skipped.

    Returns
    -------
    DataFrame
        ``row`` (position in ``texts``) and ``kind``, one row per finding.

    Examples
    --------
    >>> find_personal_data(["NIK 3201-1234-5678-0001", "hp (+62)81234567890",
    ...                     "Rp 1.500.000 tahun 2025"]).values.tolist()
    [[0, 'nik'], [1, 'phone']]
    """
    s = _as_series(texts, name="text")
    _, found = _scan(s, {k: "[]" for k in PERSONAL_DATA_KINDS})
    return pd.DataFrame(
        {
            "row": np.array([r for r, _ in found], dtype=np.int64),
            "kind": pd.array([k for _, k in found], dtype="str"),
        }
    )


def mask_personal_data(texts: Iterable[str] | pd.Series, *, lang: str | None = None) -> pd.Series:
    """Mask the personal data in texts: NIK, KK, phone, e-mail, bank account, plate, address.

    What counts as personal data is decided by :func:`find_personal_data` (the same
    recogniser :func:`humaskit.text.screen` uses). The number is replaced by a word in
    brackets in the chosen language (``[NIK]``, ``[nomor KK]``, ``[telepon]``, ``[email]``,
    ``[nomor rekening]``, ``[pelat nomor]``, ``[alamat]``); a label before it (``NIK``,
    ``rek BRI``) stays, so the reader still knows what was there. Missing texts stay
    missing; non-text values are turned into text first.

    Examples
    --------
    >>> mask_personal_data(["NIK 3201123456780001, email budi@mail.com",
    ...                     "rek BRI 1234 5678 9012 a.n. Budi", "WA (+62) 812-3456-7890"]).tolist()
    ['NIK [NIK], email [email]', 'rek BRI [nomor rekening] a.n. Budi', 'WA [telepon]']
    """
    s = _as_series(texts, name="text")
    out, _ = _scan(s, _labels(lang))
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
    accounts) or in the shipped list of public accounts (see :func:`is_public_account`);
    others become ``@warga-xxxxxx`` with the same token :func:`pseudonymize` gives.

    Examples
    --------
    >>> out = mask_handles(["@budi_88 bilang @pemkotsukamaju lambat"], salt="s",
    ...                    keep=["pemkotsukamaju"])[0]
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
