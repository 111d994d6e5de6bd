"""The actions page: its layout is mhhs_dashboard/screens/actions.py, compiled once per server."""

from mhhs_dashboard.screens import actions

actions.show()
