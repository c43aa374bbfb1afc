"""What a press does in each phase, press-press and hold-to-talk, the visitor's volume."""

from __future__ import annotations

import pytest

from guichet.kiosk.session import Phase, PushToTalk, Session, TalkAction, talk_action


@pytest.mark.parametrize(("phase", "action"), [
    (Phase.LOADING, TalkAction.IGNORE), (Phase.READY, TalkAction.LISTEN),
    (Phase.LISTENING, TalkAction.END_LISTENING), (Phase.THINKING, TalkAction.INTERRUPT),
    (Phase.SPEAKING, TalkAction.INTERRUPT),
])
def test_space_talks_stops_talking_or_interrupts(phase: Phase, action: TalkAction) -> None:
    assert talk_action(phase) is action


def test_press_press() -> None:
    ptt = PushToTalk(hold_s=0.6)
    assert ptt.press(Phase.READY, 10.0) is TalkAction.LISTEN
    assert ptt.release(Phase.LISTENING, 10.2) is TalkAction.IGNORE  # a click: keep listening
    assert ptt.press(Phase.LISTENING, 13.0) is TalkAction.END_LISTENING
    assert ptt.release(Phase.THINKING, 13.1) is TalkAction.IGNORE


def test_hold_to_talk() -> None:
    ptt = PushToTalk(hold_s=0.6)
    assert ptt.press(Phase.READY, 10.0) is TalkAction.LISTEN
    assert ptt.release(Phase.LISTENING, 13.0) is TalkAction.END_LISTENING


def test_hold_during_speech_interrupts_then_ends_on_release() -> None:
    ptt = PushToTalk(hold_s=0.6)
    assert ptt.press(Phase.SPEAKING, 5.0) is TalkAction.INTERRUPT
    assert ptt.release(Phase.LISTENING, 7.0) is TalkAction.END_LISTENING


def test_release_after_the_question_already_ended_does_nothing() -> None:
    ptt = PushToTalk(hold_s=0.6)
    ptt.press(Phase.READY, 1.0)
    assert ptt.release(Phase.THINKING, 4.0) is TalkAction.IGNORE


def test_volume_stays_within_range_and_idle_time() -> None:
    session = Session(volume=1.0, last_activity=100.0)
    assert [session.change_volume(-1) for _ in range(5)] == [0.75, 0.5, 0.25, 0.25, 0.25]
    assert [session.change_volume(+1) for _ in range(9)][-1] == 2.0
    assert session.idle_for(now=130.0) == 30.0
    session.touch(now=140.0)
    assert session.idle_for(now=141.0) == 1.0


def test_staff_quit_needs_two_presses_within_the_window() -> None:
    from guichet.kiosk.session import StaffQuit

    quit_ = StaffQuit(window_s=2.0)
    assert quit_.press(100.0) is False  # armed only
    assert quit_.press(101.5) is True  # confirmed
    assert quit_.press(102.0) is False  # a new first press, not a third
    assert quit_.press(104.5) is False  # too late: armed again instead
    assert quit_.press(106.0) is True
