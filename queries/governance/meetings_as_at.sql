-- meetings_as_at: one row: "now" for the calendar, the meetings log's as-at date (else the groups list's).
-- params: none
select coalesce(as_at_of('meetings'), as_at_of('groups')) as as_at
