"""The OpenAPI document of the HTTP API, kept in the repository beside this file.

``python -m communique.api.spec`` rewrites ``openapi.json`` from the app;
``python -m communique.api.spec --check`` exits 1 when the file is stale
(``tests/api`` runs the same comparison).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SPEC_FILE = Path(__file__).parent / "openapi.json"


def openapi() -> dict[str, Any]:
    """The app's OpenAPI document (built over an empty in-memory store; no file is touched)."""
    from communique.api import Backend, create_app
    from communique.store import Store

    with Store(":memory:") as store:
        return create_app(Backend(store)).openapi()


def render() -> str:
    return json.dumps(openapi(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        current = SPEC_FILE.read_text(encoding="utf-8") if SPEC_FILE.is_file() else ""
        if current != text:
            print(f"{SPEC_FILE}: out of date; run python -m communique.api.spec", file=sys.stderr)
            return 1
        return 0
    SPEC_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SPEC_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
