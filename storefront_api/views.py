"""The GraphQL endpoint: POST runs operations, GET in a browser serves GraphiQL."""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import GraphQLError

from marketplace.accounts.tokens import TokenError
from storefront_api.core.auth import authenticate_request
from storefront_api.core.dataloaders import LoaderExecutionContext

logger = logging.getLogger("storefront_api")


class StorefrontGraphQLView(GraphQLView):
    graphiql = True
    execution_context_class = LoaderExecutionContext

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            authenticate_request(request)
        except TokenError as error:
            body = {
                "errors": [
                    {"message": error.message, "extensions": {"exception": {"code": error.code.value}}}
                ]
            }
            return JsonResponse(body, status=401)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if not isinstance(error, GraphQLError):
            error = GraphQLError(str(error), original_error=error)
        formatted = error.formatted
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            logger.error("Unhandled error in a GraphQL resolver", exc_info=original)
            if not settings.DEBUG:
                formatted["message"] = "Internal Server Error"
            formatted["extensions"] = {"exception": {"code": "INTERNAL_ERROR"}}
        return formatted


def error_response(message: str, code: str, *, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}, status=status
    )


graphql_view = csrf_exempt(StorefrontGraphQLView.as_view())
