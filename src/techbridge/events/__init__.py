"""Events: docking conferences (brokerage events) from registration to outcomes.

Model choices: a Registration is one attending person, an Organisation plus a signed-in user (members
register themselves) or only a name (organisers register delegates and walk-ins). Slots are derived from
the event's days, sessions and slot length (:mod:`.timeplan`); meetings store their slot index and table.
The schedule runs as the background job "events.schedule" (:mod:`.schedule` builds the core's
EventModel); an infeasible run stores the core's conflicts and leaves the previous schedule untouched.
A hand-over flags the meeting with a timestamp and, with the cases app installed, opens a case.
"""
