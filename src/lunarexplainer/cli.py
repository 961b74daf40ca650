"""The `lunarexplainer` command: check data, export a static site or images, present with Voila,
write the teacher guide's generated parts."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .text import t


def _months(text: str) -> int:
    """A whole number of months, 0 or more (for ``--months``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("not a whole number of months: {value}", value=repr(text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(t("must be 0 or more: {value}", value=repr(text)))
    return value


def _languages(text: str) -> list[str]:
    """``en``, ``zh``, ``ru`` or several, comma-separated (for ``--lang``)."""
    from .text import LANGUAGES

    langs = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if unknown or not langs:
        raise argparse.ArgumentTypeError(t("unknown language {value}: choose from {languages}",
                                           value=repr(text), languages=", ".join(LANGUAGES)))
    return list(dict.fromkeys(langs))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lunarexplainer",
        description="Classroom explainer of the ILRS and NASA's Artemis programme.",
    )
    parser.add_argument("--version", action="version", version=f"lunarexplainer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check-data", help="validate a data folder and report every problem")
    check.add_argument("dir", nargs="?", default=None, help="data folder (default: shipped data)")
    check.add_argument("--stale", action="store_true",
                       help="also list planned rows whose plan was last confirmed more than "
                            "--months months ago")
    check.add_argument("--months", type=_months, default=None, metavar="N",
                       help="with --stale: how many months count as stale (default: 6)")
    check.add_argument("--strict", action="store_true",
                       help="with --stale: exit 1 when any plan is stale")

    export = sub.add_parser("export", help="write the offline static site, or images for slides")
    export.add_argument("--out", default="site", help="output folder for the site (default: site)")
    export.add_argument("--images", metavar="DIR", default=None,
                        help="write every figure as PNG and SVG into DIR instead of the site")
    export.add_argument("--show-code", action="store_true", help="include the code cells")
    export.add_argument("--lang", type=_languages, default=None, metavar="LANG[,LANG…]",
                        help="en, zh or ru (default: en); several, comma-separated, write the "
                             "first into --out and each other one into --out/LANG, with a "
                             "language switch on every page")
    export.add_argument("--worksheets", action="store_true",
                        help="write an A4 PDF worksheet and answer key per lesson into --out "
                             "instead of the site")

    guide = sub.add_parser("guide", help="write the teacher guide's answer key and the README's "
                           "lesson table from the quiz files, the lesson list and the data")
    guide.add_argument("--print", dest="print_only", action="store_true",
                       help="print the answer key instead of writing the files")

    present = sub.add_parser("present", help="serve the notebooks with Voila, code hidden")
    present.add_argument("notebook", nargs="?", default=None, help="one notebook (default: all)")
    present.add_argument("--port", type=int, default=8866)
    present.add_argument("--lang", choices=("en", "zh", "ru"), default=None,
                         help="the lessons' language (default: $LUNAREXPLAINER_LANG or en)")
    present.add_argument("--pool", type=int, default=0, metavar="N",
                         help="keep N kernels per lesson that have already run it, for a class "
                              "opening it at once (default 0: a kernel starts per page)")
    present.add_argument("--install-template", nargs="?", const="", default=None, metavar="DIR",
                         help="instead of serving: install the offline Voila template into a "
                              "Jupyter data folder (default: this environment's), for Voila "
                              "inside JupyterLab or a JupyterHub user's server")
    trans = sub.add_parser("translations", help="list translated lessons' missing or stale "
                           "cells (exit 1 if any)")
    trans.add_argument("--lang", choices=("zh", "ru"), action="append",
                       help="one language (default: both)")
    trans.add_argument("--sync", action="store_true",
                       help="write the cells a translation lacks and copy the English code")
    trans.add_argument("--mark", action="store_true",
                       help="record which English text each newly translated cell follows")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "check-data":
        from .data import check_data_main

        if (args.months is not None or args.strict) and not args.stale:
            parser.error(t("check-data: --months and --strict go with --stale"))
        return check_data_main(args.dir, stale=args.stale,
                               months=6 if args.months is None else args.months,
                               strict=args.strict)
    if args.command == "export" and args.worksheets:
        from .text import in_language
        from .worksheets import worksheets_main

        with in_language(args.lang[0] if args.lang else None):  # its messages' language
            return worksheets_main(args.out, lang=args.lang[0] if args.lang else "en")
    if args.command == "export":
        from .export import export_main
        from .text import in_language

        # The site is English unless --lang says otherwise; the messages are in the first
        # --lang language, else the current one.
        with in_language(args.lang[0] if args.lang else None):
            return export_main(out=args.out, images=args.images, show_code=args.show_code,
                               langs=args.lang)
    if args.command == "guide":
        from .lesson.guide import guide_main

        return guide_main(print_only=args.print_only)
    if args.command == "present":
        from .present import install_template
        from .present import present_main

        if args.install_template is not None:
            return install_template(args.install_template or None)
        return present_main(notebook=args.notebook, port=args.port, pool=args.pool,
                            lang=args.lang)
    if args.command == "translations":
        from .lesson.translations import translations_main

        return translations_main([*(f"--lang={x}" for x in args.lang or ()),
                                  *(["--sync"] if args.sync else []),
                                  *(["--mark"] if args.mark else [])])
    parser.error(t("unknown command {command}", command=args.command))
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
