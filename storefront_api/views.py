"""The GraphQL endpoint: POST runs operations (JSON, or a GraphQL multipart request with
files), GET runs queries and, in a browser, serves GraphiQL.

A POST is accepted only as ``application/json``, or as ``multipart/form-data`` carrying a
header a cross-site HTML form cannot send (``Authorization``, ``Apollo-Require-Preflight``
or ``X-Apollo-Operation-Name``): browsers send neither without a CORS preflight, so a page
on another site cannot make a visitor's browser run a mutation."""

import json
import logging
from typing import Any

import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import DataError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast

from marketplace.accounts.tokens import TokenError
from marketplace.core.availability import is_unavailable, unavailable_response
from storefront_api.core import read_cache
from storefront_api.core.auth import authenticate_request
from storefront_api.core.cost import operation_cost
from storefront_api.core.dataloaders import LoaderExecutionContext
from storefront_api.core.documents import parsed, validation_errors
from storefront_api.core.language import api_language
from storefront_api.core.limits import validation_rules
from storefront_api.core.read_routing import execute_routed
from storefront_api.core.upload import MultipartError, parse_multipart

logger = logging.getLogger("storefront_api")

JSON = "application/json"
MULTIPART = "multipart/form-data"
# Headers a cross-site form cannot send; one of them makes a browser ask (preflight) first.
PREFLIGHT_HEADERS = ("Authorization", "Apollo-Require-Preflight", "X-Apollo-Operation-Name")


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def error_response(message: str, code: str, *, status: int) -> JsonResponse:
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    return JsonResponse(body, status=status)


class Answer(Exception):
    """Ends the request with ``response`` as is (headers included)."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


def bad_request(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message))


NUL_MESSAGE = "Strings may not contain the NUL character (U+0000)."


def _is_nul_in_text(error: BaseException | None) -> bool:
    """PostgreSQL cannot store U+0000 in text; the driver refuses such a value before sending it."""
    while error is not None:
        if isinstance(error, DataError) and "NUL (0x00)" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def _is_unicode(value: Any) -> bool:
    """No lone surrogate (JSON's ``"\\ud800"``) in any string or key: such text is not
    Unicode, cannot be encoded as UTF-8 and would fail wherever it is stored or sent."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return True


ERRORS_ATTRIBUTE = "_graphql_errors"  # (operation, formatted errors), set by get_response
UNREADABLE = {"extensions": {"exception": {"code": "UNKNOWN"}}}  # an error body that is not GraphQL's


def _operation_label(query: str | None, operation_name: str | None) -> str:
    if operation_name:
        return operation_name[:100]
    try:
        operation = get_operation_ast(parsed(query), None) if query else None
    except GraphQLError:
        operation = None
    return operation.name.value if operation is not None and operation.name else "anonymous"


def _describe_error(error: dict[str, Any]) -> str:
    code = ((error.get("extensions") or {}).get("exception") or {}).get("code")
    path = error.get("path")
    where = ".".join(str(part) for part in path) if path else ""
    if not where:
        locations = error.get("locations") or []
        where = ",".join(
            f"{loc.get('line')}:{loc.get('column')}" for loc in locations if isinstance(loc, dict)
        )
    code = code or ("GRAPHQL_VALIDATION_FAILED" if not path else "UNCODED")
    return f"{code} at {where}" if where else str(code)


def log_graphql_errors(request: HttpRequest, response: HttpResponse) -> None:
    """Every response carrying GraphQL errors leaves one WARNING: the operation's name and each
    error's code and path (or document location). Never the messages or the variables: they
    may quote what a person typed (an e-mail, an address)."""
    operation, errors = getattr(request, ERRORS_ATTRIBUTE, ("-", None))
    if errors is None:
        if response.status_code < 400 or not response.get("Content-Type", "").startswith(JSON):
            return
        try:
            errors = json.loads(response.content).get("errors") or [UNREADABLE]
        except (ValueError, AttributeError):
            errors = [UNREADABLE]
    if not errors:
        return
    described = "; ".join(_describe_error(e if isinstance(e, dict) else {}) for e in errors[:20])
    more = f" (+{len(errors) - 20} more)" if len(errors) > 20 else ""
    logger.warning(
        "GraphQL errors (HTTP %s) in operation %s: %s%s", response.status_code, operation, described, more
    )


def _preflighted(request: HttpRequest) -> bool:
    return any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS)


class StorefrontGraphQLView(GraphQLView):
    graphiql = True
    execution_context_class = LoaderExecutionContext
    validation_rules = validation_rules()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = api_language(request)  # English unless the client asks for Vietnamese
        response = self._cached(request, language)
        if response is None:
            with translation.override(language):
                response = self._answer(request, *args, **kwargs)
        log_graphql_errors(request, response)
        response.headers.setdefault("Content-Language", language)
        if hasattr(request, read_cache.ATTRIBUTE):
            response.headers[read_cache.HEADER] = getattr(request, read_cache.ATTRIBUTE)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    @staticmethod
    def _cached(request: HttpRequest, language: str) -> HttpResponse | None:
        """The read cache's fast path (``read_cache.fast_answer``): a body seen before, answered
        from Redis without parsing it. The response is the one the ordinary path would build
        for a hit (the same status, body and headers); the caller adds the rest as for any answer."""
        key = read_cache.body_key(request, language)
        if key is None:
            return None
        body = read_cache.fast_answer(request, key)
        if body is None:
            return None
        request.user = AnonymousUser()
        request.app = None  # type: ignore[attr-defined]
        return HttpResponse(content=body, status=200, content_type=JSON)

    def _answer(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            refused = self._refuse_content_type(request)
            if refused is not None:
                return refused
            if (
                request.content_type != MULTIPART
                and _content_length(request) > settings.GRAPHQL_MAX_BODY_BYTES
            ):
                return error_response(
                    f"The request body is larger than {settings.GRAPHQL_MAX_BODY_BYTES} bytes.",
                    "REQUEST_TOO_LARGE",
                    status=413,
                )
        try:
            authenticate_request(request)
        except TokenError as error:
            return error_response(error.message, error.code.value, status=401)
        try:
            # GraphQLView.dispatch without its ensure_csrf_cookie: the API is csrf-exempt and
            # token-authenticated, so a CSRF cookie (and the "Vary: Cookie" it brings, which
            # keeps HTTP caches from sharing answers) would serve nobody, as in Saleor.
            return _GRAPHQL_DISPATCH(self, request, *args, **kwargs)
        except MultipartError as error:
            return error_response(error.message, error.code, status=error.status)
        except Answer as answer:
            return answer.response

    def json_encode(self, request: HttpRequest, d: Any, pretty: bool = False) -> str | bytes:
        """The answer as UTF-8 JSON by orjson (a tenth of the standard library's time for a page
        of products); GraphiQL's and ``?pretty`` answers indented by graphene's encoder, as is
        an answer orjson cannot encode (an integer beyond 64 bits in a shop's JSON)."""
        if not (pretty or self.pretty or request.GET.get("pretty")):
            try:
                return orjson.dumps(d, option=orjson.OPT_NON_STR_KEYS)
            except TypeError:
                pass
        return super().json_encode(request, d, pretty=pretty)

    @staticmethod
    def _refuse_content_type(request: HttpRequest) -> HttpResponse | None:
        """Operations come as JSON, or as a GraphQL multipart request that a browser
        preflights; anything an HTML form can send cross-site is refused."""
        if request.content_type == JSON:
            return None
        if request.content_type == MULTIPART:
            if _preflighted(request):
                return None
            return error_response(
                "A multipart request needs an Authorization or Apollo-Require-Preflight header "
                "(a cross-site form cannot send one).",
                "PREFLIGHT_REQUIRED",
                status=400,
            )
        return error_response(
            "Send operations as application/json (files: a GraphQL multipart request).",
            "UNSUPPORTED_MEDIA_TYPE",
            status=415,
        )

    def parse_body(self, request: HttpRequest) -> Any:
        if request.method != "POST":
            return {}
        if request.content_type == MULTIPART:
            return parse_multipart(request)  # MultipartError -> 400/413 in dispatch
        try:
            body = json.loads(request.body)
        except RecursionError:
            raise bad_request("The JSON body is nested too deeply.") from None
        except ValueError:  # also a body that is not UTF-8
            raise bad_request("POST body sent invalid JSON.") from None
        if not isinstance(body, dict):
            raise bad_request("The body must be one JSON object (batched operations are not supported).")
        return body

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: Any) -> tuple[Any, Any, Any, Any]:
        """``query``, ``variables`` and ``operationName``: from the URL for a GET, from the
        body for a POST (never from the URL: a form could put a mutation there), each of
        the right JSON type."""
        source = request.GET if request.method == "GET" else data
        query = source.get("query")
        variables = source.get("variables")
        operation_name = source.get("operationName")
        if query is not None and not isinstance(query, str):
            raise bad_request("'query' must be a string.")
        if isinstance(variables, str):  # GET always; some POST clients send a JSON string too
            try:
                variables = json.loads(variables) if variables else None
            except (ValueError, RecursionError):
                raise bad_request("Variables are invalid JSON.") from None
        if variables is not None and not isinstance(variables, dict):
            raise bad_request("'variables' must be a JSON object.")
        if operation_name in ("", "null"):
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise bad_request("'operationName' must be a string.")
        if not _is_unicode([query, variables, operation_name]):
            raise bad_request("The request holds text that is not valid Unicode (a lone surrogate).")
        return query, variables, operation_name, None

    def get_response(self, request: HttpRequest, data: Any, show_graphiql: bool = False) -> Any:
        query, variables, operation_name, _ = self.get_graphql_params(request, data)
        slot = None if show_graphiql else read_cache.slot_for(request, query, variables, operation_name)
        if slot is not None:
            read_cache.remember(request, slot)
            answer = read_cache.cached_answer(request, slot)
            if answer is not None:
                return answer, 200
        result, cost = self._execute(request, query, variables, operation_name, show_graphiql)
        if result is None:
            return None, 200
        for error in result.errors or []:
            if is_unavailable(error.original_error):  # the database or Redis failed, or timed out
                raise Answer(unavailable_response(error.original_error))
        body: dict[str, Any] = {}
        status = 200
        if result.errors:
            body["errors"] = [self.format_error(e) for e in result.errors]
            if any(not getattr(e, "path", None) for e in result.errors):
                status = 400  # the request itself was refused: nothing ran
            setattr(request, ERRORS_ATTRIBUTE, (_operation_label(query, operation_name), body["errors"]))
        if status == 200:
            body["data"] = result.data
        if cost is not None:
            body["extensions"] = {
                "cost": {"requestedQueryCost": cost, "maximumAvailable": settings.GRAPHQL_MAX_COST}
            }
        encoded = self.json_encode(request, body, pretty=show_graphiql)
        if slot is not None and not result.errors:
            read_cache.store(slot, encoded)
        return encoded, status

    def _execute(
        self,
        request: HttpRequest,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool,
    ) -> tuple[ExecutionResult | None, int | None]:
        """Parse, check (cached by text), price, then run (mutations are not wrapped in a
        transaction here: services own theirs)."""
        if not query:
            if show_graphiql:
                return None, None
            raise bad_request("Must provide query string.")
        schema = self.schema.graphql_schema
        try:
            document = parsed(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error]), None
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None, None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
                )
            )
        errors = validation_errors(schema, self.validation_rules, query)
        if errors:
            return ExecutionResult(errors=errors), None
        cost = operation_cost(document, operation_name, variables)
        if cost > settings.GRAPHQL_MAX_COST:
            message = f"The query cost is {cost}, above the limit of {settings.GRAPHQL_MAX_COST}."
            error = GraphQLError(message, extensions={"exception": {"code": "QUERY_TOO_COMPLEX"}})  # type: ignore[misc]
            return ExecutionResult(errors=[error]), cost  # type: ignore[misc]
        try:
            result = execute_routed(  # public catalogue reads may go to a replica
                request,
                operation,
                document,
                lambda: execute(  # type: ignore[arg-type,return-value]
                    schema,
                    document,
                    root_value=self.get_root_value(request),
                    context_value=self.get_context(request),
                    variable_values=variables,
                    operation_name=operation_name,
                    middleware=self.get_middleware(request),
                    execution_context_class=self.execution_context_class,
                ),
            )
        except GraphQLError as error:
            result = ExecutionResult(errors=[error])
        except Exception as error:
            if is_unavailable(error):
                raise Answer(unavailable_response(error)) from error
            logger.exception("Unhandled error running a GraphQL operation")
            raise Answer(error_response("Internal Server Error", "INTERNAL_ERROR", status=500)) from error
        return result, cost

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
                return formatted  # type: ignore[return-value]
            logger.error("Unhandled error in a GraphQL resolver", exc_info=original)
            if not settings.DEBUG:
                formatted["message"] = "Internal Server Error"
            formatted["extensions"] = {"exception": {"code": "INTERNAL_ERROR"}}
        return formatted  # type: ignore[return-value]


_GRAPHQL_DISPATCH = GraphQLView.dispatch.__wrapped__  # type: ignore[attr-defined]

graphql_view = csrf_exempt(StorefrontGraphQLView.as_view())
