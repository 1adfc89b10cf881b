"""Reading OneID's identify answer: the SDK's tolerant ``UserInfo`` against a plain pydantic model of the same keys.

The tolerant model repairs OneID's quirks (string booleans, ``legal_info`` as object or list, blank fields, unknown
keys kept) and turns any malformed optional field into ``None`` with a Python validator around each field, which
costs time. Target: under 100 microseconds per answer on one core (a login makes one identify call, which takes
OneID a thousand times longer). The ratio to a plain model that repairs nothing is printed to show what the
tolerance costs; it is information, not a target.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from oneid_sdk import UserInfo
from oneid_sdk._generated.personas import PERSONAS


class PlainLegalInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")
    is_basic: bool | None = None
    tin: str | None = None
    le_tin: str | None = None
    le_name: str | None = None
    acron_UZ: str | None = None


class PlainUserInfo(BaseModel):
    """The same keys read as they come, with no repair of quirks."""

    model_config = ConfigDict(extra="ignore")
    valid: str | None = None
    validation_method: list[str] | str | None = None
    pin: str
    user_id: str | None = None
    full_name: str | None = None
    pport_no: str | None = None
    birth_date: str | None = None
    sur_name: str | None = None
    first_name: str | None = None
    mid_name: str | None = None
    user_type: str | None = None
    sess_id: str | None = None
    ret_cd: str | None = None
    auth_method: str | None = None
    pkcs_legal_tin: str | None = None
    legal_info: list[PlainLegalInfo] | None = None


def per_second(parse: Callable[[bytes], object], bodies: list[bytes], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for body in bodies:
            parse(body)
    return rounds * len(bodies) / (time.perf_counter() - started)


def main(rounds: int) -> None:
    legal_entity = next(persona for persona in PERSONAS if persona.id == "legal-entity")
    answer: dict[str, Any] = {**legal_entity.identify, "sess_id": "0" * 36, "ret_cd": "0"}
    bodies = [json.dumps(answer).encode()]
    json_only = per_second(json.loads, bodies, rounds)
    plain = per_second(PlainUserInfo.model_validate_json, bodies, rounds)
    sdk = per_second(UserInfo.model_validate_json, bodies, rounds)
    print(f"json.loads only:      {json_only:>10,.0f} answers/s")
    print(f"plain pydantic model: {plain:>10,.0f} answers/s")
    print(f"UserInfo (tolerant):  {sdk:>10,.0f} answers/s   {1e6 / sdk:.1f} us each (target < 100)")
    print(f"UserInfo / plain:     {plain / sdk:>10.2f}x slower  (the cost of tolerance)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20_000)
    main(parser.parse_args().rounds)
