"""Fixtures shared by the docking tests."""

import pytest

from techbridge.marketplace.models import Profile


@pytest.fixture
def docking_world(world):
    """A published Chinese request of the Ningbo company, the Polish offer, and an unrelated English offer."""
    request = world["draft"]
    request.title = "寻求固态锂电池技术"
    request.summary = (
        "宁波企业寻求固态锂电池电芯技术，用于电动滑板车，要求能量密度高、安全性好，希望获得技术许可。"
    )
    request.description = "我们生产电动滑板车，需要高能量密度、无热失控的固态电池。" * 5
    request.partnership_types = ["licence"]
    request.status = "published"
    request.save()
    request.technology_keywords.set([world["terms"]["battery"]])
    other = Profile.objects.create(
        reference="TOPL20260101002",
        kind="offer",
        organisation=world["orgs"]["third"],
        language="en",
        title="Precision agriculture drones",
        summary="Drones that map crop health for farms.",
        description="Multispectral cameras and flight planning for agriculture.",
        status="published",
        trl=7,
    )
    return {**world, "request": request, "other": other}
