"""Fixtures of the attack-class modules (see support.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx
from fastapi import FastAPI

from oneid_sdk.security import InMemoryStateStore
from oneid_sdk.settings import OneIDSettings
from tests.security.support import FakeOneID, portal_app, portal_settings


@pytest.fixture
def portal() -> OneIDSettings:
    """The portal's settings."""
    return portal_settings()


@pytest.fixture
def fake_oneid() -> Iterator[FakeOneID]:
    """OneID, mocked; any other outgoing request fails the test."""
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as mock:
        yield FakeOneID(mock)


@pytest.fixture
def store() -> InMemoryStateStore:
    """The state store the portal's routers share."""
    return InMemoryStateStore()


@pytest.fixture
def app(portal: OneIDSettings, store: InMemoryStateStore) -> FastAPI:
    """The portal with both routers."""
    return portal_app(portal, state_store=store)
