"""Small template components (after Wagtail's): a component is a template and the context
it needs, rendered with ``{% component obj %}``. Pages build them in Python and templates
only place them, so markup for a status badge, a table or a stat card lives in one file.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


class Component:
    template_name: str = ""

    def get_context_data(self, parent_context: dict[str, Any] | None) -> dict[str, Any]:
        return {"self": self}

    def render_html(self, parent_context: dict[str, Any] | None = None) -> SafeString:
        return SafeString(render_to_string(self.template_name, self.get_context_data(parent_context)))


@dataclass
class StatusBadge(Component):
    """A status as words (never colour alone): ``tone`` is ok, warn, bad or muted."""

    label: Any
    tone: str = "muted"
    template_name: str = "backoffice/components/status_badge.html"


@dataclass
class StatCard(Component):
    """A number on the home page, with what it counts and where to see them."""

    label: Any
    value: Any
    url: str = ""
    tone: str = "muted"
    template_name: str = "backoffice/components/stat_card.html"


@dataclass
class Column:
    label: Any
    value: Callable[[Any], Any]
    link: Callable[[Any], str] | None = None
    numeric: bool = False


@dataclass
class Table(Component):
    """A table on a laptop, stacked cards on a phone: every cell carries its column's label
    (``data-label``), which the phone-width CSS shows in front of the value."""

    caption: Any
    columns: list[Column]
    rows: Iterable[Any]
    empty: Any = ""
    template_name: str = "backoffice/components/table.html"
    _cells: list[list[dict[str, Any]]] = field(default_factory=list, init=False)

    def get_context_data(self, parent_context: dict[str, Any] | None) -> dict[str, Any]:
        rows = [
            [
                {
                    "label": column.label,
                    "value": column.value(row),
                    "link": column.link(row) if column.link else "",
                    "numeric": column.numeric,
                }
                for column in self.columns
            ]
            for row in self.rows
        ]
        return {"self": self, "rows": rows}
