"""A presentation's rules without a database: slides survive the trip through the stored
JSON, moves are permutations, and the PDF has one page per slide whatever the texts."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.formats import slides_pdf
from netzwerk.graph.sharing import presentations
from netzwerk.graph.sharing.presentations import Slide
from tests.unit.test_pictures import picture, snap

IDS = st.from_regex(r"view-[0-9a-f]{16}", fullmatch=True)
TEXTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
SLIDES = st.lists(st.builds(Slide, IDS, TEXTS), max_size=12)


@given(SLIDES, st.integers(-3, 14), st.integers(-4, 4))
def test_a_move_keeps_every_slide_and_puts_it_where_asked(slides, index, step) -> None:
    after = presentations.moved(slides, index, step)
    assert sorted(after, key=repr) == sorted(slides, key=repr)
    if 0 <= index < len(slides):
        target = max(0, min(len(slides) - 1, index + step))
        assert after[target] == slides[index]
    else:
        assert after == slides


@given(SLIDES)
def test_slides_come_back_as_checked(slides) -> None:
    stored = presentations.checked(Presentation(name=" Steuerungs\tgruppe "), slides)
    assert stored.name == "Steuerungs gruppe"
    back = presentations.slides_of(stored)
    assert [s.view_id for s in back] == [s.view_id for s in slides]
    for before, after in zip(slides, back, strict=True):
        assert after.text == after.text.strip() and "\n\n\n" not in after.text
        assert after.text.split() == before.text.replace("\r", "\n").split()


@pytest.mark.parametrize(
    ("name", "slides", "field", "message"),
    [
        ("", [], "name", "Bitte einen Namen für die Präsentation angeben."),
        ("x" * 121, [], "name", "Der Name ist zu lang (höchstens 120 Zeichen)."),
        ("P", [Slide("kein id!")], "view_1", "Folie 1: unbekannte Ansicht."),
        ("P", [Slide("view-1", "a" * 5001)], "text_1", "Folie 1: der Text ist zu lang"),
        ("P", [Slide("view-1")] * 61, "slides", "Höchstens 60 Folien je Präsentation."),
    ],
)
def test_bad_input_is_refused_at_its_field(name, slides, field, message) -> None:
    with pytest.raises(ValidationError) as caught:
        presentations.checked(Presentation(name=name), slides)
    assert any(e.field == field and e.message.startswith(message) for e in caught.value.errors)


@pytest.mark.parametrize("stored", ["", "nicht json", "{}", '[1, {"text": "x"}, null]'])
def test_a_damaged_slide_list_reads_as_empty(stored: str) -> None:
    assert presentations.slides_of(Presentation(name="P", slides=stored)) == []


PICTURE = picture(snap(30))


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.text(max_size=9000)), min_size=1, max_size=4))
def test_the_pdf_has_one_page_per_slide_whatever_the_texts(sheets) -> None:
    made = [
        slides_pdf.Sheet(
            f"{n} · Ansicht",
            PICTURE if with_picture else None,
            presentations.paragraphs(text),
            "ganze Region",
            "" if with_picture else presentations.VIEW_GONE,
        )
        for n, (with_picture, text) in enumerate(sheets, 1)
    ]
    data = slides_pdf.write_slides(slides_pdf.Slides("Bildungskonferenz", made))
    doc = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        assert len(doc) == len(sheets)
        width, height = doc[0].get_size()
        assert width > height
    finally:
        doc.close()
