"""TOTP steps and backup codes (RFC 6238): a code is accepted one step either side of its
own and nowhere else; backup codes compare without case, spaces or dashes."""

from __future__ import annotations

import pyotp
from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.admin import twofactor
from netzwerk.graph.admin.login_settings import GroupRoles
from netzwerk.graph.admin.users import User

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MOMENTS = st.floats(min_value=1_000_000_000, max_value=4_000_000_000, allow_nan=False)


@given(MOMENTS)
def test_a_code_is_accepted_one_step_either_side_and_not_beyond(at: float) -> None:
    code = pyotp.TOTP(SECRET).at(at)
    step = int(at // 30)
    for drift in (-30, 0, 30):
        assert twofactor.step_of(SECRET, code, at + drift) == step
    for far in (-90, 90):
        # never as its own step (another step's code may coincide by chance, 1 in 10^6)
        assert twofactor.step_of(SECRET, code, at + far) != step


@given(st.text(max_size=20))
def test_anything_but_six_digits_is_no_code(text: str) -> None:
    if not (len(text.strip()) == 6 and text.strip().isdigit()):
        assert twofactor.step_of(SECRET, text, 1_700_000_000) == 0


def test_backup_codes_are_random_readable_and_compare_loosely() -> None:
    codes = twofactor.new_backup_codes()
    assert len(set(codes)) == twofactor.BACKUP_CODES
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert not set(code.replace("-", "")) & set("01ilo")
        loose = code.upper().replace("-", " ")
        assert twofactor.code_hash(loose) == twofactor.code_hash(code)
    assert twofactor.code_hash(codes[0]) != twofactor.code_hash(codes[1])


def test_policy() -> None:
    admin, viewer = User(role="admin"), User(role="viewer")
    assert not twofactor.required("none", admin)
    assert twofactor.required("admins", admin) and not twofactor.required("admins", viewer)
    assert twofactor.required("everyone", viewer)


def test_the_highest_role_of_any_group_wins() -> None:
    roles = GroupRoles(admin=("a",), editor=("e",), viewer=("v",), contacts=("k",))
    claim = roles.claim("oidc", "X", "", ["v", "E", "k"])
    assert claim is not None and (claim.role, claim.contacts) == ("editor", True)
    assert roles.claim("oidc", "x", "", ["andere"]) is None
    assert roles.claim("oidc", "x", "", []) is None
