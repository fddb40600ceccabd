"""Walking a download folder: its files in order, hidden and unreadable ones set aside,
zip archives unpacked, and the folder name that names an account.

Examples
--------
>>> from pathlib import Path
>>> account_folder(Path("/d/dinkes/instagram/posts.csv"), Path("/d"))
'dinkes'
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from ..errors import DamagedFile
from ..i18n import t

__all__ = ["walk", "is_archive", "unzip", "account_folder", "SKIP_NAMES", "MAX_ZIP_BYTES"]

MAX_ZIP_BYTES = 2 << 30
SKIP_NAMES = ("~$", ".")


def walk(
    folder: Path,
    unreadable: list[tuple[Path, OSError]] | None = None,
    hidden: list[Path] | None = None,
) -> list[Path]:
    """Files under ``folder`` in order; folders that cannot be opened go to ``unreadable``,
    hidden files and folders and Office lock files (``.x``, ``~$x``) to ``hidden``."""
    files = []
    hidden = [] if hidden is None else hidden

    def onerror(exc: OSError) -> None:
        if unreadable is not None:
            unreadable.append((Path(exc.filename or folder), exc))

    for root, dirs, names in os.walk(folder, onerror=onerror):
        hidden.extend(Path(root) / d for d in sorted(dirs) if d.startswith(SKIP_NAMES))
        dirs[:] = sorted(d for d in dirs if not d.startswith(SKIP_NAMES))
        for n in sorted(names):
            if n.startswith(SKIP_NAMES):
                hidden.append(Path(root) / n)
                continue
            files.append(Path(root) / n)
    return files


def is_archive(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" not in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def unzip(path: Path, into: Path, lang: str | None) -> list[tuple[Path, str]]:
    out = []
    with zipfile.ZipFile(path) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > MAX_ZIP_BYTES:
            raise DamagedFile(t("io.zip_too_big", lang, file=path.name))
        for i, info in enumerate(infos):
            name = Path(info.filename).name
            if not name or name.startswith(SKIP_NAMES):
                continue
            target = into / f"{i:04d}" / name
            target.parent.mkdir(parents=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            out.append((target, f"{path}/{info.filename}"))
    return out


#: Words of folder names that describe a download, not an account ("pagelevel_daily").
GENERIC_FOLDER_WORDS = frozenset(
    """
    facebook fb instagram ig twitter x youtube yt tiktok meta business suite studio more
    daily harian data dados datos donnees daten dati export exports ekspor unduhan download
    downloads page pages level pagelevel halaman metrics metric metrik insights insight
    analytics analitik analysis post posts postingan unggahan content konten contents
    audience audiens publico reports report laporan organic organik raw csv xlsx files file
    berkas folder table chart tabel grafik overview followers follower pengikut reach views
    video videos tweets tweet akun account accounts all semua misc lain other others new old
    backup arsip archive ig_posts fb_posts sample samples contoh test tes by per of and dan
    """.split()
)


def account_folder(path: Path, root: Path | None) -> str | None:
    """The name of the nearest folder between ``path`` and ``root`` (both excluded) that
    names an account: not a generic download word, a platform name or a date."""
    import re

    if root is None:
        return None
    try:
        parts = path.parent.relative_to(root).parts
    except ValueError:
        return None
    for name in reversed(parts):
        words = [w for w in re.split(r"[^0-9a-z@._]+|[._]", name.lower()) if w]
        if words and not all(w in GENERIC_FOLDER_WORDS or w.isdigit() for w in words):
            return name
    return None
