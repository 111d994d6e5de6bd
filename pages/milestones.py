"""Milestones & releases: placeholder until issue #6 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Milestones & releases")
st.title("Milestones & releases")
st.info("Placeholder: the milestone timeline and release list arrives with issue #6.")
