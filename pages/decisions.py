"""The decisions page: its layout is mhhs_dashboard/screens/decisions.py, compiled once per server."""

from mhhs_dashboard.screens import decisions

decisions.show()
