"""Render ``oneid_sdk/_generated/`` from ``spec/oneid.yaml``.

``python -m generator`` writes the models, constants, operations, clients and personas; ``python -m generator
--check`` renders them in memory and fails with a diff when the committed files differ.
"""

from __future__ import annotations

from .render import render
from .spec import Spec, SpecError, load_spec

__all__ = ["Spec", "SpecError", "load_spec", "render"]
