"""How people log in to this instance: the office's settings, read from the environment.

Local accounts (a password stored here) always work, for small offices and for the
emergency admin. An IT department adds its directory: **LDAP / Active Directory**
(``NETZWERK_LDAP_*``, checked by :mod:`netzwerk.graph.admin.directory`) and/or an **OpenID
Connect** login service such as Keycloak, Entra ID or Authentik (``NETZWERK_OIDC_*``).
Directory groups map to roles (``NETZWERK_GROUPS_*``), and the second-factor policy
(``NETZWERK_2FA``) says who must use TOTP. docs/ACCOUNTS.md describes every variable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from netzwerk.graph.admin.twofactor import POLICIES
from netzwerk.graph.admin.users import ROLES, DirectoryClaim
from netzwerk.graph.core.i18n import N_

_POLICY_ALIASES = {"niemand": "none", "verwaltung": "admins", "alle": "everyone"}


def _list(raw: str) -> tuple[str, ...]:
    """Groups separated by ``;`` (a DN contains commas), compared without case."""
    return tuple(p.strip().lower() for p in raw.split(";") if p.strip())


def _short(group: str) -> str:
    """``cn=netzwerk-admins,ou=groups,…`` → ``netzwerk-admins``; a plain name stays."""
    first = group.split(",", 1)[0]
    key, sep, value = first.partition("=")
    return value.strip().lower() if sep and key.strip().lower() in ("cn", "ou") else group.lower()


@dataclass(frozen=True)
class GroupRoles:
    """Which directory groups give which role, and which give the contacts grant.

    A group is named by its full DN or by its name (the CN, or the group name an OpenID
    provider sends); the highest role any of a person's groups gives wins. Someone in none
    of the groups gets ``default`` ("" refuses the login).
    """

    admin: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    viewer: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    default: str = ""

    def claim(
        self, source: str, username: str, display_name: str, groups: Iterable[str]
    ) -> DirectoryClaim | None:
        """The account's role from its groups, or None if no group (and no default) gives one."""
        names = set()
        for g in groups:
            names |= {g.strip().lower(), _short(g.strip())}
        role = next(
            (r for r in reversed(ROLES) if names & set(getattr(self, r))), self.default or None
        )
        if role is None:
            return None
        return DirectoryClaim(
            source=source,
            username=username.strip().lower(),
            display_name=display_name,
            role=role,
            contacts=bool(names & set(self.contacts)),
        )


@dataclass(frozen=True)
class LdapSettings:
    url: str
    user_base: str
    user_filter: str = "(uid={username})"
    bind_dn: str = ""
    bind_password: str = field(default="", repr=False)
    group_base: str = ""
    group_filter: str = "(|(member={dn})(uniqueMember={dn}))"
    name_attribute: str = "displayName"
    start_tls: bool = False
    ca_file: str = ""
    timeout: int = 5
    """Seconds to wait for the directory (whole seconds: ldap3 passes them to the socket)."""


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str = field(default="", repr=False)
    username_claim: str = "preferred_username"
    groups_claim: str = "groups"
    scope: str = "openid profile email"
    title: str = N_("Mit dem Dienstkonto anmelden")

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


@dataclass(frozen=True)
class LoginSettings:
    two_factor: str = "none"
    roles: GroupRoles = GroupRoles()
    ldap: LdapSettings | None = None
    oidc: OidcSettings | None = None


def _value(env: Mapping[str, str], name: str, default: str) -> str:
    return env.get(name, "").strip() or default


def _ldap(env: Mapping[str, str]) -> LdapSettings | None:
    url = env.get("NETZWERK_LDAP_URL", "").strip()
    if not url:
        return None
    d = LdapSettings(url=url, user_base="")
    return LdapSettings(
        url=url,
        user_base=_value(env, "NETZWERK_LDAP_USER_BASE", d.user_base),
        user_filter=_value(env, "NETZWERK_LDAP_USER_FILTER", d.user_filter),
        bind_dn=_value(env, "NETZWERK_LDAP_BIND_DN", d.bind_dn),
        bind_password=env.get("NETZWERK_LDAP_BIND_PASSWORD", ""),
        group_base=_value(env, "NETZWERK_LDAP_GROUP_BASE", d.group_base),
        group_filter=_value(env, "NETZWERK_LDAP_GROUP_FILTER", d.group_filter),
        name_attribute=_value(env, "NETZWERK_LDAP_NAME_ATTRIBUTE", d.name_attribute),
        start_tls=env.get("NETZWERK_LDAP_START_TLS", "") == "1",
        ca_file=_value(env, "NETZWERK_LDAP_CA_FILE", d.ca_file),
    )


def _oidc(env: Mapping[str, str]) -> OidcSettings | None:
    issuer = env.get("NETZWERK_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    d = OidcSettings(issuer=issuer, client_id="")
    return OidcSettings(
        issuer=issuer,
        client_id=_value(env, "NETZWERK_OIDC_CLIENT_ID", d.client_id),
        client_secret=env.get("NETZWERK_OIDC_CLIENT_SECRET", ""),
        username_claim=_value(env, "NETZWERK_OIDC_USERNAME_CLAIM", d.username_claim),
        groups_claim=_value(env, "NETZWERK_OIDC_GROUPS_CLAIM", d.groups_claim),
        scope=_value(env, "NETZWERK_OIDC_SCOPE", d.scope),
        title=_value(env, "NETZWERK_OIDC_TITLE", d.title),
    )


def from_env(env: Mapping[str, str] | None = None) -> LoginSettings:
    """The login settings from ``env`` (default: the process environment).

    Raises ValueError naming the variable for a value that cannot work, so a typo stops the
    start instead of silently leaving logins open.
    """
    env = os.environ if env is None else env
    policy = env.get("NETZWERK_2FA", "none").strip().lower() or "none"
    policy = _POLICY_ALIASES.get(policy, policy)
    if policy not in POLICIES:
        raise ValueError(f"NETZWERK_2FA muss none, admins oder everyone sein, nicht „{policy}“.")
    default = env.get("NETZWERK_GROUPS_DEFAULT_ROLE", "").strip()
    if default and default not in ROLES:
        raise ValueError(f"NETZWERK_GROUPS_DEFAULT_ROLE muss leer oder {', '.join(ROLES)} sein.")
    roles = GroupRoles(
        admin=_list(env.get("NETZWERK_GROUPS_ADMIN", "")),
        editor=_list(env.get("NETZWERK_GROUPS_EDITOR", "")),
        viewer=_list(env.get("NETZWERK_GROUPS_VIEWER", "")),
        contacts=_list(env.get("NETZWERK_GROUPS_CONTACTS", "")),
        default=default,
    )
    return LoginSettings(two_factor=policy, roles=roles, ldap=_ldap(env), oidc=_oidc(env))
