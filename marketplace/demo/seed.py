"""Idempotent demo seeding: each step is one transaction keyed by slug, SKU or e-mail, so
running it again updates rows in place and creates nothing new.

Places, shops and accounts live here; the catalogue steps are in ``catalog_seed.py`` and
the benchmark catalogue in ``bench.py`` (re-exported below).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from marketplace.accounts.models import Address, Group, User
from marketplace.accounts.permissions import PermissionEnum, permission_objects
from marketplace.core.text import nfc
from marketplace.demo.bench import seed_large_catalog
from marketplace.demo.catalog_seed import seed_catalog, seed_collections
from marketplace.demo.places_data import (
    DESIGN_CENTRE_WAREHOUSE,
    PROVINCE,
    PROVINCE_OFFICIAL,
    ROUTES,
    VILLAGES,
    VillageSeed,
)
from marketplace.demo.vendors_data import VENDORS, VendorSeed, vendor_slug, warehouse_slug
from marketplace.inventory.models import ClickAndCollectOption, Warehouse
from marketplace.routes.models import TourismRoute, TourismRouteStop, TourismRouteTranslation
from vendors.shops.models import Vendor, VendorMember, VendorMemberRole, VendorStatus
from vendors.shops.services import vendor_refresh_search_document
from vendors.villages.models import CraftVillage, CraftVillageTranslation
from vendors.villages.services import village_refresh_search_document

__all__ = [
    "DEMO_ACCOUNTS",
    "DemoAccount",
    "seed_accounts",
    "seed_catalog",
    "seed_collections",
    "seed_large_catalog",
    "seed_routes",
    "seed_vendors",
    "seed_villages",
    "vendor_slug",
    "warehouse_slug",
]

Log = Callable[[str], None]
CURATORS_GROUP = "Design Centre curators"
CURATOR_PERMISSIONS = [PermissionEnum.MANAGE_SHOWCASE, PermissionEnum.MANAGE_OCOP]


def _quiet(message: str) -> None:
    pass


def official_ward(commune: str) -> str:
    """``"xã Bát Tràng"`` -> ``"Xã Bát Tràng"``, the spelling of the official unit list."""
    return commune[:1].upper() + commune[1:]


# ---------------------------------------------------------------- villages and routes


def _village_texts(v: VillageSeed) -> tuple[str, str]:
    vi = (
        f"{v.name} – làng nghề {v.craft.lower()} ở {v.commune}, thành phố {PROVINCE}; "
        f"trước năm 2025 thuộc {v.legacy_district}."
    )
    en = (
        f"{v.name_en}: a {v.craft_en.lower()} village in {v.commune}, Hanoi (before 2025 in "
        f"{v.legacy_district})."
    )
    return nfc(vi), nfc(f"{en} {v.notes}".strip())


@transaction.atomic
def seed_villages(log: Log = _quiet) -> int:
    for v in VILLAGES:
        description, description_en = _village_texts(v)
        village, _ = CraftVillage.objects.update_or_create(
            slug=v.slug,
            defaults={
                "name": nfc(v.name),
                "craft": nfc(v.craft),
                "description": description,
                "province": PROVINCE,
                "commune": nfc(v.commune),
                "legacy_district": nfc(v.legacy_district),
                "latitude": v.lat,
                "longitude": v.lon,
            },
        )
        CraftVillageTranslation.objects.update_or_create(
            village=village,
            language_code="en",
            defaults={"name": v.name_en, "craft": v.craft_en, "description": description_en},
        )
        village_refresh_search_document(village)
    log(f"villages: {len(VILLAGES)}")
    return len(VILLAGES)


@transaction.atomic
def seed_routes(log: Log = _quiet) -> int:
    villages = {v.slug: v for v in CraftVillage.objects.all()}
    for r in ROUTES:
        route, _ = TourismRoute.objects.update_or_create(
            slug=r.slug,
            defaults={
                "name": nfc(r.name),
                "description": nfc(r.description),
                "distance_km": r.distance_km,
                "duration_hours": r.duration_hours,
                "is_published": True,
                "launched_on": date.fromisoformat(r.launched),
            },
        )
        for position, stop in enumerate(r.stops, start=1):
            TourismRouteStop.objects.update_or_create(
                route=route,
                position=position,
                defaults={
                    "title": nfc(stop.title),
                    "village": villages[stop.village] if stop.village else None,
                    "activities": nfc(stop.activities),
                    "visit_minutes": stop.visit_minutes,
                },
            )
        route.stops.filter(position__gt=len(r.stops)).delete()
        TourismRouteTranslation.objects.update_or_create(
            route=route,
            language_code="en",
            defaults={"name": r.name_en, "description": r.description_en},
        )
    log(f"routes: {len(ROUTES)}")
    return len(ROUTES)


# ---------------------------------------------------------------- vendors and warehouses


def _mobile_phone(key: str) -> str:
    """A deterministic Vietnamese mobile number in E.164: +84 9x xxx xxxx."""
    rng = random.Random(f"phone:{key}")
    return f"+849{rng.choice('0134678')}{rng.randrange(10**7):07d}"


def _upsert_warehouse(slug: str, address_fields: dict, **fields) -> Warehouse:  # type: ignore[no-untyped-def,type-arg]
    warehouse = Warehouse.objects.select_related("address").filter(slug=slug).first()
    if warehouse is None:
        address = Address.objects.create(**address_fields)
        return Warehouse.objects.create(slug=slug, address=address, **fields)
    for name, value in address_fields.items():
        setattr(warehouse.address, name, value)
    warehouse.address.save()
    for name, value in fields.items():
        setattr(warehouse, name, value)
    warehouse.save()
    return warehouse


def _vendor_address(seed: VendorSeed, village: VillageSeed, phone: str) -> dict:  # type: ignore[type-arg]
    family, _, given = seed.owner.partition(" ")
    return {
        # Display order "Nguyễn Minh Châu", as the project's address factory does.
        "first_name": nfc(family),
        "last_name": nfc(given),
        "company_name": nfc(seed.name),
        "street_address_1": nfc(seed.street),
        "city": nfc(official_ward(village.commune)),
        "postal_code": village.postal_code,
        "country": "VN",
        "country_area": PROVINCE_OFFICIAL,
        "phone": phone,
    }


@transaction.atomic
def seed_vendors(log: Log = _quiet) -> dict[str, int]:
    villages = {v.slug: v for v in CraftVillage.objects.all()}
    village_seeds = {v.slug: v for v in VILLAGES}
    for seed in VENDORS:
        slug = vendor_slug(seed)
        phone = _mobile_phone(slug)
        vendor, _ = Vendor.objects.update_or_create(
            slug=slug,
            defaults={
                "name": nfc(seed.name),
                "description": nfc(seed.description),
                "village": villages[seed.village],
                "status": VendorStatus.PENDING if seed.pending else VendorStatus.ACTIVE,
                "phone": phone,
                "commission_rate": Decimal(seed.commission),
                "allows_pickup": seed.allows_pickup,
            },
        )
        vendor_refresh_search_document(vendor)
        _upsert_warehouse(
            warehouse_slug(slug),
            _vendor_address(seed, village_seeds[seed.village], phone),
            name=nfc(f"Xưởng {seed.name}"),
            vendor=vendor,
            email=f"{slug}@shops.langnghe.vn",
            click_and_collect_option=(
                ClickAndCollectOption.LOCAL if seed.allows_pickup else ClickAndCollectOption.DISABLED
            ),
            opening_hours=seed.opening_hours,
        )
    dc = DESIGN_CENTRE_WAREHOUSE
    _upsert_warehouse(
        dc["slug"],
        {
            "company_name": nfc(dc["name"]),
            "street_address_1": nfc(dc["street"]),
            "city": nfc(dc["ward"]),
            "postal_code": dc["postal_code"],
            "country": "VN",
            "country_area": PROVINCE_OFFICIAL,
            "phone": dc["phone"],
        },
        name=nfc(dc["name"]),
        vendor=None,
        email=dc["email"],
        click_and_collect_option=ClickAndCollectOption.ALL,
        opening_hours=dc["opening_hours"],
    )
    active = sum(1 for s in VENDORS if not s.pending)
    log(f"vendors: {active} active, {len(VENDORS) - active} pending, {len(VENDORS) + 1} warehouses")
    return {"active": active, "pending": len(VENDORS) - active}


# ---------------------------------------------------------------- accounts


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    first_name: str
    last_name: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "admin@langnghe.vn",
        "demo-admin-2026",
        "staff (superuser)",
        "Quản trị",
        "viên",
        is_staff=True,
        is_superuser=True,
    ),
    # Curator of the Design Centre showcase: staff in the curators' permission group.
    DemoAccount(
        "curator@langnghe.vn",
        "demo-curator-2026",
        "curator (Design Centre curators group)",
        "Trần",
        "Thu Hà",
        is_staff=True,
    ),
    DemoAccount("artisan@langnghe.vn", "demo-artisan-2026", "vendor owner", "Nguyễn", "Minh Châu"),
    DemoAccount("customer@langnghe.vn", "demo-customer-2026", "customer", "Lê", "Phương Anh"),
)
ARTISAN_VENDOR = VENDORS[0]  # the first Bát Tràng shop


def _upsert_user(account: DemoAccount) -> User:
    fields = {
        "first_name": nfc(account.first_name),
        "last_name": nfc(account.last_name),
        "is_staff": account.is_staff,
        "is_superuser": account.is_superuser,
        "is_active": True,
        "language_code": "vi",
    }
    user = User.objects.filter(email=account.email).first()
    if user is None:
        return User.objects.create_user(account.email, account.password, **fields)
    for name, value in fields.items():
        setattr(user, name, value)
    user.set_password(account.password)  # so the printed password always works
    user.save()
    return user


@transaction.atomic
def seed_accounts(log: Log = _quiet) -> tuple[DemoAccount, ...]:
    users = {account.email: _upsert_user(account) for account in DEMO_ACCOUNTS}
    vendor = Vendor.objects.get(slug=vendor_slug(ARTISAN_VENDOR))
    VendorMember.objects.update_or_create(
        vendor=vendor, user=users["artisan@langnghe.vn"], defaults={"role": VendorMemberRole.OWNER}
    )
    curators, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    curators.permissions.set(permission_objects(CURATOR_PERMISSIONS))
    curators.user_set.add(users["curator@langnghe.vn"])
    customer = users["customer@langnghe.vn"]
    if customer.default_shipping_address_id is None:
        address = Address.objects.create(
            first_name=customer.first_name,
            last_name=customer.last_name,
            street_address_1=nfc("Số 12, ngõ 68 phố Cầu Giấy"),
            city=nfc("Phường Cầu Giấy"),
            postal_code="11306",
            country="VN",
            country_area=PROVINCE_OFFICIAL,
            phone="+84912000123",
        )
        customer.addresses.add(address)
        customer.default_shipping_address = address
        customer.default_billing_address = address
        customer.save(update_fields=["default_shipping_address", "default_billing_address"])
    log(f"accounts: {len(DEMO_ACCOUNTS)}")
    return DEMO_ACCOUNTS
