"""The figures the DAG #36 pack prints (seeds/000_e15b2c5a7c6bea07.txt), which the embedded data must reproduce."""

DINS = {"total": 1029, "open": 86, "closed": 943, "with_release": 762, "without_release": 267}
BY_STATUS = {
    "Closed": 206,
    "Implemented": 737,
    "Industry CP Required": 3,
    "Initial Assessment/Updating": 14,
    "Open - awaiting assessment": 44,
    "Ready for Internal Review": 22,
    "Requires Industry Work Group review": 2,
    "Updates Ready to Release": 1,
}
# "Total DINs by Release" with the two "Interim Release 5.2" rows (8 and 20) counted once
BY_RELEASE = {
    "Interim Release 1": 133,
    "Interim Release 2": 103,
    "Interim Release 3": 57,
    "Interim Release 4": 84,
    "Interim Release 5": 103,
    "Interim Release 6": 34,
    "Interim Release 7": 80,
    "Interim Release 8": 43,
    "Interim Release 5.1": 25,
    "Interim Release 2.1": 3,
    "Interim Release 2.2": 1,
    "Post Go-live Release TBC": 19,
    "Interim Release 5.2": 28,
    "Interim Release 2.3": 6,
    "Interim Release 5.3": 2,
    "Interim Release 5.4": 10,
    "Interim Release 7.1": 20,
    "Interim Release 5.5": 7,
    "Interim Release 7.2": 4,
}
OPEN_BY_STATUS = {s: n for s, n in BY_STATUS.items() if s not in ("Closed", "Implemented")}
SEATS = {"SITAG": (9, 13), "MCAG": (9, 13), "QAG": (9, 11)}
CR_APPROVAL = {"Approved": 2, "Open": 5, "Withdrawn": 1}
CR_REFS = ["CR043", "CR044", "CR045", "CR046", "CR047", "CR048", "CR049", "CR050"]
ACTION_REFS = ["DAG32-06", "DAG34-04", "DAG34-08", "DAG35-01", "DAG35-02", "DAG35-03", "DAG35-04"]
