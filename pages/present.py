"""Chair mode: placeholder until issue #8 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Chair mode")
st.title("Chair mode")
st.info("Placeholder: chair mode for the DAG meeting arrives with issue #8.")
