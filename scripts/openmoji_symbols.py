"""Copy the OpenMoji pictures the shipped layouts use into commboard/assets/symbols/.

Run by hand when the symbol set changes (never at run time, never by the build):

    cd /tmp && npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    python scripts/openmoji_symbols.py /tmp/package

It copies each chosen colour SVG unmodified (``color/svg/<HEXCODE>.svg``) under a
readable name and writes ``commboard/assets/symbols.json`` (name -> hexcode,
OpenMoji's own name for it, and its designer), which the attribution in
``commboard/assets/README.md`` and the tests rely on.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

VERSION = "17.0.0"
# name (what the file is called, what a layout writes) -> OpenMoji hexcode
CHOSEN = {
    "back": "2B05",
    "home": "1F3E0",
    "yes": "2705",
    "no": "274C",
    "dont-know": "1F937",
    "call-nurse": "1F6CE",
    "pain": "1F915",
    "comfort": "1F6CF",
    "breathing": "1FAC1",
    "needs": "1F64B",
    "people": "1F46A",
    "feelings": "1F642",
    "my-care": "1F4CB",
    "spell": "1F524",
    "something-wrong": "26A0",
    "thank-you": "1F64F",
    "wait": "23F3",
    "stop-voice": "1F507",
    "speak": "1F5E3",
    "question": "2753",
    "stop": "1F6D1",
    # needs
    "drink": "1F964",
    "thirsty": "1F4A7",
    "toilet": "1F6BD",
    "mouth-care": "1FAA5",
    "hungry": "1F37D",
    "glasses": "1F453",
    "hearing-aid": "1F9BB",
    "wash": "1F9FC",
    "tissue": "1F9FB",
    "sleep": "1F634",
    "medicine": "1F48A",
    "phone": "1F4F1",
    # comfort
    "too-hot": "1F975",
    "too-cold": "1F976",
    "lie-down": "1F6CC",
    "light": "1F4A1",
    "too-noisy": "1F50A",
    "tv": "1F4FA",
    "fan": "1F32C",
    # feelings
    "ok": "1F44D",
    "not-ok": "1F44E",
    "happy": "1F600",
    "sad": "1F622",
    "scared": "1F628",
    "worried": "1F61F",
    "angry": "1F620",
    "frustrated": "1F623",
    "tired": "1F62B",
    "bored": "1F612",
    "lonely": "1F614",
    "confused": "1F615",
    "hold-hand": "1F9D1-200D-1F91D-200D-1F9D1",
    "love": "2764",
    # people
    "woman": "1F469",
    "man": "1F468",
    "child": "1F9D2",
    "friend": "1FAC2",
    "doctor": "1FA7A",
    "nurse": "1F9D1-200D-2695-FE0F",
    # pain: where
    "eyes": "1F440",
    "mouth": "1F444",
    "arm": "1F4AA",
    "hand": "270B",
    "leg": "1F9B5",
    "foot": "1F9B6",
}


def main(package: Path, repo: Path) -> None:
    emoji = {e["hexcode"]: e for e in json.loads((package / "data/openmoji.json").read_text())}
    target = repo / "commboard/assets/symbols"
    target.mkdir(parents=True, exist_ok=True)
    listed = {}
    for name, hexcode in sorted(CHOSEN.items()):
        shutil.copyfile(package / "color/svg" / f"{hexcode}.svg", target / f"{name}.svg")
        found = emoji[hexcode]
        listed[name] = {
            "hexcode": hexcode,
            "openmoji_name": found["annotation"],
            "designer": found["openmoji_author"],
        }
    record = {
        "source": f"OpenMoji {VERSION} (npm package openmoji@{VERSION}, color/svg)",
        "url": "https://openmoji.org",
        "licence": "CC BY-SA 4.0",
        "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "modified": False,
        "symbols": listed,
    }
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    (repo / "commboard/assets/symbols.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[1])
