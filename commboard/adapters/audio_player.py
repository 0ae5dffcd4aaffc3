"""Play a WAV file in a child process that can be killed the moment speech must stop.

pyttsx3's own espeak driver plays through ``os.system("aplay ...")``: it
cannot be interrupted and its exit status is thrown away, so a missing sound
card fails silently.  We run the player ourselves instead, check that it
exists, probe the output device once at start, and read its exit status and
error text after every playback.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

NO_DEVICE = "Speech unavailable: no audio output device"
DEVICE_BUSY = "Speech unavailable: the audio device is busy (another program is using it)"
NO_PLAYER = "Speech unavailable: no audio player found (install alsa-utils, which provides aplay)"

# Phrases ALSA/aplay print when there is no card or the chosen device does not exist.
_NO_DEVICE_SIGNS = ("audio open error", "no soundcards", "unknown pcm", "cannot find card")


def find_player(device: str = "") -> tuple[str, ...] | None:
    """The command that plays a WAV file given as its last argument, or None.

    Args:
        device: An ALSA device name for ``aplay -D`` ("" = the default output).
    """
    if shutil.which("aplay"):
        return ("aplay", "-q", *(("-D", device) if device else ()))
    if shutil.which("afplay"):  # macOS
        return ("afplay",)
    return None


def describe_failure(returncode: int, stderr: str) -> str:
    """A player's failure in plain words for the carer's banner."""
    if "device or resource busy" in stderr.lower():
        return DEVICE_BUSY
    if any(sign in stderr.lower() for sign in _NO_DEVICE_SIGNS):
        return NO_DEVICE
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    detail = lines[-1] if lines else f"exit status {returncode}"
    return f"Speech unavailable: the audio player failed ({detail})"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: the player is killed when the board dies, even by SIGKILL (``PR_SET_PDEATHSIG``).

    Without it a killed board leaves the player speaking the patient's words
    to an empty room, with nobody left to stop it.
    """
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


PR_SET_PDEATHSIG = 1
# Looked up once here: between fork and exec a multi-threaded board must not load libraries.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None


class Playback:
    """One WAV file being played by a child process that dies with the board.

    With ``aplay`` the sound is handed over on the player's standard input and
    the file is deleted at once, so the patient's words are never left in a
    temporary file, even if the board is killed while speaking.
    """

    def __init__(self, command: Sequence[str], path: str | Path) -> None:
        self._killed = False
        from_stdin = Path(command[0]).name == "aplay"
        with open(path, "rb") if from_stdin else open(os.devnull, "rb") as source:
            self.process = subprocess.Popen(
                [*command, "-" if from_stdin else str(path)],
                stdin=source,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        if from_stdin:
            Path(path).unlink(missing_ok=True)

    def cut_off(self) -> None:
        """Stop the sound now (aplay aborts the device buffer on SIGTERM)."""
        self._killed = True
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self, timeout: float | None = None) -> str:
        """Block until playback ends; the problem in plain words, or "" if fine or cut off."""
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
            return "Speech unavailable: the audio player hung"
        if self._killed or self.process.returncode == 0:
            return ""
        return describe_failure(self.process.returncode, err.decode(errors="replace"))


def write_silence(path: Path, seconds: float = 0.05, rate: int = 22050) -> Path:
    """A short silent WAV, for probing the device without making a sound."""
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(b"\0\0" * int(seconds * rate))
    return path


def probe(command: Sequence[str], spool: Path) -> str:
    """Play a moment of silence; the problem in plain words, or "" if output works."""
    try:
        return Playback(command, write_silence(spool / "probe.wav")).wait(timeout=10.0)
    except OSError as exc:
        return f"Speech unavailable: the audio player could not start ({exc})"


def trim_leading_silence(path: Path, keep_s: float = 0.01) -> None:
    """Drop the silence espeak puts before speech (~55 ms): the listener hears it sooner."""
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    if (params.nchannels, params.sampwidth) != (1, 2):
        return
    samples = array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    first = next((i for i, v in enumerate(samples) if abs(v) > 327), 0)  # 1% of full scale
    start = max(0, first - int(keep_s * params.framerate))
    if start:
        tmp = path.with_name(path.name + ".tmp")
        with wave.open(str(tmp), "wb") as w:
            w.setparams(params)
            w.writeframes(frames[2 * start :])
        os.replace(tmp, path)
