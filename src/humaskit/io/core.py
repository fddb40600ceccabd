"""The two containers every importer and step shares: :class:`Import` and :class:`Workspace`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import schema

__all__ = ["Import", "Workspace", "WORKSPACE_TABLES"]

#: Tables a workspace holds, in display order.
WORKSPACE_TABLES = (
    "posts",
    "mentions",
    "audience",
    "daily",
    "accounts",
    "influencers",
    "collaborations",
    "plan",
)


def _empty_skipped() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series([], dtype="Int64"), "reason": pd.Series([], dtype="str")})


@dataclass
class Import:
    """One file read into one canonical table.

    Attributes
    ----------
    path : str
        The file that was read.
    platform : str
        ``facebook``, ``instagram``, ``x``, ``youtube``, ``tiktok`` (or ``humaskit`` for a
        file already in canonical form).
    kind : str
        The canonical table: ``posts``, ``mentions``, ``audience`` or ``daily`` (canonical
        files may also hold ``accounts``, ``influencers``, ``collaborations``, ``plan``).
    table : DataFrame
        The canonical table.
    rows_in_file : int
        Data rows found in the file (header, title and total lines excluded).
    skipped : DataFrame
        One row per data row not imported: ``row`` (1-based line in the file) and
        ``reason`` (a plain sentence).
    source : str
        Which reader understood the file (for example ``"meta.posts"``).
    notes : list of str
        What the reader noticed (plain sentences).
    account : str
        The account(s) the rows were given (comma-separated when the file names several).
    account_source : str
        How the account was found: ``"file"`` (the file names it: account column, link,
        file name written by the platform), ``"folder"`` (other exports of the same folder
        name it, or the file sits in a sub-folder named after the account), ``"param"``
        (``account=`` given), ``"unknown"`` (nothing says; the rows carry a placeholder
        starting with ``?`` and the notes say how to assign it), or ``""`` (not applicable).
    rows_imported : int or None
        Rows of the file behind :attr:`table` when one row of the file makes several table
        rows (a daily file with one column per metric, an audience block); None when each
        table row is one row of the file.

    Examples
    --------
    >>> import pandas as pd
    >>> from humaskit import schema
    >>> imp = Import(path="x.csv", platform="x", kind="daily", table=schema.empty("daily"),
    ...              rows_in_file=0)
    >>> imp.accounted
    True
    """

    path: str
    platform: str
    kind: str
    table: pd.DataFrame
    rows_in_file: int
    skipped: pd.DataFrame = field(default_factory=_empty_skipped)
    source: str = ""
    notes: list[str] = field(default_factory=list)
    account: str = ""
    account_source: str = ""
    rows_imported: int | None = None

    @property
    def imported(self) -> int:
        """Rows of the file that made it into :attr:`table`."""
        return len(self.table) if self.rows_imported is None else self.rows_imported

    @property
    def accounted(self) -> bool:
        """True when every row of the file is either imported or skipped with a reason."""
        return self.rows_in_file == self.imported + len(self.skipped)

    def __repr__(self) -> str:
        return (
            f"Import(platform={self.platform!r}, kind={self.kind!r}, path={self.path!r}, "
            f"rows_in_file={self.rows_in_file}, imported={self.imported}, "
            f"skipped={len(self.skipped)})"
        )


@dataclass
class Workspace:
    """Every canonical table of one institution, ready for the step modules.

    Tables that were not supplied are empty canonical tables, never ``None``.

    Examples
    --------
    >>> ws = Workspace()
    >>> ws.posts.empty, list(ws.tables())[:2]
    (True, ['posts', 'mentions'])
    """

    posts: pd.DataFrame = field(default_factory=lambda: schema.empty("posts"))
    mentions: pd.DataFrame = field(default_factory=lambda: schema.empty("mentions"))
    audience: pd.DataFrame = field(default_factory=lambda: schema.empty("audience"))
    daily: pd.DataFrame = field(default_factory=lambda: schema.empty("daily"))
    accounts: pd.DataFrame = field(default_factory=lambda: schema.empty("accounts"))
    influencers: pd.DataFrame = field(default_factory=lambda: schema.empty("influencers"))
    collaborations: pd.DataFrame = field(default_factory=lambda: schema.empty("collaborations"))
    plan: pd.DataFrame = field(default_factory=lambda: schema.empty("plan"))
    imports: list[Import] = field(default_factory=list)
    name: str = ""

    @classmethod
    def from_tables(
        cls, tables: dict[str, pd.DataFrame], *, name: str = "", imports: list[Import] | None = None
    ) -> Workspace:
        """Build a workspace from ``{table name: DataFrame}``, validating each table."""
        kwargs = {k: schema.validate(v, k) for k, v in tables.items() if k in WORKSPACE_TABLES}
        return cls(**kwargs, imports=list(imports or []), name=name)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return ``{name: table}`` for every table, in display order."""
        return {k: getattr(self, k) for k in WORKSPACE_TABLES}

    def accounts_seen(self) -> list[str]:
        """Every account name found in posts, mentions, audience, daily or accounts."""
        seen: set[str] = set()
        for k in ("posts", "mentions", "audience", "daily"):
            seen.update(getattr(self, k)["account"].dropna().astype(str).unique())
        if "account" in self.accounts:
            seen.update(self.accounts["account"].dropna().astype(str).unique())
        return sorted(seen)

    def select(self, accounts: list[str] | None) -> Workspace:
        """Return a workspace keeping only rows of ``accounts`` (``None`` keeps all)."""
        if not accounts:
            return self
        keep = set(accounts)
        out = {}
        for k, df in self.tables().items():
            if "account" in df.columns and k in ("posts", "mentions", "audience", "daily"):
                out[k] = df[df["account"].isin(keep)]
            else:
                out[k] = df
        return Workspace(**out, imports=self.imports, name=self.name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables().items() if len(v))
        return f"Workspace({self.name + ': ' if self.name else ''}{sizes or 'empty'})"
