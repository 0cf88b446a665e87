"""File uploads through GraphQL: the ``Upload`` scalar and the GraphQL multipart request spec
(https://github.com/jaydenseric/graphql-multipart-request-spec).

A multipart request carries the form fields ``operations`` (the JSON body, with ``null``
where files go), ``map`` (JSON: file field name -> list of paths such as
``"variables.input.logo"`` or ``"variables.files.0"``) and the files. ``parse_multipart``
returns the operations with every file put at its paths; the ``Upload`` scalar hands the
Django ``UploadedFile`` to the resolver as is (it is checked by ``marketplace.core.uploads``).
"""

import json
from typing import Any

import graphene
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from graphql import GraphQLError, Undefined, ValueNode

MAX_PATHS_PER_FILE = 10


class MultipartError(ValueError):
    """A malformed (400) or over-limit (413) multipart request; ``message`` is for the client."""

    status = 400
    code = "INVALID_MULTIPART_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MultipartTooLarge(MultipartError):
    status = 413
    code = "REQUEST_TOO_LARGE"


class Upload(graphene.Scalar):
    """A file sent with the request, per the GraphQL multipart request specification."""

    @staticmethod
    def serialize(value: Any) -> Any:
        raise GraphQLError("Upload is an input-only type.")

    @staticmethod
    def parse_value(value: Any) -> UploadedFile:
        if not isinstance(value, UploadedFile):
            raise GraphQLError("Upload must be a file sent with a multipart request.")
        return value

    @staticmethod
    def parse_literal(node: ValueNode, _variables: Any = None) -> Any:
        return Undefined  # a file cannot be written in the query text


def parse_multipart(request: HttpRequest) -> dict[str, Any]:
    """The operations of a multipart GraphQL request with its files in place."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise MultipartError("Bad Content-Length.") from None
    if declared > settings.UPLOAD_REQUEST_MAX_BYTES:
        raise MultipartTooLarge(f"The request is larger than {settings.UPLOAD_REQUEST_MAX_BYTES} bytes.")
    try:
        form, files = request.POST, request.FILES
    except RequestDataTooBig:
        raise MultipartTooLarge("The request's form fields are too large.") from None
    except (MultiPartParserError, SuspiciousOperation) as error:  # also too many files or fields
        raise MultipartError(f"Malformed multipart request: {error}") from None
    operations = _json_field(form.get("operations"), name="operations")
    if not isinstance(operations, dict):
        raise MultipartError("'operations' must be a JSON object (batched operations are not supported).")
    file_map = _json_field(form.get("map"), name="map")
    if not isinstance(file_map, dict):
        raise MultipartError("'map' must be a JSON object of file field -> list of paths.")
    for field_name, paths in file_map.items():
        if not isinstance(paths, list) or not paths or len(paths) > MAX_PATHS_PER_FILE:
            raise MultipartError(
                f"'map' entry {field_name!r} must be a list of 1 to {MAX_PATHS_PER_FILE} paths."
            )
        file = files.get(field_name)
        if file is None:
            raise MultipartError(f"'map' refers to file {field_name!r}, which was not sent.")
        for path in paths:
            _place(operations, path=path, value=file)
    return operations


def _json_field(raw: str | None, *, name: str) -> Any:
    if raw is None:
        raise MultipartError(f"The multipart request has no '{name}' field.")
    try:
        return json.loads(raw)
    except ValueError:
        raise MultipartError(f"'{name}' is not valid JSON.") from None


def _place(operations: dict[str, Any], *, path: Any, value: UploadedFile) -> None:
    """Put ``value`` at ``path`` ("variables.a.0.b"): every step but the last must exist;
    files go into the variables only."""
    if not isinstance(path, str):
        raise MultipartError(f"Bad path {path!r} in 'map'.")
    steps = path.split(".")
    if len(steps) < 2 or steps[0] != "variables":
        raise MultipartError(f"Bad path {path!r} in 'map': files go in 'variables.<name>'.")
    container: Any = operations
    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        if isinstance(container, dict):
            if not last and not isinstance(container.get(step), dict | list):
                raise MultipartError(
                    f"Bad path {path!r} in 'map': {'.'.join(steps[: depth + 1])!r} is missing."
                )
            if last:
                container[step] = value
            else:
                container = container[step]
        elif isinstance(container, list):
            if not step.isdigit() or int(step) >= len(container):
                raise MultipartError(f"Bad path {path!r} in 'map': no list item {step!r}.")
            if last:
                container[int(step)] = value
            else:
                container = container[int(step)]
        else:
            raise MultipartError(f"Bad path {path!r} in 'map'.")
