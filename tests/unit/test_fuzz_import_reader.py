"""Property-based fuzzing of the importer's file reader: arbitrary bytes under any file
name give a Table or an ImportFileError with a German message, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk.graph import imports
from tests.conftest import HOSTILE_CORPUS

names = st.one_of(
    st.sampled_from(["a.csv", "a.xlsx", "a.txt", "", "../../x.csv", "x.CSV", "a.xls", "b.vcf"]),
    st.text(max_size=60),
)
csv_like = st.lists(
    st.lists(st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_CORPUS)), max_size=6),
    max_size=8,
).map(lambda rows: "\n".join(";".join(r) for r in rows))
payload = st.one_of(
    st.binary(max_size=2000),
    csv_like.map(lambda t: t.encode("utf-8", "surrogatepass")),
    csv_like.map(lambda t: t.encode("cp1252", "replace")),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
)


@settings(max_examples=200, deadline=None)
@given(data=payload, filename=names)
def test_read_table_total(data: bytes, filename: str) -> None:
    try:
        table = imports.read_table(data, filename)
    except imports.ImportFileError as err:
        assert str(err)
        return
    # Cells are plain text (control characters are the validators' business, later);
    # the limits hold.
    assert all(isinstance(h, str) for h in table.headers)
    assert len(table.rows) <= imports.MAX_ROWS
    for row in table.rows:
        assert all(isinstance(c, str) and c == c.strip() for c in row)
