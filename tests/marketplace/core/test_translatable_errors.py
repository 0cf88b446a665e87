"""No service raises an untranslatable message: every ``ValidationError``, ``PermissionDenied``,
``field_error`` and ``TranslatableError`` of ``marketplace/`` and ``vendors/`` carries a lazy
translation (``gettext_lazy``), its values as ``%(name)s`` parameters, never text built in
code; and the messages render in the language active where they are shown."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.phones import InvalidPhone, normalize_phone
from marketplace.core.errors import TranslatableError, field_error, grouped, interpolated, render
from marketplace.core.richtext import InvalidRichText, clean_rich_text

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = ("marketplace", "vendors")
SKIPPED = ("migrations", "demo")  # the demo seed is a command for developers, not a service
LAZY = {"_", "gettext_lazy", "pgettext_lazy", "ngettext_lazy", "npgettext_lazy"}
# Which argument is the message.
RAISERS = {"ValidationError": 0, "PermissionDenied": 0, "field_error": 2}
# Raise sites owned by another change, to translate when it lands (keep this list short).
PENDING = {
    # The vendor policy module is being rewritten with named actions (issue 17, item 2).
    ("vendors/shops/policies.py", "You cannot act for this artisan shop."),
}


def domain_files() -> list[Path]:
    return sorted(
        path
        for top in DOMAIN
        for path in (ROOT / top).rglob("*.py")
        if not any(part in SKIPPED for part in path.relative_to(ROOT).parts)
    )


def _translatable_exceptions(files: list[Path]) -> set[str]:
    """The classes of the domain derived (by name, transitively) from TranslatableError."""
    bases: dict[str, set[str]] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {ast.unparse(b).split(".")[-1] for b in node.bases}
    found = {"TranslatableError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _is_text(node: ast.AST) -> bool:
    """An expression that builds a message in code: a literal, an f-string, ``.format()``,
    ``str()``, ``"…".join()``, concatenation or %-formatting of a literal."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "str":
            return True
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join"):
            return True
    return False


def _message(call: ast.Call, index: int) -> ast.AST | None:
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    return call.args[index] if len(call.args) > index else None


def untranslatable_raises(path: Path, raisers: dict[str, int]) -> list[tuple[int, str]]:
    """``(line, message source)`` of each call in ``path`` that builds its message in code,
    unless the line (or the one above) explains why with an ``# i18n:`` comment."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in raisers:
            continue
        message = _message(node, raisers[name])
        if message is None or not _is_text(message):
            continue
        explained = any("# i18n:" in lines[i] for i in (node.lineno - 1, node.lineno - 2) if i >= 0)
        if not explained:
            found.append((node.lineno, ast.get_source_segment(source, message) or ""))
    return sorted(found)


def eager_gettext_imports(path: Path) -> list[str]:
    """``_`` must be the lazy gettext: a module-level message would otherwise be frozen in the
    language active at import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if (alias.asname or alias.name) == "_" and alias.name not in LAZY:
                    found.append(alias.name)
    return found


def _literal(source: str) -> str:
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return source
    return value if isinstance(value, str) else source


def test_no_domain_module_raises_an_untranslatable_message():
    files = domain_files()
    raisers = {**RAISERS, **dict.fromkeys(_translatable_exceptions(files), 0)}
    offenders = {}
    for path in files:
        where = str(path.relative_to(ROOT))
        for line, message in untranslatable_raises(path, raisers):
            if (where, _literal(message)) not in PENDING:
                offenders[f"{where}:{line}"] = message
    assert offenders == {}


def test_the_pending_sites_are_still_there():
    """A pending site that got translated (or moved) leaves the list."""
    for where, text in PENDING:
        assert text in [_literal(m) for _line, m in untranslatable_raises(ROOT / where, RAISERS)], where


SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")


def camel_case_error_keys(path: Path) -> list[tuple[int, str]]:
    """Error keys written as literals that are not snake_case: the first argument of
    ``field_error``, the keys of a ``ValidationError({...})``. (The API turns a service's
    snake_case key into its camelCase argument name.)"""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        keys: list[ast.AST] = []
        if name == "field_error" and node.args:
            keys = [node.args[0]]
        elif name == "ValidationError" and node.args and isinstance(node.args[0], ast.Dict):
            keys = [key for key in node.args[0].keys if key is not None]
        for key in keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if not SNAKE_CASE.match(key.value) and key.value != NON_FIELD_ERRORS:
                    found.append((node.lineno, key.value))
    return sorted(found)


def test_service_error_keys_are_snake_case(tmp_path):
    offenders = {
        str(p.relative_to(ROOT)): found for p in domain_files() if (found := camel_case_error_keys(p))
    }
    assert offenders == {}
    module = tmp_path / "module.py"
    module.write_text(
        "raise field_error('deliveryMethodId', C.INVALID, _('x'))\n"
        "raise ValidationError({'oldPassword': ValidationError(_('x'))})\n"
        "raise field_error('delivery_method_id', C.INVALID, _('x'))\n"
        "raise field_error(None, C.INVALID, _('x'))\n"
    )
    assert camel_case_error_keys(module) == [(1, "deliveryMethodId"), (2, "oldPassword")]


def test_the_domain_imports_only_the_lazy_gettext():
    assert {
        str(p.relative_to(ROOT)): found for p in domain_files() if (found := eager_gettext_imports(p))
    } == {}


def test_the_check_sees_each_way_of_building_a_message(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from django.utils.translation import gettext as _\n"
        "def f(x, exc):\n"
        "    raise ValidationError('plain')\n"
        "    raise ValidationError({'field': ValidationError(f'At most {x}.', code='INVALID')})\n"
        "    raise PermissionDenied('You need ' + x)\n"
        "    raise field_error('name', Code.INVALID, 'At most {} characters.'.format(x))\n"
        "    raise field_error('name', Code.INVALID, str(exc))\n"
        "    raise field_error('name', Code.INVALID, message='%s!' % x)\n"
        "    raise field_error('name', Code.INVALID, _('a') if x else 'b')\n"
        "    raise InvalidPhone(f'+{x}')\n"
        "    raise field_error('name', Code.INVALID, _('At most %(limit)s.'), limit=x)\n"
        "    raise PermissionDenied(_('You need %(p)s.') % {'p': x})\n"
        "    raise ValidationError(errors)\n"
        "    # i18n: Django translates these itself.\n"
        "    raise field_error('password', Code.INVALID, ' '.join(x))\n"
    )
    raisers = {**RAISERS, "InvalidPhone": 0}
    assert [line for line, _message in untranslatable_raises(module, raisers)] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert eager_gettext_imports(module) == ["gettext"]


# ---------------------------------------------------------------- the helpers


def test_field_error_keeps_code_field_and_lazy_message():
    error = field_error(
        "quantity", "INSUFFICIENT_STOCK", _("Only %(available)s left."), available=2, variants=[7]
    )
    [item] = error.error_dict["quantity"]
    assert item.code == "INSUFFICIENT_STOCK" and item.params == {"available": 2, "variants": [7]}
    with translation.override("en"):
        assert error.message_dict == {"quantity": ["Only 2 left."]}
    whole = field_error(None, "INVALID", _("Cannot delete a staff account."))
    assert list(whole.error_dict) == [NON_FIELD_ERRORS]
    with translation.override("vi"):
        assert whole.messages == ["Không thể xoá tài khoản nhân viên."]


def test_a_field_named_like_the_helpers_arguments_is_a_parameter():
    """``field``, ``code`` and ``message`` are positional-only: a message may use them as names."""
    error = field_error("attributes", "INVALID", _("%(field)s"), field="name", code="x", message="y")
    assert error.error_dict["attributes"][0].params == {"field": "name", "code": "x", "message": "y"}


def test_a_translatable_error_is_english_in_logs_and_translated_where_shown():
    with pytest.raises(InvalidPhone) as caught, translation.override("vi"):
        normalize_phone("+33 6 12 34 56 78", vietnamese=True)
    assert str(caught.value).startswith("A Vietnamese phone number is required here")
    assert str(caught.value).endswith("this one is a +33 number.")
    error = caught.value.as_field_error("phone", "INVALID_PHONE")
    with translation.override("vi"):
        assert error.message_dict["phone"] == [
            "Ở đây cần số điện thoại Việt Nam (+84..., hoặc 0... không kèm mã quốc gia); số này là số +33."
        ]
    with pytest.raises(InvalidRichText) as rich, translation.override("vi"):
        clean_rich_text({"blocks": [{"type": "header", "data": {"text": "x", "level": 9}}]})
    assert str(rich.value) == "blocks[0].data.level: a header level is 1 to 6."
    assert isinstance(rich.value, TranslatableError)


def test_numbers_are_grouped_in_the_language_shown():
    message = _("Prices are below %(limit)s %(currency)s.")
    params = {"limit": grouped(1_000_000_000), "currency": "VND"}
    with translation.override("en"):
        assert render(message, params) == "Prices are below 1,000,000,000 VND."
    with translation.override("vi"):
        assert render(message, params) == "Giá phải dưới 1.000.000.000 VND."


def test_an_interpolated_message_stays_lazy_until_shown():
    note = interpolated(
        _("A parcel is heavier than %(limit)s g (%(shops)s)."), {"limit": 5000, "shops": "Gốm Minh"}
    )
    with translation.override("vi"):
        assert str(note) == "Có kiện hàng nặng hơn 5000 g (Gốm Minh)."
    with translation.override("en"):
        assert str(note) == "A parcel is heavier than 5000 g (Gốm Minh)."
