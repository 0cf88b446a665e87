"""The GraphQL endpoint: POST runs operations (JSON, or a GraphQL multipart request with
files), GET in a browser serves GraphiQL."""

import json
import logging
from typing import Any

from django.conf import settings
from django.db import DataError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast

from marketplace.accounts.tokens import TokenError
from marketplace.core.availability import is_unavailable, unavailable_response
from storefront_api.core.auth import authenticate_request
from storefront_api.core.cost import operation_cost
from storefront_api.core.dataloaders import LoaderExecutionContext
from storefront_api.core.documents import parsed, validation_errors
from storefront_api.core.limits import validation_rules
from storefront_api.core.upload import MultipartError, parse_multipart

logger = logging.getLogger("storefront_api")


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def error_response(message: str, code: str, *, status: int) -> JsonResponse:
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    return JsonResponse(body, status=status)


NUL_MESSAGE = "Strings may not contain the NUL character (U+0000)."


def _is_nul_in_text(error: BaseException | None) -> bool:
    """PostgreSQL cannot store U+0000 in text; the driver refuses such a value before sending it."""
    while error is not None:
        if isinstance(error, DataError) and "NUL (0x00)" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


class StorefrontGraphQLView(GraphQLView):
    graphiql = True
    execution_context_class = LoaderExecutionContext
    validation_rules = validation_rules()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            authenticate_request(request)
        except TokenError as error:
            return error_response(error.message, error.code.value, status=401)
        if (
            request.content_type != "multipart/form-data"
            and _content_length(request) > settings.GRAPHQL_MAX_BODY_BYTES
        ):
            return error_response(
                f"The request body is larger than {settings.GRAPHQL_MAX_BODY_BYTES} bytes.",
                "REQUEST_TOO_LARGE",
                status=413,
            )
        try:
            return super().dispatch(request, *args, **kwargs)
        except MultipartError as error:
            return error_response(error.message, error.code, status=error.status)

    def get_response(self, request: HttpRequest, data: Any, show_graphiql: bool = False) -> Any:
        """Refuses an operation costing more than GRAPHQL_MAX_COST before it runs, and
        reports the cost in ``extensions.cost`` as Saleor does."""
        query, variables, operation_name, _ = self.get_graphql_params(request, data)
        cost = None
        if query:
            try:
                cost = operation_cost(parsed(query), operation_name, variables)
            except GraphQLError:
                cost = None  # a syntax error: the normal path reports it
        limit = settings.GRAPHQL_MAX_COST
        if cost is not None and cost > limit:
            body = {
                "errors": [
                    {
                        "message": f"The query cost is {cost}, above the limit of {limit}.",
                        "extensions": {"exception": {"code": "QUERY_TOO_COMPLEX"}},
                    }
                ],
                "extensions": {"cost": {"requestedQueryCost": cost, "maximumAvailable": limit}},
            }
            return self.json_encode(request, body), 400
        result, status = super().get_response(request, data, show_graphiql)
        executed = getattr(request, "_execution_result", None)
        if executed is not None and any(is_unavailable(e.original_error) for e in executed.errors or []):
            return unavailable_response().content.decode(), 503
        if result is None or cost is None:
            return result, status
        content = json.loads(result)
        content["extensions"] = {"cost": {"requestedQueryCost": cost, "maximumAvailable": limit}}
        return self.json_encode(request, content, pretty=show_graphiql), status

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> Any:
        """graphene-django's, with the parsed and validated document taken from the cache
        (mutations are not wrapped in a transaction here: services own theirs)."""
        result = self._execute(request, query, variables, operation_name, show_graphiql)
        request._execution_result = result  # type: ignore[attr-defined]
        return result

    def _execute(
        self,
        request: HttpRequest,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool,
    ) -> Any:
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        schema = self.schema.graphql_schema
        try:
            document = parsed(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if (
            request.method.lower() == "get"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
                )
            )
        errors = validation_errors(schema, self.validation_rules, query)
        if errors:
            return ExecutionResult(data=None, errors=errors)
        try:
            return execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                execution_context_class=self.execution_context_class,
            )
        except Exception as error:  # reported like graphene-django does, masked by format_error
            return ExecutionResult(errors=[error])

    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type == "multipart/form-data":
            return parse_multipart(request)  # MultipartError -> 400/413 in dispatch
        return super().parse_body(request)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, HttpError):  # a malformed request ("Must provide query string.")
            return {"message": error.message, "extensions": {"exception": {"code": "BAD_REQUEST"}}}
        if not isinstance(error, GraphQLError):
            error = GraphQLError(str(error), original_error=error)
        formatted = error.formatted
        original = error.original_error
        if isinstance(original, HttpError):
            return {"message": original.message, "extensions": {"exception": {"code": "BAD_REQUEST"}}}
        if original is not None and not isinstance(original, GraphQLError) and error.path is not None:
            # Only a resolver's failure has a path. Without one, the error came from checking
            # the document or coercing its values: a scalar refusing bad input (graphene's
            # JSONString raises ValueError for malformed JSON) is the client's mistake.
            if _is_nul_in_text(original):  # so is a NUL character in a lookup or a write
                formatted["message"] = NUL_MESSAGE
                formatted["extensions"] = {"exception": {"code": "BAD_REQUEST"}}
                return formatted
            logger.error("Unhandled error in a GraphQL resolver", exc_info=original)
            if not settings.DEBUG:
                formatted["message"] = "Internal Server Error"
            formatted["extensions"] = {"exception": {"code": "INTERNAL_ERROR"}}
        return formatted


graphql_view = csrf_exempt(StorefrontGraphQLView.as_view())
