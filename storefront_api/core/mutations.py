"""The base of every mutation: declared access, one service call, typed errors.

``Meta`` declares exactly one access rule: ``public = True``, ``auth_required = True``
(any signed-in user) or ``permissions = (PermissionEnum.X, ...)`` (any one of them opens
the mutation, as in Saleor and as the description says); it is checked before
``perform_mutation`` runs and written into the schema description. Services raise
Django ``ValidationError`` keyed by input field (``marketplace.core.errors.field_error``);
they come back as ``errors: [<Area>Error!]!`` with ``field`` (the service's snake_case key
turned into the argument's camelCase name here, the one place that does it:
``delivery_method_id`` -> ``deliveryMethodId``), ``code`` and ``message`` (the lazy message
rendered in the request's language: English unless ``Accept-Language`` asks for Vietnamese,
see ``storefront_api/core/language.py``).
"""

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from graphene.types.mutation import MutationOptions
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from marketplace.accounts.permissions import PermissionEnum
from marketplace.core.errors import field_error, render
from storefront_api.core.errors import api_error
from storefront_api.core.ids import decode_id, decode_uuid_id
from storefront_api.core.permissions import describe, require_authenticated, require_permissions


def error_type(
    name: str, code_enum: type[StrEnum], *, code_type: Any = None, **extra_fields: Any
) -> type[graphene.ObjectType]:
    """``<Area>Error { field code message }`` with its own code enum (``<Area>ErrorCode``),
    or ``code_type``, the enum of another error type, where Saleor shares one (its
    ``StaffError.code`` is an ``AccountErrorCode``)."""
    codes = code_type or graphene.Enum(f"{name}Code", [(c.name, c.value) for c in code_enum])
    values = [m.value for m in codes._meta.enum] if code_type else [c.value for c in code_enum]
    attrs = {
        "field": graphene.String(
            description="Name of the input field that caused the error; null for the whole input."
        ),
        "message": graphene.String(description="The error message."),
        "code": graphene.Field(codes, required=True, description="The error code."),
        **extra_fields,
    }
    error_class = type(name, (graphene.ObjectType,), attrs)
    error_class.codes = frozenset(values)  # type: ignore[attr-defined]  # any other code a service raises is reported as INVALID
    error_class.code_type = codes  # type: ignore[attr-defined]
    return error_class


class BaseMutationOptions(MutationOptions):
    permissions: Sequence[PermissionEnum] = ()
    auth_required = False
    public = False
    error_type_class: type | None = None


class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        permissions: Sequence[PermissionEnum] = (),
        auth_required: bool = False,
        public: bool = False,
        error_type_class: type | None = None,
        description: str = "",
        _meta: BaseMutationOptions | None = None,
        **options: Any,
    ) -> None:
        if [bool(permissions), auth_required, public].count(True) != 1:
            raise TypeError(f"{cls.__name__}: declare exactly one of permissions, auth_required, public")
        if error_type_class is None:
            raise TypeError(f"{cls.__name__}: Meta.error_type_class is required")
        _meta = _meta or BaseMutationOptions(cls)
        _meta.permissions = tuple(permissions)
        _meta.auth_required = auth_required
        _meta.public = public
        _meta.error_type_class = error_type_class
        if auth_required:
            description += "\n\nRequires a signed-in user."
        description += describe(permissions)
        super().__init_subclass_with_meta__(description=description.strip(), _meta=_meta, **options)
        cls._meta.fields["errors"] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(error_type_class))),
            description="Errors of the input; empty when the mutation succeeded.",
        )

    @classmethod
    def check_access(cls, info: Any) -> None:
        if cls._meta.permissions:
            require_permissions(info, cls._meta.permissions)
        elif cls._meta.auth_required:
            require_authenticated(info)

    @classmethod
    def mutate(cls, root: Any, info: Any, **data: Any) -> Any:
        cls.check_access(info)
        # An omitted argument arrives as None: where Saleor leaves an argument optional (an
        # ``id`` it could also take as a ``token``), the mutation answers a typed REQUIRED.
        for name in cls._meta.arguments:
            data.setdefault(name, None)
        try:
            return cls.perform_mutation(root, info, **data)
        except ValidationError as error:
            return cls(errors=cls.errors_from(error))
        except PermissionDenied as error:  # an object-level rule of a service said no
            raise api_error(str(error) or "You cannot do this.", "PermissionDenied") from None

    if TYPE_CHECKING:  # each mutation declares its own arguments
        perform_mutation: ClassVar[Callable[..., Any]]
    else:

        @classmethod
        def perform_mutation(cls, root, info, **data):
            raise NotImplementedError

    @classmethod
    def errors_from(cls, error: ValidationError) -> list[Any]:
        error_class = cls._meta.error_type_class
        assert error_class is not None
        if not hasattr(error, "error_dict"):
            error = ValidationError({NON_FIELD_ERRORS: error.error_list})
        result = []
        for field, errors in error.error_dict.items():
            name = None if field == NON_FIELD_ERRORS else to_camel_case(field)
            for item in errors:
                message = render(item.message, item.params)  # in the request's language
                code = item.code if item.code in error_class.codes else "INVALID"
                extras = cls.error_extras(item.params or {})
                result.append(error_class(field=name, message=message, code=code, **extras))
        return result

    @classmethod
    def error_extras(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Extra fields of an error type (``variants``, ``lines``...) from the error's params."""
        return {}

    @staticmethod
    def decode_id(value: str | None, *, only_type: str, field: str) -> int:
        """The pk inside a global ID, or a typed error on ``field``: ``INVALID``, or
        ``REQUIRED`` when no ID was given (the ID arguments Saleor leaves optional)."""
        if value is None:
            raise field_error(field, "REQUIRED", _("This field is required."))
        try:
            return decode_id(value, only_type=only_type)
        except GraphQLError as error:
            raise ValidationError({field: ValidationError(error.message, code="INVALID")}) from None

    @staticmethod
    def decode_uuid(value: str | None, *, only_type: str, field: str) -> Any:
        """The UUID inside a global ID, or a typed ``INVALID`` (``REQUIRED``) error on ``field``."""
        if value is None:
            raise field_error(field, "REQUIRED", _("This field is required."))
        try:
            return decode_uuid_id(value, only_type=only_type)
        except GraphQLError as error:
            raise ValidationError({field: ValidationError(error.message, code="INVALID")}) from None

    @classmethod
    def decode_ids(
        cls, values: list[str] | None, *, only_type: str, field: str, limit: int = 100
    ) -> list[int]:
        values = values or []
        if len(values) > limit:
            raise field_error(field, "INVALID", _("At most %(limit)s IDs."), limit=limit)
        return [cls.decode_id(value, only_type=only_type, field=field) for value in values]

    @classmethod
    def success(cls, **fields: Any) -> Any:
        return cls(errors=[], **fields)
