from marketplace.curation.error_codes import ShowcaseErrorCode
from storefront_api.core.mutations import error_type

ShowcaseError = error_type("ShowcaseError", ShowcaseErrorCode)
