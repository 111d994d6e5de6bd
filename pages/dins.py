"""DIN log: placeholder until issue #3 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("DIN log")
st.title("DIN log")
st.info("Placeholder: the DIN explorer (filters, drill-down, history, downloads) arrives with issue #3.")
