from marketplace.content.error_codes import MenuErrorCode, PageErrorCode, TranslationErrorCode
from storefront_api.core.mutations import error_type

PageError = error_type("PageError", PageErrorCode)
MenuError = error_type("MenuError", MenuErrorCode)
TranslationError = error_type("TranslationError", TranslationErrorCode)
