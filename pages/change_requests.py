"""The change requests page: its layout is mhhs_dashboard/screens/change_requests.py, compiled once per server."""

from mhhs_dashboard.screens import change_requests

change_requests.show()
