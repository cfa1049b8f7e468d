"""Pure algorithms: typed dataclasses in, results out. Never imports Django, the ORM or the clock."""
