"""Meetings: placeholder until issue #5 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Meetings")
st.title("Meetings")
st.info("Placeholder: the meeting calendar and .ics export arrives with issue #5.")
