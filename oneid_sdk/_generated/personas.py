# Generated from spec/oneid.yaml by `python -m generator`. Do not edit: change the spec.
"""The emulator's sample people, from the spec's ``personas``. Every value is invented."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["PERSONAS", "Persona"]


@dataclass(frozen=True)
class Persona:
    """A sample person: ``identify`` is the body of OneID's answer to ``identify``, quirks included."""

    id: str
    label: str
    identify: Mapping[str, object]


PERSONAS: Final[tuple[Persona, ...]] = (
    Persona(
        id="individual",
        label="Individual, signs in with login and password",
        identify=MappingProxyType(
            {
                "valid": "true",
                "validation_method": ["MOBILEMETHOD"],
                "pin": "30101850000011",
                "user_id": "aziz.karimov",
                "full_name": "KARIMOV AZIZ BAHODIR O‘G‘LI",
                "pport_no": "AA0000011",
                "birth_date": "1985-01-01",
                "sur_name": "KARIMOV",
                "first_name": "AZIZ",
                "mid_name": "BAHODIR O‘G‘LI",
                "user_type": "I",
                "auth_method": "LOGINPASSMETHOD",
                "legal_info": [],
            }
        ),
    ),
    Persona(
        id="no-patronymic",
        label="Individual without a patronymic, signs in with Mobile-ID",
        identify=MappingProxyType(
            {
                "valid": "true",
                "validation_method": "MOBILEMETHOD",
                "pin": "42002920000022",
                "user_id": "elena.kim",
                "full_name": "KIM ELENA",
                "pport_no": "AB0000022",
                "birth_date": "1992-02-20",
                "sur_name": "KIM",
                "first_name": "ELENA",
                "mid_name": "",
                "user_type": "I",
                "auth_method": "MOBILEMETHOD",
                "legal_info": None,
            }
        ),
    ),
    Persona(
        id="legal-entity",
        label="Director of two companies, signs in with the company's e-signature key",
        identify=MappingProxyType(
            {
                "valid": "true",
                "validation_method": ["PKCSMETHOD"],
                "pin": "31503780000033",
                "user_id": "rustam.nazarov",
                "full_name": "NAZAROV RUSTAM ILHOM O‘G‘LI",
                "pport_no": "AC0000033",
                "birth_date": "1978-03-15",
                "sur_name": "NAZAROV",
                "first_name": "RUSTAM",
                "mid_name": "ILHOM O‘G‘LI",
                "user_type": "L",
                "auth_method": "LEPKCSMETHOD",
                "pkcs_legal_tin": "300000033",
                "legal_info": [
                    {
                        "is_basic": True,
                        "tin": "300000033",
                        "le_tin": "300000033",
                        "le_name": '"NAMUNA SAVDO" MCHJ',
                        "acron_UZ": '"NAMUNA SAVDO" MCHJ',
                    },
                    {
                        "is_basic": False,
                        "tin": "300000044",
                        "le_tin": "300000044",
                        "le_name": '"TAJRIBA QURILISH" AJ',
                        "acron_UZ": '"TAJRIBA QURILISH" AJ',
                    },
                ],
            }
        ),
    ),
    Persona(
        id="unverified",
        label='Unverified account (valid is "false")',
        identify=MappingProxyType(
            {
                "valid": "false",
                "validation_method": [],
                "pin": "61207990000055",
                "user_id": "dilnoza.t",
                "full_name": "TOSHEVA DILNOZA ANVAR QIZI",
                "pport_no": "AD0000055",
                "birth_date": "1999-07-12",
                "sur_name": "TOSHEVA",
                "first_name": "DILNOZA",
                "mid_name": "ANVAR QIZI",
                "user_type": "I",
                "auth_method": "LOGINPASSMETHOD",
            }
        ),
    ),
    Persona(
        id="older-answer",
        label="Director of one company, answered in the older, extended shape (no auth_method)",
        identify=MappingProxyType(
            {
                "legal_info": [
                    {
                        "le_tin": "300000066",
                        "tin": "300000066",
                        "le_name": '"NAMUNA TEXTIL" MCHJ',
                        "acron_UZ": '"NAMUNA TEXTIL" MCHJ',
                        "is_basic": True,
                    }
                ],
                "birth_date": "1987-05-28",
                "ctzn": "ЎЗБЕКИСТОН",
                "per_adr": "ТОШКЕНТ Ш., НАМУНА КЎЧАСИ, 1-УЙ",
                "tin": "500000066",
                "pport_issue_place": "ТОШКЕНТ Ш. ИИББ",
                "sur_name": "USMONOV",
                "gd": "1",
                "natn": "ЎЗБЕК",
                "pport_issue_date": "2016-04-07",
                "_pport_issue_date": "2016-07-04",
                "pport_expr_date": "2026-04-06",
                "_pport_expr_date": "2026-06-04",
                "pport_no": "AE0000066",
                "pin": "32805870000066",
                "mob_phone_no": "+998900000066",
                "user_id": "bobur.usmonov",
                "email": "bobur.usmonov@example.uz",
                "birth_place": "TOSHKENT",
                "birth_cntry": "ЎЗБЕКИСТОН",
                "tem_adr": "",
                "mid_name": "TIMUR O‘G‘LI",
                "valid": "true",
                "user_type": "L",
                "first_name": "BOBUR",
                "full_name": "USMONOV BOBUR TIMUR O‘G‘LI",
            }
        ),
    ),
)
