"""``guichet content check``: the town's knowledge pack, errors with file and line."""

from __future__ import annotations

import argparse
from pathlib import Path

from guichet.content.pack.loader import check_pack
from guichet.content.pack.messages import problem_line, text
from guichet.kiosk.commands.common import Subparsers, config_from


def run_content_check(pack_dir: Path) -> int:
    pack, problems = check_pack(pack_dir)
    for problem in problems:
        print(problem_line(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    if pack is None:
        print(text("pack_errors", count=errors))
        return 1
    print(text("pack_ok", faq=len(pack.faq), town=pack.town.name,
               languages=", ".join(pack.town.languages), warnings=len(problems)))
    return 0


def add_parser(sub: Subparsers) -> None:
    content = sub.add_parser("content", help="the town's knowledge pack")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="check a pack: errors with file and line")
    check.add_argument("pack_dir", metavar="PACK", type=Path, nargs="?",
                       help="pack folder (default: --pack, else the configuration's pack)")
    check.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    return run_content_check(args.pack_dir or config_from(args).pack)
