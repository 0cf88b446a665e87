import graphene

from storefront_api.catalog.inputs import AttributeValueInput, SeoInput


class PageInput(graphene.InputObjectType):
    slug = graphene.String(description="Made from the title (accents folded) when omitted at creation.")
    title = graphene.String()
    content = graphene.JSONString(description="EditorJS JSON; its HTML is cleaned (see the README).")
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        description="Values of the page type's attributes; the listed ones are replaced, others kept.",
    )
    is_published = graphene.Boolean(description="Determines if page is visible in the storefront.")
    published_at = graphene.DateTime(description="Publication date; the page is public from then on.")
    seo = graphene.InputField(SeoInput, description="Search engine optimization fields.")


class PageCreateInput(PageInput):
    page_type = graphene.ID(required=True, description="ID of the page type that page belongs to.")


class PageTranslationInput(graphene.InputObjectType):
    slug = graphene.String(
        description="The slug in this language (unique among page translations); empty clears it."
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String()
    content = graphene.JSONString(description="Translated content (EditorJS JSON, cleaned).")


class MenuItemInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the menu item.")
    url = graphene.String(description="URL of the pointed item (absolute http or https).")
    category = graphene.ID(description="Category to which item points.")
    collection = graphene.ID(description="Collection to which item points.")
    page = graphene.ID(description="Page to which item points.")


class MenuItemCreateInput(MenuItemInput):
    name = graphene.String(required=True, description="Name of the menu item.")
    menu = graphene.ID(required=True, description="Menu to which item belongs.")
    parent = graphene.ID(description="ID of the parent menu. If empty, menu will be top level menu.")


class MenuCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Name of the menu.")
    slug = graphene.String(description="Slug of the menu. Will be generated if not provided.")
    items = graphene.List(graphene.NonNull(MenuItemInput), description="List of menu items.")


class MenuInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the menu.")
    slug = graphene.String(description="Slug of the menu.")


class NameTranslationInput(graphene.InputObjectType):
    name = graphene.String()
