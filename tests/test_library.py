"""The library functions: extract, extract_many, ingest."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from communique import library
from communique.config import Config
from communique.errors import ConfigError, InputError, StageError
from communique.library import PublishedDateError, build_pipeline, extract, extract_many, ingest
from communique.pipeline import Context, Pipeline
from communique.record import Document
from communique.stages import default_stages
from communique.store import Store
from communique.store.schema import COLUMNS

SHORT = "Japan and Taiwan signed a security pact in Tokyo. The United Nations welcomed it."


def _corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.txt").write_text("Japan and Taiwan held talks in Tokyo.\n", encoding="utf-8")
    (root / "b.txt").write_text("The European Union fined a company in Brussels.\n", encoding="utf-8")
    sub = root / "more"
    sub.mkdir(exist_ok=True)
    (sub / "c.md").write_text("# Talks\n\nIndia and Pakistan met in Geneva.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ingestion time left out, in a stable order."""
    out = {}
    for table, columns in COLUMNS.items():
        names = ", ".join(f'"{c}"' for c, _ in columns if c != "ingested_at")
        out[table] = sorted(store.connection.execute(f"SELECT {names} FROM {table}").fetchall(), key=repr)
    return out


def test_extract_reads_a_string_that_is_not_a_path_as_text(pipeline: Any) -> None:
    record = extract(SHORT)
    assert record.text == SHORT
    assert record.source == "<text>"
    assert len(record.sentences) == 2
    assert {"Japan", "Taiwan", "Tokyo"} <= {e.text for e in record.entities}
    for entity in record.entities:
        assert record.text[entity.start:entity.end] == entity.text


def test_extract_reads_a_path_and_ids_it_by_its_bytes(tmp_path: Path, pipeline: Any) -> None:
    path = tmp_path / "talks.txt"
    path.write_text(SHORT, encoding="utf-8")
    for given in (path, str(path)):
        record = extract(given)
        assert record.source == str(path)
        assert record.id == hashlib.sha256(path.read_bytes()).hexdigest()
        assert record.sentences


def test_published_sets_the_reference_date(pipeline: Any) -> None:
    record = extract(SHORT, published="2022-12-28")
    assert (record.published, record.reference_date, record.reference_date_inferred) == (
        "2022-12-28", "2022-12-28", False,
    )


def test_without_published_the_reference_date_is_left_for_the_dates_stage(pipeline: Any) -> None:
    record = extract("Officials met in Seoul.")
    assert record.published is None
    if record.reference_date is not None:  # the dates stage inferred one from the text
        assert record.reference_date_inferred


@pytest.mark.parametrize("bad", ["28/12/2022", "2022-13-01", "2022-02-30", "yesterday", "2022-1-5"])
def test_published_that_is_not_a_yyyy_mm_dd_date_is_refused(bad: str) -> None:
    with pytest.raises(PublishedDateError) as caught:
        extract(SHORT, published=bad)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ConfigError)
    assert repr(bad) in str(caught.value)


def test_a_missing_file_name_is_an_input_error_not_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        extract(str(tmp_path / "artcle.txt"))


def test_extract_of_a_batch_file_asks_for_extract_many(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="extract_many"):
        extract(batch)


def test_extract_many_yields_records_and_errors_in_order(tmp_path: Path, pipeline: Any) -> None:
    root = _corpus(tmp_path / "in")
    items = list(extract_many([root], published="2021-05-04"))
    kinds = ["error" if isinstance(i, InputError) else "record" for i in items]
    assert kinds == ["record", "record", "error", "record"]  # a.txt b.txt empty.txt more/c.md
    documents = [i for i in items if isinstance(i, Document)]
    assert all(d.reference_date == "2021-05-04" for d in documents)
    error = next(i for i in items if isinstance(i, InputError))
    assert error.source.endswith("empty.txt")


def test_extract_many_takes_one_bare_path_too(tmp_path: Path, pipeline: Any) -> None:
    root = _corpus(tmp_path / "in")
    assert len(list(extract_many(str(root)))) == len(list(extract_many([root]))) == 4


def test_extract_many_reads_paths_as_json_lines_when_asked(tmp_path: Path, pipeline: Any) -> None:
    batch = tmp_path / "batch.txt"  # not named .jsonl on purpose
    batch.write_text('{"text": "Chile and Peru met.", "published": "2020-02-03"}\nnot json\n', encoding="utf-8")
    items = list(extract_many([batch], jsonl=True))
    assert isinstance(items[0], Document)
    assert items[0].reference_date == "2020-02-03"
    assert isinstance(items[1], InputError)
    assert items[1].source == f"{batch}:2"


def test_ingest_twice_equals_ingest_once(tmp_path: Path, pipeline: Any) -> None:
    root = _corpus(tmp_path / "in")
    with Store(tmp_path / "c.duckdb") as store:
        first = ingest([root], store, progress=False)
        once = _tables(store)
        second = ingest([root], store, progress=False)
        twice = _tables(store)
    assert (first.read, first.stored, first.already_present, len(first.failed)) == (4, 3, 0, 1)
    assert (second.read, second.stored, second.already_present, len(second.failed)) == (4, 0, 3, 1)
    assert once == twice
    assert len(once["documents"]) == 3
    assert first.failed[0][0].endswith("empty.txt")


def test_ingest_skips_stored_documents_before_running_the_pipeline(
    tmp_path: Path, pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "in")
    real = library.pipeline_for
    seen: list[str] = []

    def counting(config: Config) -> Any:
        run = real(config)

        def call(doc: Document) -> Document:
            seen.append(doc.source)
            return run(doc)

        return call

    monkeypatch.setattr(library, "pipeline_for", counting)
    with Store(tmp_path / "c.duckdb") as store:
        ingest([root], store, progress=False)
        assert len(seen) == 3
        ingest([root], store, progress=False)
    assert len(seen) == 3


class _Boom:
    name = "boom"
    needs = frozenset({"text"})
    adds: frozenset[str] = frozenset()

    def __call__(self, doc: Document, ctx: Context) -> Document:
        if "Brussels" in doc.text:
            raise RuntimeError("simulated bug")
        return doc


def test_a_failing_stage_is_recorded_and_the_rest_is_stored(
    tmp_path: Path, pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "in")
    broken = build_pipeline(Config(), stages=[*default_stages(), _Boom()])
    assert isinstance(broken, Pipeline)
    monkeypatch.setattr(library, "pipeline_for", lambda config: broken)
    with Store(tmp_path / "c.duckdb") as store:
        summary = ingest([root], store, progress=False)
        stored_sources = sorted(s.source for s in store.documents())
    assert summary.stored == 2
    assert summary.read == summary.stored + summary.already_present + len(summary.failed)
    reasons = dict(summary.failed)
    [bad] = [source for source in reasons if source.endswith("b.txt")]
    assert reasons[bad] == "stage 'boom' failed: RuntimeError: simulated bug"
    assert not any(s.endswith("b.txt") for s in stored_sources)


def test_extract_many_yields_a_stage_error_for_the_failing_document(
    tmp_path: Path, pipeline: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _corpus(tmp_path / "in")
    broken = build_pipeline(Config(), stages=[*default_stages(), _Boom()])
    monkeypatch.setattr(library, "pipeline_for", lambda config: broken)
    items = list(extract_many([root]))
    errors = [i for i in items if isinstance(i, StageError)]
    assert [e.stage for e in errors] == ["boom"]
    assert errors[0].source.endswith("b.txt")


# -- extract_bytes ---------------------------------------------------------------------------------

_NO_STAGES = Pipeline([], Context(Config()))


def test_extract_bytes_of_a_json_object_is_the_document_of_its_text() -> None:
    from communique.ingest import from_text

    body = b'{"text": "Chile and Peru met.", "title": "Talks", "published": "2020-02-03", "source": "wire"}'
    record = library.extract_bytes(body, "upload.json", pipeline=_NO_STAGES)
    assert record.id == from_text("Chile and Peru met.").id
    assert (record.source, record.title, record.published) == ("wire", "Talks", "2020-02-03")


@pytest.mark.parametrize(
    ("data", "name", "fmt", "reason"),
    [
        (b"{not json", "a.json", None, "not valid JSON"),
        (b'["text"]', "a", "json", 'an object with a non-empty "text" string'),
        (b'{"text": "x", "title": 3}', "a", "json", '"title" and "published" must be strings'),
        (b'{"text": "x", "published": "2020-02-30"}', "a", "json", "published date '2020-02-30' is not a calendar"),
        (b"Chile and Peru met.", "a.jsonl", None, "cannot tell which reader reads it"),
        (b"Chile and Peru met.", "upload", None, "cannot tell which reader reads it"),
        (b"   ", "a.txt", None, "empty"),
    ],
)
def test_extract_bytes_refuses_what_it_cannot_read_with_an_input_error(
    data: bytes, name: str, fmt: str | None, reason: str
) -> None:
    with pytest.raises(InputError) as caught:
        library.extract_bytes(data, name, fmt=fmt, pipeline=_NO_STAGES)
    assert caught.value.source == name and reason in caught.value.reason


def test_extract_bytes_reads_by_the_extension_and_takes_the_published_date() -> None:
    record = library.extract_bytes(b"# Talks\n\nChile and Peru met.\n", "note.md", published="2021-05-04",
                                   pipeline=_NO_STAGES)
    assert record.meta["format"] == "md" and record.title == "Talks"
    assert record.published == "2021-05-04"
