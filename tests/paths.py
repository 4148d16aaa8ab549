"""Where test data lives, relative to the repository."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TINY = TESTS / "fixtures" / "tiny"
SHARED = REPO.parent / "shared"
