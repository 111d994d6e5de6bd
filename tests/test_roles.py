"""Roles from the secrets: sign-in on only with a complete [auth] section; the PMO only by its list or group."""

from __future__ import annotations

import pytest

from mhhs_dashboard import roles
from mhhs_dashboard.roles import Role

SECRET = "x" * 43
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": SECRET,
    "client_id": "dashboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}
ROLES = {"pmo_emails": ["PMO.Lead@example.org "], "pmo_groups": ["mhhs-pmo"]}


def config(auth: dict[str, object] | None = None, **roles_given: object) -> roles.Access:
    return roles.access({"auth": AUTH if auth is None else auth, "roles": {**ROLES, **roles_given}})


def test_a_complete_auth_section_switches_sign_in_on() -> None:
    c = config()
    assert c.enabled
    assert c.problems == ()
    assert c.pmo_emails == {"pmo.lead@example.org"}
    assert c.pmo_groups == {"mhhs-pmo"}
    assert c.provider is None
    assert c.group_claim == "groups"
    assert c.viewers_must_sign_in is False


@pytest.mark.parametrize(
    ("auth", "problem"),
    [
        ({}, "there is no [auth] section in .streamlit/secrets.toml"),
        ({**AUTH, "cookie_secret": ""}, "[auth] has no cookie_secret"),
        ({**AUTH, "cookie_secret": "changeme"}, "[auth] cookie_secret is shorter than 32 characters"),
        ({k: v for k, v in AUTH.items() if k != "redirect_uri"}, "[auth] has no redirect_uri"),
        ({**AUTH, "redirect_uri": "http://localhost:8501/"}, "[auth] redirect_uri must end with /oauth2callback"),
        ({k: v for k, v in AUTH.items() if k != "client_secret"}, "[auth] has no client_secret"),
        ({k: v for k, v in AUTH.items() if k != "server_metadata_url"}, "[auth] has no server_metadata_url"),
    ],
)
def test_an_incomplete_auth_section_leaves_sign_in_off(auth: dict[str, object], problem: str) -> None:
    c = config(auth)
    assert not c.enabled
    assert any(p.startswith(problem) for p in c.problems), c.problems


def test_a_named_provider_is_checked_in_its_own_section() -> None:
    shared = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    named = {**shared, "entra": {k: AUTH[k] for k in roles.PROVIDER_KEYS}}
    assert config(named, provider="entra").enabled
    assert config(shared, provider="entra").problems == (
        "there is no [auth.entra] section for the provider [roles] names",
    )
    assert not config(named).enabled  # without [roles] provider, [auth] itself must hold the provider's keys


SIGNED_IN = {"is_logged_in": True}


@pytest.mark.parametrize(
    ("user", "want"),
    [
        ({}, Role.ANONYMOUS),
        ({"email": "pmo.lead@example.org"}, Role.ANONYMOUS),  # an e-mail without a sign-in is nobody
        ({"is_logged_in": "true", "email": "pmo.lead@example.org"}, Role.ANONYMOUS),  # only True itself
        ({**SIGNED_IN, "email": "someone@example.org"}, Role.VIEWER),
        ({**SIGNED_IN, "email": "Pmo.Lead@Example.org"}, Role.PMO),  # e-mails compare case-insensitively
        ({**SIGNED_IN, "email": "pmo.lead@example.org", "email_verified": False}, Role.VIEWER),
        ({**SIGNED_IN, "email": "x@example.org", "groups": ["staff", "MHHS-PMO"]}, Role.PMO),
        ({**SIGNED_IN, "email": "x@example.org", "groups": "mhhs-pmo"}, Role.PMO),
        ({**SIGNED_IN, "email": "x@example.org", "groups": ["mhhs-pmo-readers"]}, Role.VIEWER),
        ({**SIGNED_IN, "sub": "abc"}, Role.VIEWER),
    ],
)
def test_the_role_of_a_session(user: dict[str, object], want: Role) -> None:
    assert roles.role(user, config()) is want


def test_the_group_claim_is_configurable() -> None:
    user = {**SIGNED_IN, "email": "x@example.org", "roles": ["mhhs-pmo"], "groups": []}
    assert roles.role(user, config()) is Role.VIEWER
    assert roles.role(user, config(group_claim="roles")) is Role.PMO


def test_no_one_is_the_pmo_while_sign_in_is_off() -> None:
    user = {**SIGNED_IN, "email": "pmo.lead@example.org"}
    assert roles.role(user, config({})) is Role.ANONYMOUS


def test_viewers_must_sign_in_only_when_it_says_true() -> None:
    assert config(viewers_must_sign_in=True).viewers_must_sign_in is True
    assert config(viewers_must_sign_in="yes").viewers_must_sign_in is False


@pytest.mark.parametrize(
    ("user", "who"),
    [
        ({**SIGNED_IN, "email": " a@example.org ", "sub": "1"}, "a@example.org"),
        ({**SIGNED_IN, "sub": "1"}, "1"),
        ({"email": "a@example.org"}, ""),
    ],
)
def test_the_identity_written_to_the_audit_log(user: dict[str, object], who: str) -> None:
    assert roles.identity(user) == who


def test_without_a_list_or_group_no_one_is_the_pmo() -> None:
    c = roles.access({"auth": AUTH})
    assert c.enabled
    assert not c.has_pmo
    assert roles.role({**SIGNED_IN, "email": "pmo.lead@example.org"}, c) is Role.VIEWER


def test_the_example_secrets_name_every_key_and_stay_off_until_filled_in() -> None:
    import tomllib

    from tests.fixtures import ROOT

    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
    assert set(example["auth"]) >= {"redirect_uri", "cookie_secret", *roles.PROVIDER_KEYS}
    assert set(example["roles"]) >= {"pmo_emails", "pmo_groups", "group_claim", "viewers_must_sign_in"}
    assert not roles.access(example).enabled  # its placeholder cookie secret is refused
    example["auth"]["cookie_secret"] = SECRET
    assert roles.access(example).enabled
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
