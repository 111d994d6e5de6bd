"""The milestones page: its layout is mhhs_dashboard/screens/milestones.py, compiled once per server."""

from mhhs_dashboard.screens import milestones

milestones.show()
