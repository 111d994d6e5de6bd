"""The workspace page: its layout is mhhs_dashboard/screens/workspace.py, compiled once per server."""

from mhhs_dashboard.screens import workspace

workspace.show()
