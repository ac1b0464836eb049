"""Hand-made XLSX files for the reader's defences: bombs, broken and malicious workbooks.

Spreadsheet libraries only write well-formed files, so the hostile ones are assembled from
their XML parts here. Used by the reader's tests and by ``bench/upload_bomb.py``.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable

OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="'
    f'{OOXML}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
    f'{OOXML}.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="'
    f'{OOXML}.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="'
    f'{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="'
    f'{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="'
    f'{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(rows: str, *, dimension: str | None = None, prolog: str = "") -> str:
    """A worksheet part; ``rows`` is the raw ``<row>`` XML."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{MAIN_NS}">{dim}<sheetData>{rows}</sheetData></worksheet>'
    )


def inline_row(r: int, *values: str) -> str:
    """A row of inline strings (no shared strings needed)."""
    cells = "".join(
        f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{r}">{cells}</row>'


SMALL_TABLE = inline_row(1, "Name", "Ort") + inline_row(2, "Kita Sonne", "Trier")


def shared_strings(strings: Iterable[str], *, prolog: str = "") -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst xmlns="{MAIN_NS}">{items}</sst>'


def workbook(
    sheet_xml: str | bytes, *, strings_xml: str | bytes | None = None, extra: dict | None = None
) -> bytes:
    """A complete XLSX package around one worksheet part (and optional shared strings)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", strings_xml or shared_strings([]))
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buf.getvalue()


def dimension_bomb() -> bytes:
    """The review's 1.8 kB file: a sheet that declares A1:XFD15000 (245 million cells) and
    has a cell in its last row, so a reader fills every row in between to the full width."""
    last = '<row r="15000"><c r="A15000" t="inlineStr"><is><t>Ende</t></is></c></row>'
    return workbook(sheet(SMALL_TABLE + last, dimension="A1:XFD15000"))


def sparse_bomb(rows: int = 15_000) -> bytes:
    """No dimension, but every row has a cell in the last column (XFD): each row pads out."""
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c>'
        f'<c r="XFD{r}" t="inlineStr"><is><t>y</t></is></c></row>'
        for r in range(1, rows + 1)
    )
    return workbook(sheet(body))


def strings_bomb(inflated_mb: int = 1024) -> bytes:
    """Shared strings that inflate to ``inflated_mb`` MB from a small package (a zip bomb)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet(SMALL_TABLE))
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}"><si><t>'.encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(inflated_mb):
                out.write(chunk)
            out.write(b"</t></si></sst>")
    return buf.getvalue()


def lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """``data`` with ``member``'s uncompressed size rewritten to ``declared`` in both the
    local header and the central directory (a bomb that hides its size)."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(member)
    local = info.header_offset
    assert raw[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", raw, local + 22, declared)
    name = member.encode()
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", raw, central + 28)[0]
        if bytes(raw[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", raw, central + 24, declared)
            break
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


XXE_PROLOG = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS_PROLOG = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def xxe() -> bytes:
    rows = (
        inline_row(1, "Name") + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    )
    return workbook(sheet(rows, prolog=XXE_PROLOG))


def billion_laughs() -> bytes:
    return workbook(
        sheet(inline_row(1, "Name") + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'),
        strings_xml=shared_strings(["&lol9;"], prolog=LAUGHS_PROLOG),
    )


def formula_cells() -> bytes:
    """Formulas without cached values, an error cell and a shared formula."""
    rows = (
        inline_row(1, "Name", "Summe")
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>Kita</t></is></c>'
        '<c r="B2"><f>SUM(1,2)</f></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Schule</t></is></c>'
        '<c r="B3" t="e"><v>#DIV/0!</v></c></row>'
        '<row r="4"><c r="A4" t="str"><f t="shared" ref="A4:A9" si="0">HYPERLINK("x")</f></c>'
        '<c r="B4" t="n"><v>not-a-number</v></c></row>'
    )
    return workbook(sheet(rows))


def broken_zip() -> bytes:
    """A valid package cut in the middle (as an interrupted download leaves it)."""
    whole = workbook(sheet(SMALL_TABLE))
    return whole[: len(whole) // 2]
