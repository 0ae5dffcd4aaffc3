"""A killed board leaves nothing speaking and no patient words on disk.

Before: SIGKILL while speaking left ``aplay`` playing as an orphan and the
message's WAV in the temporary folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from speech_helpers import wait_until

from commboard.adapters.audio_player import write_silence
from commboard.adapters.paced_player import PacedPlayer
from commboard.adapters.pyttsx3_speaker import SPOOL_PREFIX, sweep_stale_spools
from commboard.testing import alive

BOARD = textwrap.dedent(
    """
    import sys, time
    from commboard.adapters.audio_player import Playback
    Playback(("aplay", "-q"), sys.argv[1])
    print("playing", flush=True)
    time.sleep(60)
    """
)


def test_sigkill_while_speaking_kills_the_player_and_leaves_no_wav(
    paced_aplay: PacedPlayer, tmp_path: Path
) -> None:
    wav = write_silence(tmp_path / "000001.wav", seconds=20.0)
    board = subprocess.Popen(
        [sys.executable, "-c", BOARD, str(wav)], stdout=subprocess.PIPE, text=True, env=os.environ
    )
    try:
        assert board.stdout is not None and board.stdout.readline().strip() == "playing"
        assert wait_until(lambda: paced_aplay.starts(), timeout_s=20)
        player = paced_aplay.starts()[0]["pid"]
        assert not wav.exists()  # handed over on standard input and deleted at once
        board.send_signal(signal.SIGKILL)
        board.wait(timeout=10)
        assert wait_until(lambda: not alive(player), timeout_s=5), "the player outlived the board"
    finally:
        board.kill()
        board.wait()
        if board.stdout is not None:
            board.stdout.close()


def test_speech_folders_of_dead_boards_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{SPOOL_PREFIX}{dead.pid}-abc123"
    stale.mkdir()
    (stale / "000003.wav").write_bytes(b"the patient's words")
    live = tmp_path / f"{SPOOL_PREFIX}{os.getpid()}-def456"
    live.mkdir()
    other = tmp_path / "commboard-speechless"
    other.mkdir()
    assert sweep_stale_spools(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()
