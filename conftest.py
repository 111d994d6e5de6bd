"""pytest's root: the shared fixtures (tests/fixtures.py) for both test folders, tests/ and bench/tests/."""

pytest_plugins = ["tests.fixtures"]
