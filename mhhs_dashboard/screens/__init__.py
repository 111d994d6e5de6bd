"""Each page's layout as a `show()` function: `app.py` and `pages/*.py` only call it.

Streamlit compiles a page script again whenever no session is open (it clears its script cache when the last
one leaves), and for a page of 200 lines that was up to 12 ms of server CPU on a view; a module here is
compiled once per server process."""
