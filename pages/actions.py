"""Actions: placeholder until issue #4 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Actions")
st.title("Actions")
st.info("Placeholder: the live action log arrives with issue #4.")
