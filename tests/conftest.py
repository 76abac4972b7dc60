"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "000_7b6a32334aa3aa63.txt"
SAMPLES = REPO / "src" / "communique" / "samples"
DATA = SHARED / "data" / "dev"

# Every pipeline the tests build checks after each stage that it changed only the fields it declares.
os.environ["COMMUNIQUE_CHECK_STAGES"] = "1"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from communique.config import DEFAULT_MODEL
    from communique.resources import load_model

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from communique.config import Config
    from communique.library import build_pipeline

    return build_pipeline(Config())


@pytest.fixture(scope="session")
def seed_record(pipeline: Any) -> Any:
    """The seed article through the whole default pipeline (computed once)."""
    from communique import extract

    return extract(SEED)
