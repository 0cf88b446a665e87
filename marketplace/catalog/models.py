"""The catalogue in Saleor's shape: categories, types, attributes, products, variants,
media, collections and their per-channel listings, with English translations."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.managers import CollectionQuerySet, ProductQuerySet, ProductVariantQuerySet
from marketplace.core.models import SeoModel, SortableModel, Translation, translated_slug_field
from marketplace.core.money import DECIMAL_PLACES, MAX_DIGITS

# ---------------------------------------------------------------- categories


class Category(SeoModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(blank=True, null=True)
    description_plaintext = models.TextField(blank=True, default="")
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.CASCADE
    )
    level = models.PositiveSmallIntegerField(default=0, db_index=True)
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True, default="")
    background_image_alt = models.CharField(max_length=128, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class CategoryTranslation(Translation, SeoModel):
    category = models.ForeignKey(Category, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=250, blank=True, default="")
    description = models.JSONField(blank=True, null=True)
    slug = translated_slug_field()

    class Meta:
        verbose_name = _("category translation")
        verbose_name_plural = _("category translations")
        constraints = [
            models.UniqueConstraint(fields=["category", "language_code"], name="uniq_category_translation"),
            models.UniqueConstraint(fields=["language_code", "slug"], name="uniq_category_translation_slug"),
        ]


# ---------------------------------------------------------------- attributes


class AttributeInputType(models.TextChoices):
    DROPDOWN = "DROPDOWN", _("Dropdown")
    MULTISELECT = "MULTISELECT", _("Multiselect")
    SWATCH = "SWATCH", _("Swatch")
    PLAIN_TEXT = "PLAIN_TEXT", _("Plain text")
    NUMERIC = "NUMERIC", _("Numeric")
    BOOLEAN = "BOOLEAN", _("Boolean")
    FILE = "FILE", _("File")
    SINGLE_REFERENCE = "SINGLE_REFERENCE", _("Single reference")
    DATE = "DATE", _("Date")
    DATE_TIME = "DATE_TIME", _("Date and time")


# Values chosen from the attribute's list, shared by every object that has them.
CHOICE_INPUT_TYPES = frozenset(
    {AttributeInputType.DROPDOWN, AttributeInputType.MULTISELECT, AttributeInputType.SWATCH}
)
# Values that belong to one object (its text, number, file, reference or date).
OWN_VALUE_INPUT_TYPES = frozenset(
    {
        AttributeInputType.PLAIN_TEXT,
        AttributeInputType.NUMERIC,
        AttributeInputType.FILE,
        AttributeInputType.SINGLE_REFERENCE,
        AttributeInputType.DATE,
        AttributeInputType.DATE_TIME,
    }
)


class AttributeType(models.TextChoices):
    """What an attribute describes: products (and variants) or content pages."""

    PRODUCT_TYPE = "PRODUCT_TYPE", _("Product type")
    PAGE_TYPE = "PAGE_TYPE", _("Page type")


class AttributeEntityType(models.TextChoices):
    """What a SINGLE_REFERENCE attribute points at."""

    CATEGORY = "CATEGORY", _("Category")
    COLLECTION = "COLLECTION", _("Collection")


class Attribute(models.Model):
    slug = models.SlugField(max_length=250, unique=True)
    name = models.CharField(max_length=255)
    type = models.CharField(max_length=20, choices=AttributeType.choices, default=AttributeType.PRODUCT_TYPE)
    input_type = models.CharField(
        max_length=50, choices=AttributeInputType.choices, default=AttributeInputType.DROPDOWN
    )
    entity_type = models.CharField(max_length=20, choices=AttributeEntityType.choices, blank=True, default="")
    visible_in_storefront = models.BooleanField(default=True)
    filterable_in_storefront = models.BooleanField(default=True)
    storefront_search_position = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ("storefront_search_position", "slug")
        constraints = [
            # A reference attribute names what it points at; no other attribute does.
            models.CheckConstraint(
                condition=(Q(input_type="SINGLE_REFERENCE") & ~Q(entity_type=""))
                | (~Q(input_type="SINGLE_REFERENCE") & Q(entity_type="")),
                name="attribute_entity_type_for_references",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AttributeTranslation(Translation):
    attribute = models.ForeignKey(Attribute, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("attribute translation")
        verbose_name_plural = _("attribute translations")
        constraints = [
            models.UniqueConstraint(fields=["attribute", "language_code"], name="uniq_attribute_translation")
        ]


class AttributeValue(SortableModel):
    """A value of an attribute. Choice values (dropdown, multiselect, swatch) and the two
    boolean values are shared; a text, number, file, date or reference value belongs to
    the one product or page it is assigned to (Saleor's model)."""

    attribute = models.ForeignKey(Attribute, related_name="values", on_delete=models.CASCADE)
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255)
    value = models.CharField(max_length=100, blank=True, default="")  # swatch colour
    plain_text = models.TextField(blank=True, default="")
    boolean = models.BooleanField(null=True, blank=True)
    numeric = models.FloatField(null=True, blank=True)
    date_time = models.DateTimeField(null=True, blank=True)
    file_url = models.URLField(max_length=2048, blank=True, default="")
    content_type = models.CharField(max_length=50, blank=True, default="")
    reference_category = models.ForeignKey(
        Category, related_name="attribute_references", null=True, blank=True, on_delete=models.CASCADE
    )
    reference_collection = models.ForeignKey(
        "Collection", related_name="attribute_references", null=True, blank=True, on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("attribute value")
        verbose_name_plural = _("attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["attribute", "slug"], name="uniq_attribute_value_slug")
        ]

    def __str__(self) -> str:
        return self.name


class AttributeValueTranslation(Translation):
    attribute_value = models.ForeignKey(AttributeValue, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=250, blank=True, default="")
    plain_text = models.TextField(blank=True, default="")  # of a PLAIN_TEXT value

    class Meta:
        verbose_name = _("attribute value translation")
        verbose_name_plural = _("attribute value translations")
        constraints = [
            models.UniqueConstraint(
                fields=["attribute_value", "language_code"], name="uniq_attribute_value_translation"
            )
        ]


# ---------------------------------------------------------------- product types


class ProductType(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    weight_grams = models.PositiveIntegerField(default=500)

    class Meta:
        verbose_name = _("product type")
        verbose_name_plural = _("product types")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class AttributeProduct(SortableModel):
    """An attribute describing the product as a whole (material, origin...)."""

    product_type = models.ForeignKey(ProductType, related_name="attribute_products", on_delete=models.CASCADE)
    attribute = models.ForeignKey(Attribute, related_name="attribute_products", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("attribute product")
        verbose_name_plural = _("attribute products")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["product_type", "attribute"], name="uniq_attribute_product")
        ]


class AttributeVariant(SortableModel):
    """An attribute that differs between variants (size, colour, glaze)."""

    product_type = models.ForeignKey(ProductType, related_name="attribute_variants", on_delete=models.CASCADE)
    attribute = models.ForeignKey(Attribute, related_name="attribute_variants", on_delete=models.CASCADE)
    variant_selection = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("attribute variant")
        verbose_name_plural = _("attribute variants")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["product_type", "attribute"], name="uniq_attribute_variant")
        ]


# ---------------------------------------------------------------- products


class Product(SeoModel):
    vendor = models.ForeignKey("shops.Vendor", related_name="products", on_delete=models.PROTECT)
    product_type = models.ForeignKey(ProductType, related_name="products", on_delete=models.PROTECT)
    category = models.ForeignKey(
        Category, related_name="products", null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(blank=True, null=True)
    description_plaintext = models.TextField(blank=True, default="")
    # The mean stars of the visible reviews and their number (marketplace/reviews/services.py).
    rating = models.FloatField(null=True, blank=True)
    review_count = models.PositiveIntegerField(default=0)
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Accent-folded text for search (name first); kept current by the catalogue services.
    search_name = models.CharField(max_length=250, blank=True, default="")
    search_document = models.TextField(blank=True, default="")

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("slug",)
        indexes = [
            models.Index(fields=["vendor", "created_at"], name="product_vendor_created"),
            # The default order of product lists (NAME): a page is read off this index in
            # order instead of sorting the whole catalogue.
            models.Index(fields=["search_name", "slug", "id"], name="product_name_order"),
            # A category's page in that order (issue 14): read off this index from the
            # category's first product; with the order's index alone PostgreSQL walked the
            # catalogue in name order skipping other categories' products (170 ms for a
            # category late in the alphabet at 100,000 products, 0.2 ms with this one).
            models.Index(
                fields=["category", "search_name", "slug", "id"], name="product_category_name_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=0, rating__lte=5),
                name="product_rating_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProductTranslation(Translation, SeoModel):
    product = models.ForeignKey(Product, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=250, blank=True, default="")
    description = models.JSONField(blank=True, null=True)
    slug = translated_slug_field()

    class Meta:
        verbose_name = _("product translation")
        verbose_name_plural = _("product translations")
        constraints = [
            models.UniqueConstraint(fields=["product", "language_code"], name="uniq_product_translation"),
            models.UniqueConstraint(fields=["language_code", "slug"], name="uniq_product_translation_slug"),
        ]


class AssignedProductAttributeValue(SortableModel):
    product = models.ForeignKey(Product, related_name="attribute_values", on_delete=models.CASCADE)
    value = models.ForeignKey(AttributeValue, related_name="product_assignments", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("assigned product attribute value")
        verbose_name_plural = _("assigned product attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["product", "value"], name="uniq_product_attribute_value")
        ]


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channels.Channel", related_name="product_listings", on_delete=models.CASCADE)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    # The cheapest variant price in this channel, kept by the pricing service for sorting,
    # price filters and visibility (Saleor's discounted_price): null exactly when no variant
    # of the product is priced in the channel.
    discounted_price_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    # The dearest variant price in this channel, kept with the cheapest: a product's price
    # range is read off its listing (null exactly when the cheapest is).
    highest_price_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    # Whether the product's shop is ACTIVE, so that every visibility fact of a product in a
    # channel is on this one row. Kept by database triggers (migration 0009) on each write
    # of a listing, of a shop's status and of a product's shop, whatever wrote it (services,
    # bulk seeding, queryset updates): code never sets it.
    vendor_active = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("product channel listing")
        verbose_name_plural = _("product channel listings")
        ordering = ("pk",)
        indexes = [
            models.Index(
                fields=["channel", "is_published", "discounted_price_amount"], name="listing_channel_price"
            ),
            # The products listed in a channel: the count of a product list and the
            # visibility semi-join are read off this index alone.
            models.Index(
                fields=["channel", "published_at", "product"],
                name="listing_listed",
                condition=Q(
                    is_published=True,
                    visible_in_listings=True,
                    vendor_active=True,
                    discounted_price_amount__isnull=False,
                ),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="uniq_product_channel"),
            models.CheckConstraint(
                condition=Q(discounted_price_amount__isnull=True) | Q(discounted_price_amount__gte=0),
                name="product_listing_price_not_negative",
            ),
        ]


class ProductVariant(SortableModel):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    sku = models.CharField(max_length=255, unique=True, null=True, blank=True)
    name = models.CharField(max_length=255, blank=True, default="")
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    weight_grams = models.PositiveIntegerField(null=True, blank=True)
    is_preorder = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductVariantQuerySet.as_manager()

    class Meta:
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")
        ordering = ("sort_order", "sku", "pk")

    def __str__(self) -> str:
        return self.name or self.sku or str(self.pk)


class ProductVariantTranslation(Translation):
    product_variant = models.ForeignKey(ProductVariant, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("product variant translation")
        verbose_name_plural = _("product variant translations")
        constraints = [
            models.UniqueConstraint(
                fields=["product_variant", "language_code"], name="uniq_variant_translation"
            )
        ]


class AssignedVariantAttributeValue(SortableModel):
    variant = models.ForeignKey(ProductVariant, related_name="attribute_values", on_delete=models.CASCADE)
    value = models.ForeignKey(AttributeValue, related_name="variant_assignments", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("assigned variant attribute value")
        verbose_name_plural = _("assigned variant attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["variant", "value"], name="uniq_variant_attribute_value")
        ]


class ListedProductCount(models.Model):
    """How many listings of a channel carry every visibility fact but the publication date
    (published, visible in listings, the shop ACTIVE, priced), in ``SLOTS`` rows per channel
    (``product_id % SLOTS``) so that writers of different products seldom wait on one row.

    PostgreSQL keeps it (migration catalog 0012: statement triggers on the listings, whatever
    writes them); Django only reads it (``catalog.selectors.listed_count``). The embedded
    SQLite of ``make demo`` has no triggers and counts the listings instead."""

    SLOTS = 16

    channel_id = models.BigIntegerField()
    slot = models.SmallIntegerField()
    listed = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("listed product count")
        verbose_name_plural = _("listed product counts")
        constraints = [models.UniqueConstraint(fields=["channel_id", "slot"], name="uniq_listed_count_slot")]


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(ProductVariant, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channels.Channel", related_name="variant_listings", on_delete=models.CASCADE)
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    cost_price_amount = models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        verbose_name = _("product variant channel listing")
        verbose_name_plural = _("product variant channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["variant", "channel"], name="uniq_variant_channel"),
            models.CheckConstraint(condition=Q(price_amount__gte=0), name="variant_price_not_negative"),
            models.CheckConstraint(
                condition=Q(cost_price_amount__isnull=True) | Q(cost_price_amount__gte=0),
                name="variant_cost_price_not_negative",
            ),
        ]


# ---------------------------------------------------------------- media


class ProductMediaType(models.TextChoices):
    IMAGE = "IMAGE", _("Image")
    VIDEO = "VIDEO", _("Video")


class ProductMedia(SortableModel):
    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products", blank=True, default="")
    alt = models.CharField(max_length=250, blank=True, default="")
    type = models.CharField(max_length=32, choices=ProductMediaType.choices, default=ProductMediaType.IMAGE)
    external_url = models.URLField(max_length=512, blank=True, default="")
    variants = models.ManyToManyField(ProductVariant, related_name="media", blank=True)

    class Meta:
        verbose_name = _("product media")
        verbose_name_plural = _("product media")
        ordering = ("sort_order", "pk")


# ---------------------------------------------------------------- collections


class Collection(SeoModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(blank=True, null=True)
    background_image = models.ImageField(upload_to="collection-backgrounds", blank=True, default="")
    background_image_alt = models.CharField(max_length=128, blank=True, default="")
    products = models.ManyToManyField(
        Product, through="CollectionProduct", related_name="collections", blank=True
    )

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class CollectionProduct(SortableModel):
    collection = models.ForeignKey(Collection, related_name="collection_products", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, related_name="collection_products", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("collection product")
        verbose_name_plural = _("collection products")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["collection", "product"], name="uniq_collection_product")
        ]


class CollectionChannelListing(models.Model):
    collection = models.ForeignKey(Collection, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey(
        "channels.Channel", related_name="collection_listings", on_delete=models.CASCADE
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("collection channel listing")
        verbose_name_plural = _("collection channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["collection", "channel"], name="uniq_collection_channel")
        ]


class CollectionTranslation(Translation, SeoModel):
    collection = models.ForeignKey(Collection, related_name="translations", on_delete=models.CASCADE)
    name = models.CharField(max_length=250, blank=True, default="")
    description = models.JSONField(blank=True, null=True)
    slug = translated_slug_field()

    class Meta:
        verbose_name = _("collection translation")
        verbose_name_plural = _("collection translations")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "language_code"], name="uniq_collection_translation"
            ),
            models.UniqueConstraint(
                fields=["language_code", "slug"], name="uniq_collection_translation_slug"
            ),
        ]


class PendingMediaUploadStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")  # granted; the file may arrive
    CHECKING = "CHECKING", _("Checking")  # one confirmation is checking the file (no second one may start)
    CONFIRMED = "CONFIRMED", _("Confirmed")  # the file became a ProductMedia
    REFUSED = "REFUSED", _("Refused")  # a confirmation refused it: the grant is burned


class PendingMediaUpload(models.Model):
    """A direct (presigned) upload granted for a product, usable once. Until it is
    CONFIRMED its key may hold a file nobody checked: the beat task
    ``delete_unconfirmed_uploads`` removes those files (and the rows) once the grant has
    expired. The row outlives a deleted product (``product`` becomes null) for that."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    product = models.ForeignKey(
        Product, related_name="pending_uploads", null=True, blank=True, on_delete=models.SET_NULL
    )
    key = models.CharField(max_length=255, unique=True)
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    status = models.CharField(
        max_length=16, choices=PendingMediaUploadStatus.choices, default=PendingMediaUploadStatus.PENDING
    )
    expires_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pending media upload")
        verbose_name_plural = _("pending media uploads")
