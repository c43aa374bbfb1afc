"""``guichet content check``: the town's knowledge pack, errors with file and line."""

from __future__ import annotations

from pathlib import Path

from guichet.content.pack.loader import check_pack
from guichet.kiosk.commands.common import Subparsers


def run_content_check(pack_dir: Path) -> int:
    pack, problems = check_pack(pack_dir)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    if pack is None:
        print(f"{errors} error(s): the pack cannot be used until they are fixed")
        return 1
    warnings = len(problems)
    print(f"OK: {len(pack.faq)} FAQ entries for {pack.town.name} "
          f"({', '.join(pack.town.languages)}), {warnings} warning(s)")
    return 0


def add_parser(sub: Subparsers) -> None:
    content = sub.add_parser("content", help="the town's knowledge pack")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="check a pack: errors with file and line")
    check.add_argument("pack", type=Path)
    check.set_defaults(run=lambda args: run_content_check(args.pack))
