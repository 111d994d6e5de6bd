"""The data quality page: its layout is mhhs_dashboard/screens/data_quality.py, compiled once per server."""

from mhhs_dashboard.screens import data_quality

data_quality.show()
