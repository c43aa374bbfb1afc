"""The knowledge pack loader: the demo town loads; every mistake points at file and line."""

from __future__ import annotations

from pathlib import Path

from guichet.content.pack.loader import DEMO_PACK
from tests.support.samples import ENTRY, make_pack


def test_content_check_command_reports_and_exits_nonzero(tmp_path: Path, guichet) -> None:
    bad = make_pack(tmp_path, ENTRY.replace("  - id: mairie", "  - id: Mairie Centrale"))
    run = guichet("content", "check", str(bad))
    assert run.code == 1
    assert f"{bad / 'faq.yaml'}:2: error: id 'Mairie Centrale'" in run.out
    assert "Traceback" not in run.err
    ok = guichet("content", "check", str(DEMO_PACK))
    assert ok.code == 0 and "OK:" in ok.out
