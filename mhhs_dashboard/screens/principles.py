"""Design principles: the sixteen high-level design principles of the MHHS design (the pack's appendix), with their
scope, sub-principles and the PRInnn references CRs and DINs cite."""

import streamlit as st

from mhhs_dashboard import data
from mhhs_dashboard.elements import empty_state, plain_table, table_as_at
from mhhs_dashboard.frame import frame
from mhhs_dashboard.runs import one_at_a_time


@one_at_a_time
def show() -> None:
    f = frame("Design principles", filters=())
    st.title("Design principles")
    st.caption(
        "The high-level design principles the MHHS design is held to, as the meeting pack's appendix prints them. "
        "A change request or DIN that bears on one cites it by its PRInnn reference. "
        f"{table_as_at(f.src, 'principles')}."
    )
    principles = data.principles_list(f.src)
    if principles.empty:
        empty_state(f, "principles", "design principles", "pages/principles.py", filtered=False)
    else:
        plain_table(
            principles,
            {
                "principle_ref": "Ref",
                "principle": "Principle",
                "scope": "Scope",
                "sub_principles": "Sub-principles",
                "refs": "References",
            },
            "High-level design principles",
            widths={"principle_ref": 0.05, "principle": 0.5, "scope": 0.11, "sub_principles": 0.24, "refs": 0.1},
        )
