"""Fixtures for cases: an accepted expression of interest and the case opened from it."""

from __future__ import annotations

import pytest


@pytest.fixture
def interest(world):
    from techbridge.docking.models import Interest

    return Interest.objects.create(
        profile=world["published"],
        organisation=world["orgs"]["ningbo"],
        sent_by=world["users"]["member"],
        message="We want to license the cells.",
        status="accepted",
    )


@pytest.fixture
def case(world, interest):
    from techbridge.cases.services import case_open_from_interest

    return case_open_from_interest(interest=interest, by=world["users"]["broker"])


@pytest.fixture
def evaluator2(world):
    from techbridge.accounts.models import User

    return User.objects.create_user(
        username="evaluator2", password="x-long-password-1", role="evaluator", email="e2@example.org"
    )


SCORES = {"readiness": 4, "ip": 3, "market": 5, "team": 4, "fit": 3, "risks": 2}
