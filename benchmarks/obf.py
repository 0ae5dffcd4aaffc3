"""Open Board Format import: hostile archives refused fast, with nothing written; round trips.

Printed as JSON (issue 11 targets in brackets):

* ``hostile``: per hostile archive (zip-slip, absolute path, symlink, a
  1 GB-declared bomb, a real 10 MB ratio bomb, a size-lying entry, duplicate
  names, a real 100,000-entry archive, an end record claiming 100,000
  entries): seconds ``commboard import`` took to refuse it [< 1 s each],
  whether it was refused, whether anything was written [nothing], and the
  message.
* ``round_trip``: the shipped English layout exported to OBZ and imported
  again through the commands: seconds for each, and whether the layout came
  back identical [yes].

Usage: ``python benchmarks/obf.py``
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from commboard.adapters.board_exchange import export_command, import_command
from commboard.board.layout_file import default_layout_path, load_layout
from commboard.testing.archives import HOSTILE, many_entries


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _try(tmp: Path, name: str, data: bytes) -> dict[str, object]:
    source = tmp / f"{name}.obz"
    source.write_bytes(data)
    before = _files(tmp)
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        status = import_command(str(source), str(tmp / "out" / name))
    seconds = time.perf_counter() - start
    written = sorted(set(_files(tmp)) - set(before))
    source.unlink()
    return {
        "seconds": round(seconds, 4),
        "refused": status == 1,
        "written": written,
        "archive_bytes": len(data),
        "message": out.getvalue().strip(),
    }


def hostile() -> dict[str, object]:
    cases = {name: make for name, make in HOSTILE.items()}
    cases["real_100k_entries"] = lambda: many_entries(100_000)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases.items():
            results[name] = _try(Path(tmp), name, make())
    return results


def round_trip() -> dict[str, object]:
    shipped = default_layout_path("en")
    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
        obz = Path(tmp) / "en.obz"
        start = time.perf_counter()
        export_command(str(shipped), str(obz))
        exported = time.perf_counter() - start
        start = time.perf_counter()
        import_command(str(obz), str(Path(tmp) / "back"))
        imported = time.perf_counter() - start
        same = replace(load_layout(Path(tmp) / "back"), source=None) == replace(
            load_layout(shipped), source=None
        )
    return {"export_s": round(exported, 4), "import_s": round(imported, 4), "identical": same}


def main() -> None:
    found = hostile()
    summary = {
        "all_refused": all(r["refused"] for r in found.values()),  # type: ignore[index]
        "nothing_written": all(not r["written"] for r in found.values()),  # type: ignore[index]
        "slowest_s": max(r["seconds"] for r in found.values()),  # type: ignore[index]
    }
    print(json.dumps({"hostile": found, "summary": summary, "round_trip": round_trip()}, indent=1))


if __name__ == "__main__":
    main()
