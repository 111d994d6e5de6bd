"""The dins page: its layout is mhhs_dashboard/screens/dins.py, compiled once per server."""

from mhhs_dashboard.screens import dins

dins.show()
