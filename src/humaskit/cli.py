"""The ``humaskit`` command.

::

    humaskit run NAME -p KEY VALUE ... [--out DIR]   run a playbook, print the report path
    humaskit list [NAME]                            playbooks and their parameters
    humaskit impor FOLDER                            what each export file in FOLDER holds

Messages are in Bahasa Indonesia unless ``--lang en`` (or ``HUMASKIT_LANG=en``). A user
mistake prints one sentence and exits with status 2; a program error exits with 1.

Examples
--------
>>> main(["list"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence

from .errors import HumaskitError, ParameterError
from .i18n import resolve, set_language, t

__all__ = ["main", "list_text"]


def _parser(lang: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="humaskit", description=t("cli.description", lang))
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
    lst = sub.add_parser("list", help=t("cli.help_list", lang))
    lst.add_argument("name", nargs="?", help=t("cli.help_name", lang))
    imp = sub.add_parser("impor", aliases=["import"], help=t("cli.help_impor", lang))
    imp.add_argument("folder", help=t("cli.help_folder", lang))
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
    print(t("cli.running", lang, name=args.name), file=sys.stderr, flush=True)
    path = playbooks.run(args.name, params, args.out)
    print(t("cli.report_written", lang, path=path), file=sys.stderr)
    print(path)
    return 0


_WIDTH = 80  # the widest line `humaskit list` prints (a common terminal)
_DEFAULT_WIDTH = 22  # longer defaults wrap inside their column
_HELP_WIDTH = 32  # long defaults wrap narrower to leave the description this much
_HELP_MIN_WIDTH = 24  # narrower than this, a description goes under its parameter
_INDENT = "  "
_GAP = "  "


def _wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` without breaking at hyphens (``YYYY-MM-DD`` stays whole)."""
    return textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]


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


def _parameter_table(spec: dict, lang: str, width: int) -> list[str]:
    """Lines of an aligned table: parameter, type, default, description (wrapped)."""
    head = [t(f"cli.list_col_{c}", lang) for c in ("param", "type", "default", "help")]
    rows = [
        (f"-p {p.name}", _shown_type(p.type, lang), _shown_default(p.default, lang), p.help)
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
        lines.extend(_parameter_table(spec, lang, width))
        lines.append("")
    return "\n".join(lines)


def _cmd_list(args, lang: str) -> int:
    names = [args.name] if args.name else None
    width = max(60, min(_WIDTH, shutil.get_terminal_size((_WIDTH, 24)).columns))
    print(list_text(names, lang=lang, width=width), end="")
    return 0


def _cmd_impor(args, lang: str) -> int:
    from . import io as hio

    ws = hio.read_folder(args.folder)
    table = hio.readers.import_report(ws, lang=lang)
    import pandas as pd

    with pd.option_context(
        "display.max_rows", 500, "display.max_colwidth", 60, "display.width", 200
    ):
        print(table.to_string(index=False))
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
        return 130
    except HumaskitError as exc:
        from .playbooks import PlaybookFailed

        print(f"{t('cli.error', lang)}: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, PlaybookFailed) else 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
