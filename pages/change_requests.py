"""Change requests: placeholder until issue #4 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Change requests")
st.title("Change requests")
st.info("Placeholder: the live CR register and pipeline arrives with issue #4.")
