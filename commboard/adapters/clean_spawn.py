"""Start a ``spawn`` child process that imports from a clean path, not the board's.

Why: a spawn child is given the parent's ``sys.path`` *as it is at the moment
of* ``start()``.  OpenCV's loader (``cv2/__init__.py``) puts its own package
folder ``site-packages/cv2`` into ``sys.path`` for the length of its import,
which runs on the camera thread.  A child started in that window imports
``site-packages/cv2/typing`` as the standard library's ``typing`` and dies
before it runs a line of ours.  Two things close that window here:

* the parent sends an explicit list of import roots, with package folders
  (folders holding an ``__init__.py``, never a real import root) left out,
  and the child puts it in place before it imports anything of ours;
* the child does not re-run the board's console script as ``__mp_main__``
  (multiprocessing does that for a ``__main__`` with a ``__file__``): that
  runs before our code and, on a polluted path, is where the child died.

This module imports at the top only what a spawn child has already loaded
before it unpickles :func:`run`, so importing it cannot hit a shadowed name.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import types
from multiprocessing.context import SpawnContext, SpawnProcess

_START_LOCK = threading.Lock()  # __main__ is swapped for the length of one start()


def import_roots(path: list[str]) -> list[str]:
    """The entries of ``path`` a child may import from, in order.

    A folder holding ``__init__.py`` is a package, not an import root: from
    it, its subpackages (``cv2/typing``) would shadow top-level modules.  ""
    (the current folder) is made absolute, as multiprocessing itself does.
    """
    roots = []
    for entry in path:
        folder = entry or os.getcwd()
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            continue
        roots.append(folder)
    return roots


def start(ctx: SpawnContext, entry: str, args: tuple[object, ...], name: str) -> SpawnProcess:
    """Start ``entry`` ("package.module:function") with ``args`` in a spawned daemon child.

    Args:
        ctx: ``multiprocessing.get_context("spawn")``.
        entry: Where the child's work lives; imported only after the path is clean.
        args: Passed to the entry function (queues, shared values: picklable).
        name: The process name (seen in ``ps`` and in errors).

    Returns:
        The started ``multiprocessing`` process.
    """
    process = ctx.Process(
        target=run, args=(import_roots(sys.path), entry, *args), name=name, daemon=True
    )
    main = sys.modules["__main__"]
    with _START_LOCK:
        # With no __file__ and no __spec__ on __main__, multiprocessing leaves the
        # child's __main__ alone (spawn.get_preparation_data); our target is in a
        # module, so the child never needs the board's script.
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main
    return process


def run(roots: list[str], entry: str, *args: object) -> None:
    """Child side: import from ``roots`` only, then call ``entry(*args)``."""
    sys.path[:] = roots
    module, _, function = entry.partition(":")
    getattr(importlib.import_module(module), function)(*args)
