import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_kozkincs_command_is_documented_in_the_commands_reference():
    commands = {
        path.stem
        for path in (ROOT / "src" / "kozkincs").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    assert {"backup", "restore", "verify_backup", "check_index"} <= commands
    page = (ROOT / "docs" / "reference" / "commands.md").read_text(encoding="utf-8")
    missing = sorted(name for name in commands if not re.search(rf"\| `{name}[ `]", page))
    assert not missing, f"document these in docs/reference/commands.md: {missing}"
