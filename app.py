"""The overview: its layout is mhhs_dashboard/screens/overview.py, compiled once per server."""

from mhhs_dashboard.screens import overview

overview.show()
