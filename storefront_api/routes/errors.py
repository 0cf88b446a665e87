from marketplace.routes.error_codes import TourismRouteErrorCode
from storefront_api.core.mutations import error_type

TourismRouteError = error_type("TourismRouteError", TourismRouteErrorCode)
