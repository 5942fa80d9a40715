"""Demo accounts at the Ministry, two provinces and a commune in each (one per role), with the
villages and organisations the other apps' demo data is kept at. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from antq.accounts.models import RoleAssignment, User
from antq.core.actor import Actor, Role
from antq.core.demo import DEMO_PASSWORD, demo_step
from antq.units import services as unit_services
from antq.units.models import NATION_CODE, Unit, UnitKind

# Demo administrators carry a TOTP device with this fixed key so a tester can log in with any
# authenticator app (or `manage.py demo_totp <username>`). Never used outside demo data.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


@dataclass(frozen=True)
class DemoArea:
    prefix: str
    unit_code: str
    label: str


AREAS = [
    DemoArea("bo", NATION_CODE, "Bộ Công an (Cục V05)"),
    DemoArea("hatinh", "42", "Công an tỉnh Hà Tĩnh"),
    DemoArea("khanhhoa", "56", "Công an tỉnh Khánh Hòa"),
    DemoArea("thanhsen", "18073", "Công an phường Thành Sen"),
    DemoArea("camlam", "22453", "Công an xã Cam Lâm"),
]
ROLE_TITLES = {
    Role.ADMINISTRATOR: "Quản trị hệ thống",
    Role.LEADER: "Lãnh đạo",
    Role.OFFICER: "Cán bộ phong trào",
    Role.VIEWER: "Theo dõi",
}
VILLAGES = {
    "18073": [("residential_group", f"Tổ dân phố {n}") for n in range(1, 9)],
    "18133": [("village", name) for name in ("Thôn Bình Minh", "Thôn Trung Hòa", "Thôn Tân Thành", "Thôn Đông Hà")],
    "22366": [("residential_group", f"Tổ dân phố {n}") for n in range(1, 7)],
    "22453": [("village", name) for name in ("Thôn Tân Hải", "Thôn Đông Cam", "Thôn Văn Thủy", "Thôn Hòa Lý")],
}
ORGANISATIONS = {
    "18073": [("school", "Trường THPT Phan Đình Phùng"), ("agency", "UBND phường Thành Sen")],
    "22453": [("enterprise", "Công ty TNHH Thủy sản Cam Lâm")],
    "42": [("industrial_zone", "Khu kinh tế Vũng Áng"), ("school", "Trường Đại học Hà Tĩnh")],
    "56": [("school", "Trường Đại học Nha Trang")],
}
FLAGS = {
    "18133": {"is_border": True, "is_ethnic_minority": True},
    "22453": {"is_religious": True},
}


@demo_step
def demo_accounts() -> list[str]:
    """Create demo accounts and units; returns the usernames created this run."""
    created: list[str] = []
    with transaction.atomic():
        for area in AREAS:
            unit = Unit.objects.get(code=area.unit_code)
            for role, title in ROLE_TITLES.items():
                username = f"{area.prefix}.{role.value}"
                user, was_created = User.objects.get_or_create(
                    username=username,
                    defaults={"full_name": f"{title} — {area.label}", "position": title, "home_unit": unit},
                )
                if was_created:
                    user.set_password(DEMO_PASSWORD)
                    user.refresh_search_text()
                    user.save()
                    created.append(username)
                RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
                if role == Role.ADMINISTRATOR:
                    TOTPDevice.objects.get_or_create(
                        user=user, name="demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
                    )
        system = Actor.of(User.objects.get(username="bo.administrator"))
        for parent_code, kind, name in [
            (code, kind, name)
            for table in (VILLAGES, ORGANISATIONS)
            for code, rows in table.items()
            for kind, name in rows
        ]:
            if not Unit.objects.filter(parent__code=parent_code, name=name).exists():
                unit_services.unit_create(actor=system, parent_code=parent_code, kind=kind, name=name)
        for code, flags in FLAGS.items():
            Unit.objects.filter(code=code, kind__in=[UnitKind.COMMUNE, UnitKind.WARD]).update(**flags)
    return created
