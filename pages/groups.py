"""Groups & seats: placeholder until issue #5 lands."""

import streamlit as st

from mhhs_dashboard.frame import frame

frame("Groups & seats")
st.title("Groups & seats")
st.info("Placeholder: the seat grid and group cards arrives with issue #5.")
