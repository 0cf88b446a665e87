"""Users (email is the login), postal addresses, apps (server-side principals) and the
marketplace's permissions."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, Group, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.managers import UserManager


def new_token_key() -> str:
    return secrets.token_urlsafe(9)


class Address(models.Model):
    """A Vietnamese two-tier address: province (``country_area``) then commune/ward (``city``)."""

    first_name = models.CharField(max_length=256, blank=True, default="")
    last_name = models.CharField(max_length=256, blank=True, default="")
    company_name = models.CharField(max_length=256, blank=True, default="")
    street_address_1 = models.CharField(max_length=256, blank=True, default="")
    street_address_2 = models.CharField(max_length=256, blank=True, default="")
    city = models.CharField(max_length=256, blank=True, default="")
    city_area = models.CharField(max_length=128, blank=True, default="")
    postal_code = models.CharField(max_length=20, blank=True, default="")
    country = models.CharField(max_length=2, default="VN")
    country_area = models.CharField(max_length=128, blank=True, default="")
    phone = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ("pk",)

    def __str__(self) -> str:
        return ", ".join(p for p in (self.street_address_1, self.city, self.country_area) if p)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=256, blank=True, default="")
    last_name = models.CharField(max_length=256, blank=True, default="")
    language_code = models.CharField(max_length=10, default="vi")
    is_active = models.BooleanField(default=True)
    is_confirmed = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Saleor's User.avatar: stored under a generated name (marketplace.core.uploads).
    avatar = models.ImageField(upload_to="user-avatars", blank=True, default="")
    # Part of every JWT of this user; replacing it revokes all earlier tokens.
    jwt_token_key = models.CharField(max_length=12, default=new_token_key)
    addresses = models.ManyToManyField(Address, blank=True, related_name="user_addresses")
    default_shipping_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    default_billing_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    # Saleor's metadata: public (the user and staff) and private (staff only).
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.email


class MarketplacePermissions(models.Model):
    """Holds the marketplace's permissions (no table): ``accounts.manage_products``..."""

    class Meta:
        verbose_name = _("marketplace permission")
        verbose_name_plural = _("marketplace permissions")
        managed = False
        default_permissions = ()
        permissions = (
            ("manage_products", "Manage products, variants, stock and media."),
            ("manage_orders", "Manage orders."),
            ("manage_users", "Manage customers."),
            ("manage_staff", "Manage staff and permission groups."),
            ("manage_channels", "Manage channels."),
            ("manage_vendors", "Approve, suspend and manage artisan shops."),
            ("manage_routes", "Manage tourism routes."),
            ("manage_showcase", "Curate the Design Centre showcase."),
            ("manage_ocop", "Verify and reject OCOP certificates."),
            ("manage_apps", "Manage apps and their tokens."),
            ("manage_menus", "Manage the storefront's navigation menus."),
            ("manage_pages", "Manage content pages and their translations."),
            ("manage_discounts", "Manage vouchers: the marketplace's, and any shop's."),
        )


class App(models.Model):
    """A server-side principal (Saleor's app), e.g. a storefront's backend, with permissions."""

    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)
    permissions = models.ManyToManyField("auth.Permission", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("app")
        verbose_name_plural = _("apps")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class AppToken(models.Model):
    """Only a SHA-256 of the token is stored; the last 4 characters identify it to people."""

    app = models.ForeignKey(App, related_name="tokens", on_delete=models.CASCADE)
    name = models.CharField(max_length=128, blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    token_last_4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("app token")
        verbose_name_plural = _("app tokens")


__all__ = ["Address", "App", "AppToken", "Group", "MarketplacePermissions", "User"]
