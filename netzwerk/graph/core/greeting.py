"""The greeting line of a letter or an e-mail to a person ("Sehr geehrte Frau Dr. Roth").

Gender is never guessed from a first name: only a stored salutation (Frau, Herr) gives the
gendered form of DIN 5008 letters; "divers" or none get the neutral "Guten Tag" with the
full name, as many German authorities write today; without a family name it is "Sehr
geehrte Damen und Herren".
"""

from __future__ import annotations

NEUTRAL = "Sehr geehrte Damen und Herren"


def greeting(salutation: str, title: str, first_name: str, last_name: str) -> str:
    """The greeting without the comma a letter template adds."""
    if not last_name.strip():
        return NEUTRAL
    if salutation == "Frau":
        return " ".join(p for p in ("Sehr geehrte Frau", title, last_name) if p)
    if salutation == "Herr":
        return " ".join(p for p in ("Sehr geehrter Herr", title, last_name) if p)
    return "Guten Tag " + " ".join(p for p in (title, first_name, last_name) if p)
