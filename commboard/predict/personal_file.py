"""The patient's learned words on disk: one private JSON file per profile.

Format (``docs/prediction.md``)::

    {"format": "commboard-personal-words", "version": 1,
     "words": {"anna": 3, ...},
     "pairs": [["<s>", "i", 12], ["my", "sister", 2], ...]}

The file is written atomically (a temporary file, then a rename), mode
0600, in a 0700 folder.  A file that cannot be read or is damaged is never
changed: :meth:`PersonalFile.read` puts the path and what is wrong in
``PersonalFile.problem``, the board predicts from the base data alone, and
nothing learned in that run is written over it (:class:`PersonalFile`
stops saving).
"""

from __future__ import annotations

import json
import math
import os
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commboard.counts import counted
from commboard.predict.personal import PersonalWords, pairs_of
from commboard.private_folder import make_private_folder
from commboard.regular_file import read_regular
from commboard.settings.profiles import atomic_write

FORMAT = "commboard-personal-words"
VERSION = 1
FILE_NAME = "words.json"
MAX_FILE_BYTES = 8_000_000
"""A bigger file is not one we wrote: it is reported, not read.

The caps keep an English model near 0.5 MB, but a word may be 40
characters of any script (Chinese or Japanese spelled without spaces: 3-4
bytes a character, up to 6 when JSON escapes one), so a model at its caps
can be about 6.4 MB (5,000 words of up to 256 bytes a line, 10,000 pairs of
up to 510).  The limit must admit every file the board writes: at 2 MB a
patient spelling Chinese lost all their learned words at the next start
and the board never saved them again."""


def _count(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _one_word(value: Any) -> bool:
    """A word as learning counts one: text, not empty, no white space (a slot adds it whole)."""
    return (
        isinstance(value, str)
        and bool(value)
        and len(value.split()) == 1
        and value == value.strip()
    )


def _short(value: Any) -> str:
    """A value quoted in a problem, cut (a word may be a megabyte long; it goes on a banner)."""
    return reprlib.repr(value)


def parse_personal(text: str) -> PersonalWords:
    """The model in a file's text; raises ``ValueError`` saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    except RecursionError:
        raise ValueError("lists or objects nested too deeply to be learned words") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'not a learned-words file (no "format": "{FORMAT}")')
    version = data.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise ValueError(
            f"version {_short(data.get('version'))} is not one this board reads ({VERSION})"
        )
    words, pairs = data.get("words", {}), data.get("pairs", [])
    if not isinstance(words, dict) or not isinstance(pairs, list):
        raise ValueError('"words" must be an object and "pairs" a list')
    return PersonalWords(_words(words), pairs_of(_pairs(pairs)))


def _words(words: dict[str, Any]) -> dict[str, float]:
    clean_words: dict[str, float] = {}
    for word, n in words.items():
        if not _one_word(word):
            raise ValueError(f"word {_short(word)} is not one word")
        count = _count(n)
        if count is None:
            raise ValueError(f"word {_short(word)}: count {_short(n)} is not a positive number")
        clean_words[word] = count
    return clean_words


def _pairs(pairs: list[Any]) -> list[tuple[str, str, float]]:
    triples: list[tuple[str, str, float]] = []
    for item in pairs:
        ok = isinstance(item, list) and len(item) == 3
        count = _count(item[2]) if ok else None
        if not ok or count is None or not all(_one_word(x) for x in item[:2]):
            raise ValueError(f"pair {_short(item)} is not [previous word, word, count]")
        triples.append((item[0], item[1], count))
    return triples


def render_personal(model: PersonalWords) -> str:
    """The file text of ``model`` (sorted, so the same model is the same file)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "words": dict(sorted(model.words.items())),
        "pairs": [[p, w, n] for (p, w), n in sorted(model.pairs.items())],
    }
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


@dataclass(slots=True)
class PersonalFile:
    """One profile's learned-words file.

    Attributes:
        path: the file (``<data folder>/profiles/<profile>/words.json``).
        writable: False after a damaged file was found: it is left as it is.
        problem: what went wrong last ('' when all is well), path included.
    """

    path: Path
    writable: bool = True
    problem: str = ""
    _seen: tuple[int, int, int] | None = None  # the file as last read or written here

    def _stamp(self) -> tuple[int, int, int] | None:
        """Which file is there now (inode, size, modification time); None: none."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def read(self) -> PersonalWords:
        """The saved model; an empty one when there is none or it is damaged (see ``problem``)."""
        self.problem = ""
        try:
            stamp = self._stamp()
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ValueError(f"{size} bytes, more than a learned-words file can be")
            text = read_regular(self.path).decode("utf-8")
            model = parse_personal(text)
            self._seen = stamp
            return model
        except FileNotFoundError:
            self._seen = None
            return PersonalWords()
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.writable = False
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.problem = f"{self.path}: {why}; learned words are not used or changed"
            return PersonalWords()

    def save(self, model: PersonalWords) -> bool:
        """Write ``model`` (never over a damaged file); False with ``problem`` when it fails."""
        if not self.writable:
            return False
        try:
            make_private_folder(self.path.parent)
            atomic_write(self.path, render_personal(model).encode("utf-8"))
            os.chmod(self.path, 0o600)
        except OSError as exc:
            self.problem = f"{self.path}: learned words not saved ({exc.strerror or exc})"
            return False
        self.problem = ""
        self._seen = self._stamp()
        return True

    def save_learned(self, model: PersonalWords, message: str, undone: bool = False) -> bool:
        """Save ``model`` after ``message`` was learned into it (what the board does).

        When the file changed since this board last read or wrote it (the
        carer ran ``commboard words clear`` while the board was running), the
        file's words are taken instead, with ``message`` learned into them,
        and ``model`` becomes that: the board runs all day, and saving its
        memory over the file brought every cleared word back.  With ``undone``
        the message is taken back from them instead (its Speak was undone).  A
        file damaged meanwhile is reported and left alone, as at the start.
        """
        if not self.writable:
            return False
        if self._stamp() != self._seen:
            fresh = self.read()
            if self.problem:
                return False
            if undone:
                fresh.unlearn(message)
            else:
                fresh.learn(message)
            model.replace_with(fresh)
        return self.save(model)


def learned_words_path(profile: str, data_dir: Path | None = None) -> Path:
    """Where profile ``profile`` keeps its learned words: ``<data>/profiles/<profile>/words.json``.

    ``data_dir`` defaults to the user's data folder (the history's folder,
    e.g. ``~/.local/share/commboard``).  Raises ``ProfileNameError`` for an
    unsafe name, as profiles do.
    """
    from commboard.settings.profiles import check_profile_name

    if data_dir is None:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir("commboard"))
    return data_dir / "profiles" / check_profile_name(profile) / FILE_NAME


def words_command(action: str, profile: str, data_dir: Path | None = None) -> int:
    """``commboard words show|clear --profile NAME``: what was learned, or forget it (the carer's)."""
    path = learned_words_path(profile, data_dir)
    file = PersonalFile(path)
    model = file.read()
    if file.problem:
        print(f"commboard: {file.problem}")
        if action == "clear":
            print(f"Not cleared: move or delete {path} by hand if it should go.")
        return 1
    if action == "show":
        ranked = sorted(model.words.items(), key=lambda kv: (-kv[1], kv[0]))
        print(
            f"{path}: {counted(len(model.words), 'word')}, {counted(len(model.pairs), 'word pair')}"
        )
        for word, n in ranked[:50]:
            print(f"{n:8.0f}  {word}")
        return 0
    model.clear()
    if not path.exists():
        print(f"{path}: nothing learned yet")
        return 0
    if not file.save(model):
        print(f"commboard: {file.problem}")
        return 1
    print(f"{path}: learned words cleared")
    return 0
