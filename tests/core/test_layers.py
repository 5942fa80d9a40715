"""Dependencies run one way: the import-linter contract in pyproject.toml holds on the code, and
fails as soon as a lower app imports a higher one (the check `make lint` runs)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root)}
    )


def test_the_layers_hold() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "antq", tmp_path / "antq", ignore=shutil.ignore_patterns("static", "locale", "data", "*.pyc")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "antq" / "units" / "probe.py").write_text("def lazy() -> None:\n    from antq.plans import models\n")
    result = _lint(tmp_path)
    assert result.returncode != 0 and "antq.units is not allowed to import antq.plans" in result.stdout
