"""The ``humaskit`` command.

::

    humaskit run NAME -p KEY VALUE ... [--out DIR]   run a playbook, print the report path
    humaskit list [NAME]                            playbooks and their parameters
    humaskit impor FOLDER                            what each export file in FOLDER holds
    humaskit impor FOLDER --simpan STORE             ... and append it to a history store

Messages are in Bahasa Indonesia unless ``--lang en`` (or ``HUMASKIT_LANG=en``). A user
mistake prints one sentence and exits with status 2; a program error exits with 1.

Examples
--------
>>> main(["list"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from functools import lru_cache

from .errors import HumaskitError, Interrupted, ParameterError
from .fmt import terminal_safe as _safe
from .i18n import resolve, set_language, t

__all__ = ["main", "list_text"]


class _Parser(argparse.ArgumentParser):
    """argparse, with the values it echoes in an error made safe for the terminal."""

    def error(self, message: str):  # type: ignore[override]
        super().error(_safe(message))


def _parser(lang: str) -> argparse.ArgumentParser:
    parser = _Parser(prog="humaskit", description=t("cli.description", lang))
    parser.add_argument("--lang", choices=["id", "en"], help=t("cli.help_lang", lang))
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    run = sub.add_parser("run", help=t("cli.help_run", lang))
    run.add_argument("name", help=t("cli.help_name", lang))
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help=t("cli.help_param", lang),
    )
    run.add_argument("--out", default=None, help=t("cli.help_out", lang))
    run.add_argument(
        "--tanpa-pdf",
        "--no-pdf",
        dest="no_pdf",
        action="store_true",
        help=t("cli.help_no_pdf", lang),
    )
    lst = sub.add_parser("list", help=t("cli.help_list", lang))
    lst.add_argument("name", nargs="?", help=t("cli.help_name", lang))
    imp = sub.add_parser("impor", aliases=["import"], help=t("cli.help_impor", lang))
    imp.add_argument("folder", help=t("cli.help_folder", lang))
    imp.add_argument("--akun", "--account", dest="akun", help=t("io.help_akun", lang))
    imp.add_argument(
        "--simpan",
        "--store",
        dest="simpan",
        default=None,
        metavar="STORE",
        help=t("cli.help_simpan", lang),
    )
    for command in (run, lst, imp):  # --lang also after the command
        command.add_argument(
            "--lang", choices=["id", "en"], default=argparse.SUPPRESS, help=t("cli.help_lang", lang)
        )
    return parser


def _cmd_run(args, lang: str) -> int:
    from . import playbooks

    params: dict[str, str] = {}
    for key, value in args.parameter:
        if key in params:
            raise ParameterError(t("cli.duplicate_param", lang, key=key))
        params[key] = value
    if "bahasa" in params and params["bahasa"] in ("id", "en"):
        lang = params["bahasa"]
    print(t("cli.running", lang, name=_safe(args.name)), file=sys.stderr, flush=True)
    printer = None
    if not args.no_pdf:
        from .files.pdf import PdfNotMade, Printer

        # the PDF engine starts while the notebook runs (run() starts it with the cells)
        printer = Printer(lang=lang, start=False)
    try:
        # the PDF is printed in the run folder while the kernel stops
        path = playbooks.run(args.name, params, args.out, pdf=printer)
    except BaseException:
        if printer is not None:
            printer.close(wait=False)  # the stop is said at once, not after the browser
        raise
    print(t("cli.report_written", lang, path=_safe(path)), file=sys.stderr)
    if printer is not None:
        try:
            pdf = printer.result_for(path)
            print(t("report.pdf_written", lang, path=_safe(pdf)), file=sys.stderr)
        except PdfNotMade as exc:
            print(_safe(exc), file=sys.stderr)
    if not (sys.stdout.isatty() and sys.stderr.isatty()):
        print(_safe(path))  # for scripts: the path alone on standard output
    return 0


_WIDTH = 80  # the widest line `humaskit list` prints (a common terminal)
_DEFAULT_WIDTH = 22  # longer defaults wrap inside their column
_HELP_WIDTH = 32  # long defaults wrap narrower to leave the description this much
_HELP_MIN_WIDTH = 24  # narrower than this, a description goes under its parameter
_INDENT = "  "
_GAP = "  "


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap ``text`` to ``width`` without breaking at hyphens (``YYYY-MM-DD`` stays whole).

    With ``indent``, every line starts with it (the width excludes it).
    """
    lines = textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]
    return [indent + line for line in lines] if indent else lines


def _shown_type(annotation: str, lang: str) -> str:
    """The short, translated name of a parameter's type (the annotation itself if unknown)."""
    key = f"cli.list_type.{annotation}"
    text = t(key, lang)
    return annotation if text == key else text


def _shown_default(value: object, lang: str) -> str:
    """A default as a user would type it after ``-p NAME`` (empty shown as ``(kosong)``)."""
    if value is None or (isinstance(value, (str, dict, list, tuple)) and not value):
        return t("cli.list_empty", lang)
    if isinstance(value, bool):
        return t("common.yes" if value else "common.no", lang)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _purpose(name: str, lang: str) -> str:
    """One line on what playbook ``name`` is for (its notebook title if none is written)."""
    from . import playbooks

    key = f"cli.purpose.{name}"
    text = t(key, lang)
    return playbooks.title(name) if text == key else text


@lru_cache(maxsize=1)
def _english_help() -> dict:
    """English descriptions of the shipped playbooks' parameters (data/playbooks)."""
    from .paths import package_file

    path = package_file("playbooks", "parameters_en.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _help(name: str, param, lang: str) -> str:
    """A parameter's description: the notebook comment, or its English text under en."""
    if lang == "en":
        text = _english_help().get(name, {}).get(param.name)
        if text:
            return text
    return param.help


def _parameter_table(spec: dict, lang: str, width: int, name: str = "") -> list[str]:
    """Lines of an aligned table: parameter, type, default, description (wrapped)."""
    head = [t(f"cli.list_col_{c}", lang) for c in ("param", "type", "default", "help")]
    rows = [
        (
            f"-p {p.name}",
            _shown_type(p.type, lang),
            _shown_default(p.default, lang),
            _help(name, p, lang),
        )
        for p in spec.values()
    ]
    w_name = max(len(r[0]) for r in [head, *rows])
    w_type = max(len(r[1]) for r in [head, *rows])
    w_default = min(_DEFAULT_WIDTH, max(len(r[2]) for r in [head, *rows]))
    longest_word = min(_DEFAULT_WIDTH, max(len(w) for r in [head, *rows] for w in r[2].split()))
    fixed = len(_INDENT) + w_name + len(_GAP) + w_type + 2 * len(_GAP)
    w_default = max(longest_word, min(w_default, width - fixed - _HELP_WIDTH))
    left = fixed + w_default
    below = width - left < _HELP_MIN_WIDTH  # too narrow: descriptions under each row
    lines = []
    for i, (name, typ, default, text) in enumerate([head, *rows]):
        defaults = _wrap(default, w_default)
        helps = [] if below else _wrap(text, width - left)
        for k in range(max(len(defaults), len(helps))):
            cells = (
                (name if k == 0 else "").ljust(w_name),
                (typ if k == 0 else "").ljust(w_type),
                (defaults[k] if k < len(defaults) else "").ljust(w_default),
                helps[k] if k < len(helps) else "",
            )
            lines.append((_INDENT + _GAP.join(cells)).rstrip())
        if not i:  # a rule under the headings
            rule = [w_name, w_type, w_default] + ([] if below else [width - left])
            lines.append(_INDENT + _GAP.join("-" * n for n in rule))
        elif below:
            lines.extend(_INDENT * 3 + h for h in _wrap(text, width - 3 * len(_INDENT)))
    return lines


def list_text(
    names: Sequence[str] | None = None, *, lang: str | None = None, width: int = _WIDTH
) -> str:
    """Return what ``humaskit list`` prints for playbooks ``names``.

    For each playbook: its name, one line on its purpose, then a table of its parameters
    (as ``-p NAME``), their type, default and the comment of the notebook's ``parameters``
    cell, aligned and wrapped so that no line is wider than ``width``.

    Parameters
    ----------
    names : sequence of str, optional
        Playbook names; all of :func:`humaskit.playbooks.available` when not given.
    lang : {"id", "en"}, optional
        Language of the headings, types and purposes (the session's by default).
    width : int, default 80
        The widest line.

    Returns
    -------
    str
        The text, ending with a newline.

    Examples
    --------
    >>> text = list_text(["forum-banding"], lang="en")
    >>> "forum-banding" in text.splitlines()
    True
    >>> max(len(line) for line in text.splitlines()) <= 80
    True
    """
    from . import playbooks

    lang = resolve(lang)
    lines = [*_wrap(t("cli.list_intro", lang), width), ""]
    for name in playbooks.available() if names is None else names:
        spec = playbooks.parameters(name)
        lines.append(name)
        lines.extend(_INDENT + s for s in _wrap(_purpose(name, lang), width - len(_INDENT)))
        lines.append("")
        lines.extend(_parameter_table(spec, lang, width, name))
        lines.append("")
    return "\n".join(lines)


def _cmd_list(args, lang: str) -> int:
    names = [args.name] if args.name else None
    width = max(60, min(_WIDTH, shutil.get_terminal_size((_WIDTH, 24)).columns))
    print(list_text(names, lang=lang, width=width), end="")
    return 0


def impor_text(ws, *, folder: str = "", lang: str | None = None, width: int = _WIDTH) -> str:
    """What ``humaskit impor`` prints: one block per file, then the totals.

    Each block names the file (relative to the folder), the platform and kind, the
    row accounting (rows in the file = imported + skipped), why rows were skipped or why
    the file was not read, and the file's notes (values emptied, rounded or replaced,
    damaged bytes, duplicated headers...); the totals count the values changed. Lines
    wrap at ``width``.

    Examples
    --------
    >>> from humaskit import io
    >>> from humaskit.paths import SAMPLES_DIR
    >>> ws = io.read_folder(SAMPLES_DIR / "exports")
    >>> print(impor_text(ws, folder="contoh", lang="en").splitlines()[0])
    Read 11 files in folder contoh: 11 recognised.
    """
    from .fmt import fmt_number as _n
    from .io.accounting import changed_values, shown_notes
    from .io.readers import FAILED_KINDS, import_report

    lang = resolve(lang)
    report = import_report(ws, lang=lang)
    imports = ws.imports
    ok = [imp for imp in imports if imp.kind not in FAILED_KINDS]
    folder = _safe(folder)  # names from outside are shown, never acted on by the terminal
    intro = t("cli.impor_intro", lang, folder=folder or ".", files=len(imports), known=len(ok))
    lines = [*_wrap(intro, width), ""]
    names = [_safe(n) for n in report[t("io.report.file", lang)]]
    reasons = [_safe(r) if isinstance(r, str) else r for r in report[t("io.report.reason", lang)]]
    for imp, name, reason in zip(imports, names, reasons, strict=True):
        lines.append(name)
        kind = t(f"io.kind.{imp.kind}", lang)
        if imp.kind in FAILED_KINDS:
            lines.extend(_wrap(f"{kind}: {reason}", width - 2, indent="  "))
            continue
        platform = ", ".join(
            t(f"label.{p}", lang) for p in str(imp.platform or "").split(", ") if p
        )
        counts = t(
            "cli.impor_counts",
            lang,
            rows=_n(imp.rows_in_file, lang),
            imported=_n(imp.imported, lang),
            skipped=_n(len(imp.skipped), lang),
        )
        lines.extend(_wrap(f"{platform}: {kind}", width - 2, indent="  "))
        if imp.account_source == "unknown":
            who = t("io.impor_account_unknown", lang, account=imp.account, folder=folder or ".")
            lines.extend(_wrap(who, width - 2, indent="  "))
        elif imp.account_source:
            how = t(f"io.account_source.{imp.account_source}", lang)
            who = t("io.impor_account", lang, account=imp.account, how=how)
            lines.extend(_wrap(who, width - 2, indent="  "))
        lines.extend(_wrap(counts, width - 2, indent="  "))
        if reason:
            lines.extend(_wrap(t("cli.impor_skipped", lang, why=reason), width - 2, indent="  "))
        elif imp.rows_in_file == 0:
            lines.extend(_wrap(t("cli.impor_header_only", lang), width - 2, indent="  "))
        for note in shown_notes(imp, lang):  # values emptied, rounded, replaced...
            lines.extend(_wrap(t("cli.impor_note", lang, note=note), width - 2, indent="  "))
    total_rows = sum(imp.rows_in_file for imp in ok)
    total_imported = sum(imp.imported for imp in ok)
    total_skipped = sum(len(imp.skipped) for imp in ok)
    lines.append("")
    lines.extend(
        _wrap(
            t(
                "cli.impor_total",
                lang,
                rows=_n(total_rows, lang),
                imported=_n(total_imported, lang),
                skipped=_n(total_skipped, lang),
            ),
            width,
        )
    )
    changed = changed_values(ws, lang)
    if changed:
        total_changed = sum(n for _, _, n in changed)
        files_changed = len({f for f, _, _ in changed})
        text = t(
            "cli.impor_changed",
            lang,
            n=_n(total_changed, lang),
            files=_n(files_changed, lang),
        )
        lines.extend(_wrap(text, width))
    tables = [
        f"{t(f'io.kind.{kind}', lang)} {_n(len(getattr(ws, kind)), lang)}"
        for kind in ("posts", "mentions", "audience", "daily")
        if len(getattr(ws, kind))
    ]
    if tables:
        lines.extend(_wrap(t("cli.impor_tables", lang, tables=", ".join(tables)), width))
    # every line is made safe once more: account names and notes also come from outside
    return "\n".join(_safe(line) for line in lines) + "\n"


def _cmd_impor(args, lang: str) -> int:
    from . import io as hio
    from .fmt import fmt_number as _n

    folder = args.folder
    if folder == "contoh" and not os.path.isdir(folder):
        from .paths import SAMPLES_DIR

        folder = str(SAMPLES_DIR / "exports")
    store = None
    if getattr(args, "simpan", None):  # a folder that cannot be a store: before reading
        from .store import Store

        store = Store.create(args.simpan)
    ws = hio.read_folder(folder, account=getattr(args, "akun", None))
    width = max(60, min(_WIDTH, shutil.get_terminal_size((_WIDTH, 24)).columns))
    print(impor_text(ws, folder=str(args.folder), lang=lang, width=width), end="")
    if store is not None:
        log = store.append_workspace(ws, source=str(args.folder))
        text = t(
            "cli.simpan_done",
            lang,
            store=args.simpan,
            added=_n(int(log["added"].sum()) if len(log) else 0, lang),
            duplicates=_n(int(log["duplicates"].sum()) if len(log) else 0, lang),
            months=", ".join(store.months("posts") or store.months("mentions")) or "-",
        )
        print("\n".join(["", *_wrap(text, width)]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``humaskit`` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = resolve(None)
    if "--lang" in argv:
        i = argv.index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("id", "en"):
            lang = argv[i + 1]
    set_language(lang)
    parser = _parser(lang)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "run":
            return _cmd_run(args, lang)
        if args.command == "list":
            return _cmd_list(args, lang)
        return _cmd_impor(args, lang)
    except KeyboardInterrupt:
        print(t("runs.stopped", lang), file=sys.stderr)
        return 130
    except Interrupted as exc:  # a run stopped by Ctrl-C or SIGTERM, its folder removed
        print(_safe(exc), file=sys.stderr)
        return 128 + exc.signal
    except HumaskitError as exc:
        from .playbooks import PlaybookFailed

        print(f"{t('cli.error', lang)}: {_safe(exc)}", file=sys.stderr)
        return 1 if isinstance(exc, PlaybookFailed) else 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
