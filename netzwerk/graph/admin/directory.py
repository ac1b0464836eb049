"""Logging in against the office's LDAP directory or Active Directory (ldap3).

The usual search-then-bind: netzwerk binds with its service account (or anonymously),
finds exactly one entry for the login name (``NETZWERK_LDAP_USER_FILTER``, e.g.
``(sAMAccountName={username})`` for Active Directory), then binds *as that entry* with the
password typed in, which is how the directory itself checks it; the password is never
stored here. The person's groups come from ``memberOf`` (Active Directory, OpenLDAP with the
memberof overlay) and, if a group base is set, from a search for groups that list the entry
(``member`` / ``uniqueMember``). :class:`~netzwerk.graph.admin.login_settings.GroupRoles`
turns them into a role.

Every value put into a filter is escaped (RFC 4515), and an empty password is refused
before any bind: many directories treat a bind with a name and no password as an anonymous
bind that "succeeds".

References
----------
.. [1] Sermersheim, J. (2006). Lightweight Directory Access Protocol (LDAP): The Protocol.
   RFC 4511, section 4.2 (Bind), 5.1.2 (unauthenticated bind).
.. [2] Smith, M. and Howes, T. (2006). LDAP: String Representation of Search Filters.
   RFC 4515, section 3 (escaping).
"""

from __future__ import annotations

import ssl
from typing import Any

import ldap3
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

from netzwerk.graph.admin.login_settings import GroupRoles, LdapSettings
from netzwerk.graph.admin.users import DirectoryClaim
from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.i18n import N_


class DirectoryUnavailableError(GraphError):
    """The directory did not answer (or refused netzwerk's service account)."""


def _server(settings: LdapSettings) -> ldap3.Server:
    tls = None
    if settings.url.startswith("ldaps://") or settings.start_tls:
        tls = ldap3.Tls(
            validate=ssl.CERT_REQUIRED,
            ca_certs_file=settings.ca_file or None,
            version=ssl.PROTOCOL_TLS_CLIENT,
        )
    return ldap3.Server(
        settings.url, connect_timeout=settings.timeout, get_info=ldap3.NONE, tls=tls
    )


def _connect(server: ldap3.Server, settings: LdapSettings, dn: str, password: str) -> Any:
    """A bound connection, or None when the directory refuses these credentials."""
    conn = ldap3.Connection(
        server,
        user=dn or None,
        password=password or None,
        receive_timeout=settings.timeout,
        raise_exceptions=False,
    )
    conn.open()
    if settings.start_tls and not conn.start_tls():
        raise DirectoryUnavailableError.said(N_("Das Verzeichnis lehnt StartTLS ab."))
    return conn if conn.bind() else None


def _find(conn: Any, settings: LdapSettings, username: str) -> tuple[str, dict[str, Any]] | None:
    query = settings.user_filter.format(username=escape_filter_chars(username))
    attributes = sorted({settings.name_attribute, "cn", "memberOf"})
    conn.search(settings.user_base, query, ldap3.SUBTREE, attributes=attributes, size_limit=2)
    found = [e for e in conn.response or [] if e.get("type") == "searchResEntry"]
    if len(found) != 1:  # nobody, or an ambiguous filter: never guess whose password it is
        return None
    return str(found[0]["dn"]), dict(found[0].get("attributes") or {})


def _values(attributes: dict[str, Any], name: str) -> list[str]:
    value = attributes.get(name)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _groups(conn: Any, settings: LdapSettings, dn: str, attributes: dict[str, Any]) -> list[str]:
    groups = _values(attributes, "memberOf")
    if settings.group_base:
        query = settings.group_filter.format(dn=escape_filter_chars(dn))
        conn.search(settings.group_base, query, ldap3.SUBTREE, attributes=["cn"])
        groups += [str(e["dn"]) for e in conn.response or [] if e.get("type") == "searchResEntry"]
    return groups


def authenticate(
    settings: LdapSettings, roles: GroupRoles, username: str, password: str
) -> DirectoryClaim | None:
    """What the directory says about ``username`` if ``password`` is theirs, else None.

    None also when the person is in none of the mapped groups. Raises
    :class:`DirectoryUnavailableError` when the directory cannot be reached or refuses the
    service account (a configuration problem, not a wrong password).
    """
    username = (username or "").strip()
    if not username or not password or len(username) > 64:
        return None
    try:
        server = _server(settings)
        service = _connect(server, settings, settings.bind_dn, settings.bind_password)
        if service is None:
            raise DirectoryUnavailableError.said(N_("Das Verzeichnis lehnt das Dienstkonto ab."))
        try:
            found = _find(service, settings, username)
            if found is None:
                return None
            dn, attributes = found
            person = _connect(server, settings, dn, password)
            if person is None:
                return None
            person.unbind()
            groups = _groups(service, settings, dn, attributes)
        finally:
            service.unbind()
    except LDAPException as err:
        raise DirectoryUnavailableError.said(
            N_("Das Verzeichnis ist nicht erreichbar (%(error)s)."), error=type(err).__name__
        ) from err
    name = next(iter(_values(attributes, settings.name_attribute) + _values(attributes, "cn")), "")
    return roles.claim("ldap", username, name, groups)
