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
import sys
from collections.abc import Sequence

from .errors import HumaskitError, ParameterError
from .i18n import resolve, set_language, t

__all__ = ["main"]


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


def _cmd_list(args, lang: str) -> int:
    from . import playbooks

    names = [args.name] if args.name else playbooks.available()
    for name in names:
        spec = playbooks.parameters(name)
        print(f"{name}: {playbooks.title(name)}")
        for p in spec.values():
            print(f"  -p {p.name} {p.default!r:<12} ({p.type})  {p.help}")
        print()
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
