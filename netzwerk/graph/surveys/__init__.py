"""Surveys (Befragungen): partners report their cooperations and correct their data.

* :mod:`.model` — survey, scope, questions, invitations;
* :mod:`.lifecycle` — create with invitations, hand out/renew/revoke links, close and
  reopen, check a link;
* :mod:`.tokens` — link secrets (hash only, constant-time comparison);
* :mod:`.respondent` — what one link may see, reading and saving an answer;
* :mod:`.review` — answers as proposals against the current graph (decisions:
  :mod:`netzwerk.graph.operations.surveys`);
* :mod:`.distribution`, :mod:`.mail` — mail-merge list, SMTP invitations and reminders;
* :mod:`.progress`, :mod:`.compare` — response rates, the network before and after;
* :mod:`.personal` — the survey part of the Auskunft and the Löschung.
"""

from netzwerk.graph.surveys.lifecycle import (
    Access,
    Issued,
    LinkError,
    Links,
    check_link,
    close_survey,
    create_survey,
    get_survey,
    holders,
    invites_of,
    issue_links,
    links_of,
    list_surveys,
    renew_links,
    reopen_survey,
    revoke,
)
from netzwerk.graph.surveys.model import QUESTIONS, SCOPE_KINDS, Invite, Scope, Survey

__all__ = [
    "QUESTIONS",
    "SCOPE_KINDS",
    "Access",
    "Invite",
    "Issued",
    "LinkError",
    "Links",
    "Scope",
    "Survey",
    "check_link",
    "close_survey",
    "create_survey",
    "get_survey",
    "holders",
    "invites_of",
    "issue_links",
    "links_of",
    "list_surveys",
    "renew_links",
    "reopen_survey",
    "revoke",
]
