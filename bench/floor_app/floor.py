"""The browser floor: one metric and one Plotly chart on constant data (no DuckDB, no frame, no queries)."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
st.title("Framework floor")
st.metric("DINs recorded", "102,900")
st.plotly_chart(go.Figure(go.Bar(x=["Open", "Closed"], y=[8600, 94300])), key="floor")
