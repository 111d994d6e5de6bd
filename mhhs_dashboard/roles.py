"""Who may do what: viewers (everyone, signed in or not) and the PMO (an allow-list of e-mails or an identity
provider's group claim). Read from the app's secrets (`.streamlit/secrets.toml`); no Streamlit here.

Sign-in itself is Streamlit's (`st.login`, OpenID Connect through Authlib, the `[auth]` section). This module
only says whether that section is complete enough to switch sign-in on, and what a signed-in identity may do.
There is no password of its own and no switch that lets anyone in without the identity provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

# what Streamlit's own check (streamlit.auth_util.validate_auth_credentials) requires of a provider
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
MIN_COOKIE_SECRET = 32  # characters: `python -c "import secrets; print(secrets.token_urlsafe(32))"` gives 43
HOW_TO_SWITCH_ON = (
    "copy .streamlit/secrets.example.toml to .streamlit/secrets.toml, fill in the [auth] section for your "
    "identity provider and the [roles] section with the PMO's e-mail addresses or group, then restart the "
    "dashboard (README: 'Sign-in and the PMO workspace')"
)


class Role(Enum):
    """What a session may do: read (a viewer, signed in or not) or also load data (the PMO)."""

    ANONYMOUS = "anonymous"  # not signed in
    VIEWER = "viewer"  # signed in, not on the PMO's list
    PMO = "pmo"


@dataclass(frozen=True)
class Access:
    """The sign-in and roles configuration, as read from the secrets."""

    problems: tuple[str, ...]  # why sign-in is off (empty: it is on)
    provider: str | None  # None: the [auth] section's own provider; else the name of an [auth.NAME] section
    pmo_emails: frozenset[str]
    pmo_groups: frozenset[str]
    group_claim: str
    viewers_must_sign_in: bool

    @property
    def enabled(self) -> bool:
        """Whether sign-in is configured completely (Streamlit's [auth] section and a strong cookie secret)."""
        return not self.problems

    @property
    def has_pmo(self) -> bool:
        """Whether anyone at all can be the PMO (an e-mail or a group is listed)."""
        return bool(self.pmo_emails or self.pmo_groups)


def _section(secrets: Mapping[str, object], name: str) -> Mapping[str, object]:
    value = secrets.get(name) if isinstance(secrets, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _strings(value: object) -> frozenset[str]:
    """A list of strings (or one string) from the configuration, trimmed and case-folded."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    return frozenset(str(v).strip().casefold() for v in items if str(v).strip())


def auth_problems(auth: Mapping[str, object], provider: str | None) -> list[str]:
    """What the [auth] section lacks for sign-in (empty when it is complete)."""
    if not auth:
        return ["there is no [auth] section in .streamlit/secrets.toml"]
    problems = [f"[auth] has no {key}" for key in ("redirect_uri", "cookie_secret") if not auth.get(key)]
    secret = str(auth.get("cookie_secret") or "")
    if secret and len(secret) < MIN_COOKIE_SECRET:
        problems.append(f"[auth] cookie_secret is shorter than {MIN_COOKIE_SECRET} characters: generate a random one")
    redirect = str(auth.get("redirect_uri") or "")
    if redirect and not redirect.endswith("/oauth2callback"):
        problems.append("[auth] redirect_uri must end with /oauth2callback")
    name = f"[auth.{provider}]" if provider else "[auth]"
    section = _section(auth, provider) if provider else auth
    if provider and not section:
        problems.append(f"there is no {name} section for the provider [roles] names")
    problems += [f"{name} has no {key}" for key in PROVIDER_KEYS if section and not section.get(key)]
    return problems


def access(secrets: Mapping[str, object]) -> Access:
    """The configuration from the app's secrets: `[auth]` (Streamlit's sign-in) and `[roles]` (this dashboard's)."""
    roles = _section(secrets, "roles")
    provider = str(roles.get("provider") or "").strip() or None
    return Access(
        problems=tuple(auth_problems(_section(secrets, "auth"), provider)),
        provider=provider,
        pmo_emails=_strings(roles.get("pmo_emails")),
        pmo_groups=_strings(roles.get("pmo_groups")),
        group_claim=str(roles.get("group_claim") or "groups"),
        viewers_must_sign_in=roles.get("viewers_must_sign_in") is True,
    )


def signed_in(user: Mapping[str, object]) -> bool:
    """Whether the identity provider signed this session in: Streamlit sets `is_logged_in` True only then."""
    return user.get("is_logged_in") is True


def identity(user: Mapping[str, object]) -> str:
    """Who the session is, for the audit log: the e-mail the provider gave, else its subject id; '' if signed out."""
    if not signed_in(user):
        return ""
    return str(user.get("email") or user.get("sub") or "").strip()


def _email(user: Mapping[str, object]) -> str:
    """The e-mail to match against the allow-list: only one the provider does not say is unverified."""
    if user.get("email_verified") is False or user.get("email_verified") == "false":
        return ""
    return str(user.get("email") or "").strip().casefold()


def _groups(user: Mapping[str, object], claim: str) -> frozenset[str]:
    return _strings(user.get(claim))


def role(user: Mapping[str, object], config: Access) -> Role:
    """The session's role: PMO only when sign-in is on, the session is signed in, and its verified e-mail is on
    the allow-list or one of its groups (the configured claim) is a PMO group."""
    if not config.enabled or not signed_in(user):
        return Role.ANONYMOUS
    email = _email(user)
    if (email and email in config.pmo_emails) or (_groups(user, config.group_claim) & config.pmo_groups):
        return Role.PMO
    return Role.VIEWER
