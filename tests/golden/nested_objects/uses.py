"""Type-checked with ``mypy --strict`` against the package rendered from ``spec.yaml`` (as ``generated``), then run."""

from __future__ import annotations

from typing import assert_type

from generated import Account, Address

account = Account.model_validate(
    {"id": 7, "verified": True, "home": {"city": "Toshkent", "zip": 100000}, "offices": [{"city": "Samarqand"}]}
)
assert_type(account.id, int)
assert_type(account.verified, bool)
assert_type(account.score, float | None)
assert_type(account.aliases, list[str] | None)
assert_type(account.home, Address | None)
assert_type(account.offices, list[Address] | None)
assert account.home is not None and account.home.city == "Toshkent"
assert account.offices == [Address(city="Samarqand")]

try:
    Account.model_validate({"id": 7})
except ValueError:
    pass
else:
    raise AssertionError("a required field without a quirk is required")
