"""``guichet hardware check``: the kiosk's sound devices, button and LED."""

from __future__ import annotations

import argparse

from guichet.kiosk.commands.common import Subparsers, config_from


def add_parser(sub: Subparsers) -> None:
    hardware = sub.add_parser("hardware", help="the kiosk's sound devices, button and LED")
    hardware_sub = hardware.add_subparsers(dest="hardware_command", required=True)
    check = hardware_sub.add_parser("check", help="list sound devices, play a test tone, "
                                    "show the microphone level")
    check.add_argument("--seconds", type=float, default=5.0,
                       help="how long to show the microphone level (default 5)")
    check.add_argument("--no-tone", action="store_true", help="do not play the test tone")
    check.set_defaults(run=_from_args)


def _from_args(args: argparse.Namespace) -> int:
    from guichet.hardware.check import run_check  # sounddevice, loaded only when used

    return run_check(config_from(args).hardware.audio(), args.seconds, not args.no_tone)
