"""Exports read back with pandas and pyarrow: every table, PLOVER JSONL, GDELT 2.0 TSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analyst_corpus import build_store, corpus, sample_document
from communique.errors import CommuniqueError
from communique.export import GDELT_COLUMNS, cameo_actor_code, export
from communique.record import Actor


@pytest.fixture(scope="module")
def store() -> Iterator[Any]:
    s = build_store()
    yield s
    s.close()


def test_gdelt_has_the_61_columns_of_the_codebook_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5:8] == ("Actor1Code", "Actor1Name", "Actor1CountryCode")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


@pytest.mark.parametrize(("country", "sector", "code"), [("JPN", "GOV", "JPNGOV"), ("TWN", None, "TWN"),
                                                        (None, "MIL", "MIL"), (None, None, "")])
def test_cameo_actor_code_joins_country_and_sector(country: str | None, sector: str | None, code: str) -> None:
    assert cameo_actor_code(Actor("A1", "x", "state", country, sector, None, None)) == code


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_table_exports_write_every_table_with_all_rows(store: Any, tmp_path: Path, fmt: str) -> None:
    result = export(store, fmt, tmp_path / "out")
    names = {p.stem for p in result.paths}
    assert {"documents", "events", "actors", "actor_mentions", "quotes", "sentences"} <= names
    for path in result.paths:
        frame = pq.read_table(path).to_pandas() if fmt == "parquet" else pd.read_csv(path)
        count = store.connection.execute(f'SELECT count(*) FROM "{path.stem}"').fetchone()[0]
        assert len(frame) == count, path.name
    events = pq.read_table(tmp_path / "out" / "events.parquet") if fmt == "parquet" else None
    if events is not None:
        assert events.column("actor").type.value_type == "string"  # lists stay lists in Parquet
    documents = (pq.read_table(tmp_path / "out" / f"documents.{fmt}").to_pandas() if fmt == "parquet"
                 else pd.read_csv(tmp_path / "out" / "documents.csv"))
    assert set(documents["id"]) == {d.id for d in corpus()}


def test_plover_jsonl_has_one_record_per_event_with_the_manual_fields(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = export(store, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert result.rows == len(records) == sum(len(d.events) for d in corpus())
    assert len({r["id"] for r in records}) == len(records)
    frame = pd.read_json(out, lines=True)
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_text", "quad_code", "text",
            "text_info", "cite_info"} <= set(frame.columns)
    sample = sample_document()
    consult = next(r for r in records if r["doc_id"] == sample.id and r["event"] == ["CONSULT"])
    assert consult["actor"][0] == {"code": "JPN", "sector": "LEG", "entity_text": "Hiroshige Seko",
                                   "identifier_id": None, "identifier_text": "Hiroshige Seko", "office": None}
    assert consult["recipient"][0]["identifier_id"] == "Q233984"
    evidence = consult["event_text"][0]
    assert sample.text[consult["text_info"]["start"]:consult["text_info"]["end"]] == evidence
    assert evidence in consult["text"]
    assert consult["date"] == sample.published and consult["cite_info"]["language"] == "en"


def test_gdelt_tsv_reads_back_with_61_columns_and_cameo_codes(store: Any, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    export(store, "gdelt-tsv", out)
    frame = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str, keep_default_na=False,
                        quoting=3)
    assert len(frame) == sum(len(e.actor or [1]) * len(e.recipient or [1]) for d in corpus() for e in d.events)
    consult = frame[frame["EventCode"] == "043"].iloc[0]
    assert (consult["Actor1Code"], consult["Actor2Code"]) == ("JPNLEG", "TWNGOV")
    assert (consult["EventBaseCode"], consult["EventRootCode"], consult["QuadClass"]) == ("043", "04", "1")
    assert (consult["SQLDATE"], consult["MonthYear"], consult["Year"]) == ("20221228", "202212", "2022")
    assert consult["AvgTone"] == "" and consult["Actor1Geo_Lat"] == ""
    assert frame["GLOBALEVENTID"].is_unique
    hostile = frame[frame["EventCode"] == "190"].iloc[0]
    assert "onerror" in hostile["Actor2Name"].lower()  # kept as data, one row, no broken columns


def test_export_to_an_unwritable_place_is_a_one_line_error(store: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommuniqueError) as info:
        export(store, "plover-jsonl", blocker / "sub" / "out.jsonl")
    assert "\n" not in str(info.value) and str(blocker) in str(info.value)
