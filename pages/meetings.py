"""The meetings page: its layout is mhhs_dashboard/screens/meetings.py, compiled once per server."""

from mhhs_dashboard.screens import meetings

meetings.show()
