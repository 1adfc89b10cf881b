"""``python -m generator [--check] [--spec PATH] [--out DIR] [--readme PATH]``.

Without ``--check`` the generated package is rewritten to match the spec (stale generated files are removed), and
the README's field tables (the spec's ``readme`` entries) are rewritten between their markers. With ``--check``
nothing is written: a unified diff is printed and the exit status is 1 when the folder or a table differs from a
fresh render, stale files included. The README is README.md when neither ``--spec`` nor ``--out`` is given, else
only the one ``--readme`` names.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from .formatting import FormattingError
from .render import GENERATED_PACKAGE, PROJECT_ROOT, render, render_readme
from .spec import SpecError, load_spec

__all__ = ["main"]

DEFAULT_SPEC = PROJECT_ROOT / "spec" / "oneid.yaml"
DEFAULT_OUT = PROJECT_ROOT / GENERATED_PACKAGE
DEFAULT_README = PROJECT_ROOT / "README.md"
HEADER_PREFIX = "# Generated from "


def main(argv: Sequence[str] | None = None) -> int:
    """Run the generator; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed output; write nothing")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the spec (default: spec/oneid.yaml)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"the output folder (default: {GENERATED_PACKAGE})"
    )
    parser.add_argument("--readme", type=Path, help="the README with the field tables (default: see above)")
    options = parser.parse_args(argv)
    spec_path: Path = options.spec.resolve()
    out: Path = options.out.resolve()
    readme: Path | None = options.readme
    if readme is None and options.spec == DEFAULT_SPEC and options.out == DEFAULT_OUT:
        readme = DEFAULT_README
    try:
        spec = load_spec(spec_path, label=_label(spec_path))
        rendered = render(spec)
        readme_before = _read(readme) if readme is not None and spec.readme_tables else None
        readme_after = None if readme_before is None else render_readme(spec, readme_before)
    except (SpecError, FormattingError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    existing = _existing_files(out)
    if options.check:
        status = _check(rendered, existing, out)
        if readme is not None and readme_before != readme_after:
            _print_diff(
                readme_before or "", readme_after or "", f"a/{_display_file(readme)}", f"b/{_display_file(readme)}"
            )
            print(f"{_display_file(readme)}: a field table is out of date.", file=sys.stderr)
            status = 1
        if status:
            print(
                "The generated code is out of date: run `python -m generator` and commit the result.", file=sys.stderr
            )
        return status
    status = _write(rendered, existing, out)
    if status == 0 and readme is not None and readme_after is not None and readme_before != readme_after:
        readme.write_text(readme_after, encoding="utf-8", newline="\n")
        print(f"wrote {_display_file(readme)}")
    return status


def _label(spec_path: Path) -> str:
    """How headers name the spec: relative to the project when inside it (``spec/oneid.yaml``), else its file name."""
    if spec_path.is_relative_to(PROJECT_ROOT):
        return spec_path.relative_to(PROJECT_ROOT).as_posix()
    return spec_path.name


def _existing_files(out: Path) -> dict[str, Path]:
    if not out.is_dir():
        return {}
    return {
        path.relative_to(out).as_posix(): path
        for path in sorted(out.rglob("*"))
        if path.is_file() and "__pycache__" not in path.relative_to(out).parts
    }


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "<binary file>\n"


def _check(rendered: dict[str, str], existing: dict[str, Path], out: Path) -> int:
    shown = _display(out)
    drift = False
    for name in sorted(set(rendered) | set(existing)):
        before = _read(existing[name]) if name in existing else ""
        after = rendered.get(name, "")
        if name in existing and name in rendered and before == after:
            continue
        drift = True
        if name not in rendered:
            print(f"stale file, not generated from the spec: {shown}/{name}")
        _print_diff(
            before,
            after,
            f"a/{shown}/{name}" if name in existing else "/dev/null",
            f"b/{shown}/{name}" if name in rendered else "/dev/null",
        )
    return 1 if drift else 0


def _print_diff(before: str, after: str, fromfile: str, tofile: str) -> None:
    diff = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=fromfile, tofile=tofile
    )
    sys.stdout.writelines(line if line.endswith("\n") else f"{line}\n" for line in diff)


def _write(rendered: dict[str, str], existing: dict[str, Path], out: Path) -> int:
    stale = {name: path for name, path in existing.items() if name not in rendered}
    foreign = [name for name, path in stale.items() if not _read(path).startswith(HEADER_PREFIX)]
    if foreign:
        print(
            f"error: {out} holds files that were not generated: {', '.join(foreign)}; nothing written", file=sys.stderr
        )
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, source in rendered.items():
        target = out / name
        if name not in existing or _read(target) != source:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8", newline="\n")
            print(f"wrote {_display(out)}/{name}")
    for name, path in stale.items():
        path.unlink()
        print(f"removed stale {_display(out)}/{name}")
    return 0


def _display(out: Path) -> str:
    return out.relative_to(PROJECT_ROOT).as_posix() if out.is_relative_to(PROJECT_ROOT) else str(out)


def _display_file(path: Path) -> str:
    return _display(path.resolve())


if __name__ == "__main__":
    raise SystemExit(main())
