"""scripts/find-python: the Makefile's search for a Python >= 3.12."""

import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "find-python"


def _old_python(directory: Path) -> None:
    """A 'python3' on PATH that is too old (the check exits 1, as 3.11 would)."""
    directory.mkdir(parents=True, exist_ok=True)
    fake = directory / "python3"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)


def _run(path: Path, pyenv_root: Path) -> subprocess.CompletedProcess:
    # Only the tools the script uses, so the machine's own pythons stay out of sight.
    tools = path.parent / "tools"
    tools.mkdir(exist_ok=True)
    for tool in ("ls", "sort"):
        (tools / tool).symlink_to(shutil.which(tool))
    return subprocess.run(
        ["/bin/sh", str(SCRIPT)],
        env={"PATH": f"{path}:{tools}", "PYENV_ROOT": str(pyenv_root), "HOME": "/nonexistent"},
        capture_output=True,
        text=True,
    )


def test_without_a_new_enough_python_it_says_so_clearly(tmp_path):
    _old_python(tmp_path / "bin")
    result = _run(tmp_path / "bin", tmp_path / "pyenv")
    assert result.returncode == 1
    assert "needs Python 3.12 or newer" in result.stderr
    assert "make PYTHON=" in result.stderr


def test_it_falls_back_to_pyenv_versions(tmp_path):
    _old_python(tmp_path / "bin")
    version_bin = tmp_path / "pyenv" / "versions" / "3.12.9" / "bin"
    version_bin.mkdir(parents=True)
    (version_bin / "python3").symlink_to(sys.executable)
    result = _run(tmp_path / "bin", tmp_path / "pyenv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(version_bin / "python3")
