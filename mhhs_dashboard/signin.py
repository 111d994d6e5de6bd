"""Sign-in on screen: Streamlit's own (`st.login`, `st.user`, `st.logout`), with this dashboard's roles (roles.py).

Every page's frame calls `gate_viewers` (a viewer must sign in only if the configuration says so) and
`sidebar`; the workspace page calls `require_pmo` before it draws anything a viewer may not have.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from mhhs_dashboard import roles
from mhhs_dashboard.roles import Access, Role


def config() -> Access:
    """The sign-in and roles configuration from the app's secrets (none: sign-in is off)."""
    try:
        secrets: Mapping[str, object] = st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # a secrets file Streamlit cannot parse leaves sign-in off, never the page down
        secrets = {}
    return roles.access(secrets)


def user() -> dict[str, object]:
    """The session's identity as Streamlit holds it (the identity provider's claims and `is_logged_in`)."""
    return dict(st.user.to_dict())


def current() -> tuple[Access, Role, str]:
    """(configuration, role, identity for the audit log) of this session. With sign-in off no one has a role or
    an identity (roles.role), and st.user is not read: it looks for the secrets file again at every view."""
    cfg = config()
    if not cfg.enabled:
        return cfg, Role.ANONYMOUS, ""
    who = user()
    return cfg, roles.role(who, cfg), roles.identity(who)


def _login(cfg: Access, label: str = "Sign in", key: str = "signin") -> None:
    if st.button(label, icon=":material/login:", key=key, type="primary"):
        if cfg.provider:
            st.login(cfg.provider)
        else:
            st.login()


def sidebar(cfg: Access, role: Role, who: str) -> None:
    """Who is signed in, and the button to sign in or out (nothing while sign-in is off)."""
    if not cfg.enabled:
        return
    with st.sidebar:
        if role is Role.ANONYMOUS:
            _login(cfg, "Sign in (PMO)", key="signin_sidebar")
        else:
            st.caption(f"Signed in as {who}" + (" (PMO)" if role is Role.PMO else ""))
            if st.button("Sign out", icon=":material/logout:", key="signout"):
                st.logout()


def gate_viewers(cfg: Access, role: Role) -> None:
    """When the configuration says viewers must sign in, a session that has not is shown the sign-in only."""
    if cfg.enabled and cfg.viewers_must_sign_in and role is Role.ANONYMOUS:
        st.title("MHHS DAG dashboard")
        st.info("Sign in to read the dashboard.", icon=":material/lock:")
        _login(cfg)
        st.stop()


def require_pmo(cfg: Access, role: Role, who: str) -> str:
    """The PMO's identity; for anyone else, say why the page is closed to them and stop the script here."""
    if not cfg.enabled:
        st.info(
            "Loading extracts from the browser is switched off: sign-in is not configured "
            f"({'; '.join(cfg.problems)}). To switch it on, {roles.HOW_TO_SWITCH_ON}. "
            "Until then the PMO loads extracts with `mhhs-dashboard ingest`.",
            icon=":material/lock:",
        )
        st.stop()
    if not cfg.has_pmo:
        st.info(
            "Sign-in is on, but no one is the PMO yet: list the PMO's e-mail addresses (pmo_emails) or its "
            "group (pmo_groups) in the [roles] section of .streamlit/secrets.toml.",
            icon=":material/lock:",
        )
        st.stop()
    if role is Role.ANONYMOUS:
        st.info("The workspace is the PMO's: sign in to load extracts.", icon=":material/lock:")
        _login(cfg)
        st.stop()
    if role is not Role.PMO:
        st.warning(
            f"Signed in as {who}, who is not on the PMO's list: the workspace is the PMO's only.",
            icon=":material/block:",
        )
        st.stop()
    return who
