"""The groups page: its layout is mhhs_dashboard/screens/groups.py, compiled once per server."""

from mhhs_dashboard.screens import groups

groups.show()
