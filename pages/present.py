"""The present page: its layout is mhhs_dashboard/screens/present.py, compiled once per server."""

from mhhs_dashboard.screens import present

present.show()
