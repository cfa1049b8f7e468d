"""The demo events: a past event with outcomes and hand-overs, an upcoming one of ~40 participants scheduled."""


def _demo_directory(world):
    """24 Chinese and 24 Polish demo organisations with one demo person each (what `demo_load` provides)."""
    from techbridge.directory.models import Organisation, Person

    for i in range(48):
        country = "CN" if i % 2 else "PL"
        org = Organisation.objects.create(
            key=f"demo-{i}", name=f"Demo {country} {i}", kind="enterprise", country_id=country, is_demo=True
        )
        Person.objects.create(
            key=f"person-{i}",
            full_name=f"Person {i}",
            kind="expert",
            organisation=org,
            country_id=country,
            is_demo=True,
        )


def test_the_demo_events_load_once_with_schedules_and_outcomes(world):
    from techbridge.events.demo import PAST, UPCOMING, events_demo_load
    from techbridge.events.models import Event, Meeting

    _demo_directory(world)
    counts = events_demo_load(time_limit=1)
    assert counts["events"] == 2
    upcoming = Event.objects.get(title=UPCOMING)
    assert upcoming.registrations.count() == 40
    assert upcoming.schedule_status in ("optimal", "feasible")
    assert upcoming.schedule_weight and upcoming.schedule_bound >= upcoming.schedule_weight
    assert upcoming.schedule_bound <= Meeting.objects.filter(event=upcoming).count()  # never above all placed
    past = Event.objects.get(title=PAST)
    assert not past.registration_open
    assert Meeting.objects.filter(event=past).exclude(outcome="").exists()
    assert past.registrations.filter(no_show=True).count() == 1
    assert events_demo_load(time_limit=1)["events"] == 0  # idempotent
