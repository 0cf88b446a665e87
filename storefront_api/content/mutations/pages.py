"""Staff writes of pages (MANAGE_PAGES), as Saleor's pageCreate/Update/Delete/Translate."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.content.models import Page as PageModel
from marketplace.content.selectors import page_by_id, page_type_by_id
from marketplace.content.services import pages as services
from marketplace.content.services.pages import PageFields
from storefront_api.catalog.mutations.base import attributes_data, in_default_channel
from storefront_api.catalog.types.translations import language_value
from storefront_api.content.errors import PageError, TranslationError
from storefront_api.content.inputs import PageCreateInput, PageInput, PageTranslationInput
from storefront_api.content.types import Page, PageTranslation
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import principal


def _not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: ValidationError(f"Couldn't find that {what}.", code="NOT_FOUND")})


class PageMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def get_page(cls, global_id: str, field: str = "id") -> PageModel:
        page = page_by_id(cls.decode_id(global_id, only_type="Page", field=field))
        if page is None:
            raise _not_found(field, "page")
        return page

    @classmethod
    def page_fields(cls, input: Any) -> PageFields:
        """Only the fields given in the input (an explicit null is given)."""
        fields: dict[str, Any] = {
            key: input[key]
            for key in ("title", "slug", "content", "is_published", "published_at")
            if key in input
        }
        seo = input.get("seo")
        if seo:
            for key in ("title", "description"):
                if key in seo:
                    fields[f"seo_{key}"] = seo[key]
        if input.get("attributes") is not None:
            fields["attributes"] = attributes_data(cls, input["attributes"])
        return PageFields(**fields)


class PageCreate(PageMutation):
    page = graphene.Field(Page)

    class Arguments:
        input = PageCreateInput(required=True, description="Fields required to create a page.")

    class Meta:
        description = "Creates a new page (unpublished unless `isPublished`)."
        permissions = (PermissionEnum.MANAGE_PAGES,)
        error_type_class = PageError

    @classmethod
    def perform_mutation(cls, root, info, input):
        page_type_id = cls.decode_id(input["page_type"], only_type="PageType", field="page_type")
        page_type = page_type_by_id(page_type_id)
        if page_type is None:
            raise _not_found("page_type", "page type")
        page = services.page_create(actor=principal(info), page_type=page_type, fields=cls.page_fields(input))
        return cls.success(page=in_default_channel(page))


class PageUpdate(PageMutation):
    page = graphene.Field(Page)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a page to update.")
        input = PageInput(required=True, description="Fields required to update a page.")

    class Meta:
        description = "Updates the given fields of a page."
        permissions = (PermissionEnum.MANAGE_PAGES,)
        error_type_class = PageError

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        page = services.page_update(
            actor=principal(info), page=cls.get_page(id), fields=cls.page_fields(input)
        )
        return cls.success(page=in_default_channel(page))


class PageDelete(PageMutation):
    page = graphene.Field(Page)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a page to delete.")

    class Meta:
        description = "Deletes a page, with its translations and the menu items pointing at it."
        permissions = (PermissionEnum.MANAGE_PAGES,)
        error_type_class = PageError

    @classmethod
    def perform_mutation(cls, root, info, id):
        page = cls.get_page(id)
        pk = page.pk
        services.page_delete(actor=principal(info), page=page)
        page.pk = pk
        return cls.success(page=in_default_channel(page))


class PageTranslate(PageMutation):
    page = graphene.Field(Page)
    translation = graphene.Field(PageTranslation)

    class Arguments:
        id = graphene.ID(required=True, description="ID of a page.")
        language_code = graphene.Argument(
            LanguageCodeEnum, required=True, description="Translation language code."
        )
        input = PageTranslationInput(required=True)

    class Meta:
        description = (
            "Creates or updates a page's translation (English for tourists; Vietnamese is the base)."
        )
        permissions = (PermissionEnum.MANAGE_PAGES,)
        error_type_class = TranslationError

    @classmethod
    def perform_mutation(cls, root, info, id, language_code, input):
        page = cls.get_page(id)
        translation = services.page_translate(
            actor=principal(info), page=page, language_code=language_value(language_code), data=dict(input)
        )
        return cls.success(page=in_default_channel(page), translation=translation)
