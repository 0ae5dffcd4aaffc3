"""MediaPipe's Face Mesh module, imported without the rest of MediaPipe.

``import mediapipe`` runs ``mediapipe/__init__.py``, which imports every
legacy solution with its drawing helpers (and so ``matplotlib.pyplot``) and
the whole Tasks API: on this project's test machine 0.6-0.9 s of CPU and
about 0.7 s of the board's start, at every start, for code the board never
calls.  Face Mesh itself needs only ``mediapipe.python`` (the C++ bindings)
and its own module.

So the two package ``__init__`` files that import everything else
(``mediapipe`` and ``mediapipe.python.solutions``) are first registered as
plain packages that have not run yet, and Face Mesh is imported through
them.  Nothing is lost: the first time anything reads an attribute those
packages do not have yet (``mediapipe.solutions``, ``mediapipe.tasks``,
``__version__``...), the package's own ``__init__`` runs then, as an
ordinary ``import mediapipe`` would have.  When MediaPipe was already
imported, or its files are not laid out as in 0.10.21, the ordinary import
is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

# Packages whose __init__ imports far more than Face Mesh needs.
_DEFERRED = ("mediapipe", "mediapipe.python.solutions")


def face_mesh_module() -> Any:
    """``mediapipe.solutions.face_mesh`` (the module), importing as little as it needs."""
    if "mediapipe" not in sys.modules:
        try:
            for name in _DEFERRED:
                _register_unrun(name)
            return importlib.import_module("mediapipe.python.solutions.face_mesh")
        except ImportError:  # another layout: forget the half-import, do the ordinary one
            for name in [n for n in sys.modules if n == "mediapipe" or n.startswith("mediapipe.")]:
                del sys.modules[name]
    import mediapipe as mp

    return mp.solutions.face_mesh


def _register_unrun(name: str) -> None:
    """Put package ``name`` in ``sys.modules`` without running its ``__init__`` (yet).

    The package's ``__init__`` runs the first time an attribute it does not
    have is read (PEP 562's module ``__getattr__``).
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)  # imports the parent packages, not this one
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ImportError(f"{name} is not a package here")
    module = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def run_init(attribute: str) -> Any:
        # Once: taken away before the real __init__ runs (which may define its own).
        del module.__dict__["__getattr__"]
        loader.exec_module(module)
        return getattr(module, attribute)

    module.__dict__["__getattr__"] = run_init
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
