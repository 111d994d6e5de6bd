"""Data quality: placeholder until issue #3 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Data quality")
st.title("Data quality")
st.info("Placeholder: the data-quality checks arrives with issue #3.")
