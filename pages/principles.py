"""The principles page: its layout is mhhs_dashboard/screens/principles.py, compiled once per server."""

from mhhs_dashboard.screens import principles

principles.show()
