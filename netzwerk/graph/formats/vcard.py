"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): one .vcf with every contact.

Outlook and Thunderbird import a file of several cards. Text values escape backslash, comma,
semicolon and newline; lines are folded at 75 octets (never inside a UTF-8 character) and end
with CRLF, as both RFCs require. Properties without a value are left out.
"""

from __future__ import annotations

from netzwerk.graph.formats.common import ContactRow

VERSIONS = ("3.0", "4.0")


def escape(value: str) -> str:
    """Escape a text value (RFC 6350 3.4): ``\\``, ``,``, ``;`` and line breaks."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most ``limit`` octets, continuation lines
    starting with one space (which counts towards the limit)."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:
        return line  # the common case: nothing to fold
    out: list[str] = []
    current, size = "", 0
    budget = limit
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > budget:
            out.append(current)
            current, size = "", 0
            budget = limit - 1
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def _card(row: ContactRow, version: str) -> list[str]:
    e = escape
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    fn = row.name or row.organisation or row.email or row.person_id
    lines.append(f"N:{e(row.last_name)};{e(row.first_name)};;{e(row.title)};")
    lines.append(f"FN:{e(fn)}")
    if row.organisations:
        lines.append(f"ORG:{e(row.organisations[0])}")
    if row.function:
        lines.append(f"TITLE:{e(row.function)}")
    if version == "3.0":
        if row.email:
            lines.append(f"EMAIL;TYPE=INTERNET,WORK:{e(row.email)}")
        if row.phone:
            lines.append(f"TEL;TYPE=WORK,VOICE:{e(row.phone)}")
        adr_params = "ADR;TYPE=WORK"
    else:
        if row.email:
            lines.append(f"EMAIL;TYPE=work:{e(row.email)}")
        if row.phone:
            lines.append(f"TEL;VALUE=text;TYPE=work:{e(row.phone)}")
        adr_params = "ADR;TYPE=work"
    if row.street or row.postcode or row.town:
        # ADR: post office box; extended address; street; locality; region; postal code; country
        lines.append(f"{adr_params}:;;{e(row.street)};{e(row.town)};;{e(row.postcode)};")
    if len(row.organisations) > 1:
        others = ", ".join(row.organisations[1:])
        lines.append(f"NOTE:{e('Weitere Organisationen: ' + others)}")
    lines.append(f"UID:{e(row.person_id)}")
    lines.append("END:VCARD")
    return lines


def write_vcards(rows: list[ContactRow], *, version: str = "3.0") -> bytes:
    """All contacts as one UTF-8 .vcf file (no BOM, which some importers reject)."""
    if version not in VERSIONS:
        raise ValueError(f"unsupported vCard version {version!r}")
    lines: list[str] = []
    for row in rows:
        lines += [fold_line(line) for line in _card(row, version)]
    return ("\r\n".join(lines) + ("\r\n" if lines else "")).encode("utf-8")
