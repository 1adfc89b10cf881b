"""The repository stands on its own: no file cites a document that is not part of it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".jinja", ".txt", ".cfg", ".html", ".json", ".ini"}
# Written in two parts so that this file does not cite them itself.
OUTSIDE_PATHS = ("shared" + "/DESIGN", "shared" + "/protocol", "shared" + "/notes", "shared" + "/seed")


def text_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.is_file()
        and path.suffix in SUFFIXES
        and not SKIPPED.intersection(path.relative_to(ROOT).parts)
        and not any(part.endswith(".egg-info") for part in path.relative_to(ROOT).parts)
    )


def test_no_file_cites_a_path_outside_the_repository() -> None:
    files = text_files()
    assert any(path.name == "oneid.yaml" for path in files)
    citing = [
        str(path.relative_to(ROOT))
        for path in files
        if any(cited in path.read_text(encoding="utf-8", errors="replace") for cited in OUTSIDE_PATHS)
    ]
    assert citing == []
