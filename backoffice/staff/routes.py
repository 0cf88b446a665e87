"""Tourism routes, for staff with MANAGE_ROUTES: the list (drafts too), a route's details
(``route_create`` / ``route_update``) and its stops in visiting order (``route_stops_set``,
which replaces them all at once)."""

from typing import Any

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.components import Column, StatusBadge, Table
from backoffice.forms import BackOfficeForm
from backoffice.staff import queries
from backoffice.staff.base import StaffView
from marketplace.accounts.permissions import PermissionEnum
from marketplace.routes.models import TourismRoute
from marketplace.routes.services import MAX_STOPS, StopData, route_create, route_stops_set, route_update

BLANK_STOP_ROWS = 2


def published_badge(route: TourismRoute) -> StatusBadge:
    return StatusBadge(_("Published"), "ok") if route.is_published else StatusBadge(_("Draft"), "muted")


class RouteListView(StaffView):
    permission = PermissionEnum.MANAGE_ROUTES
    nav_key = "staff-routes"
    title = _("Tourism routes")
    template_name = "backoffice/staff/list.html"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        table = Table(
            caption=_("Tourism routes"),
            columns=[
                Column(
                    _("Route"),
                    lambda r: r.name,
                    link=lambda r: reverse("backoffice:staff-route", args=[r.pk]),
                ),
                Column(_("Status"), lambda r: published_badge(r).render_html()),
                Column(_("Stops"), lambda r: r.stop_count, numeric=True),
                Column(
                    _("Distance (km)"), lambda r: f"{r.distance_km:g}" if r.distance_km is not None else "—"
                ),
            ],
            rows=list(queries.routes(request.user)),
            empty=_("No routes yet."),
        )
        return self.render(
            table=table, new_url=reverse("backoffice:staff-route-new"), new_label=_("New route")
        )


class RouteForm(BackOfficeForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    slug = forms.CharField(
        label=_("Slug"), max_length=255, required=False, help_text=_("Made from the name when left empty.")
    )
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    distance_km = forms.FloatField(label=_("Distance (km)"), required=False, localize=True)
    duration_hours = forms.FloatField(label=_("Duration (hours)"), required=False, localize=True)
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("distance_km", "duration_hours"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class StopForm(forms.Form):
    title = forms.CharField(label=_("Stop"), max_length=255, required=False)
    village = forms.TypedChoiceField(label=_("Craft village"), coerce=int, required=False, empty_value=None)
    visit_minutes = forms.IntegerField(
        label=_("Visit (minutes)"), required=False, min_value=0, max_value=1440
    )
    activities = forms.CharField(label=_("Activities"), max_length=2000, required=False)

    def __init__(self, *args: Any, villages: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = villages  # type: ignore[attr-defined]


class StopsForm(BackOfficeForm):
    """The stops as rows (blank rows are ignored; order is the rows' order)."""

    def __init__(
        self, *args: Any, villages: list[tuple[Any, str]], stops: list[dict[str, Any]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        formset_class = forms.formset_factory(
            StopForm, extra=BLANK_STOP_ROWS, max_num=MAX_STOPS, validate_max=True, absolute_max=MAX_STOPS + 5
        )
        self.formset = formset_class(
            self.data if self.is_bound else None,
            prefix="stops",
            initial=stops,
            form_kwargs={"villages": [("", "—"), *villages]},
        )

    def is_valid(self) -> bool:
        return super().is_valid() & self.formset.is_valid()

    def stops(self) -> list[StopData]:
        rows = [row.cleaned_data for row in self.formset.forms if row.cleaned_data.get("title")]
        return [
            StopData(
                title=row["title"],
                village_id=row["village"],
                activities=row["activities"],
                visit_minutes=row["visit_minutes"],
            )
            for row in rows
        ]


class RouteEditView(StaffView):
    """A new route (no ``pk``) or an existing one, with its stops' form below."""

    permission = PermissionEnum.MANAGE_ROUTES
    nav_key = "staff-routes"
    template_name = "backoffice/staff/route.html"
    form_class = RouteForm

    def get_route(self) -> TourismRoute | None:
        if "pk" not in self.kwargs:
            return None
        route = queries.route(self.request.user, self.kwargs["pk"])
        if route is None:
            raise Http404
        return route

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        route = self.get_route()
        initial = {}
        if route is not None:
            initial = {
                field: getattr(route, field)
                for field in ("name", "slug", "description", "distance_km", "duration_hours", "is_published")
            }
        return RouteForm(data=data, initial=initial)

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        fields = {key: data[key] for key in ("name", "description", "distance_km", "duration_hours")}
        fields["is_published"] = data["is_published"]
        route = self.get_route()
        if route is None:
            route = route_create(actor=self.request.user, slug=data["slug"] or None, **fields)
        else:
            route_update(actor=self.request.user, route=route, slug=data["slug"] or route.slug, **fields)
        return reverse("backoffice:staff-route", args=[route.pk])

    def stops_form(self, route: TourismRoute | None) -> StopsForm | None:
        if route is None:
            return None
        stops = [
            {
                "title": s.title,
                "village": s.village_id,
                "visit_minutes": s.visit_minutes,
                "activities": s.activities,
            }
            for s in queries.route_stops(route)
        ]
        return StopsForm(villages=queries.village_choices(), stops=stops)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        route = self.get_route()
        context: dict[str, Any] = {"route": route, "title": route.name if route else _("New route")}
        context["stops_form"] = kwargs.pop("stops_form", None) or self.stops_form(route)
        return super().get_context_data(**context, **kwargs)


class RouteStopsView(RouteEditView):
    form_class = StopsForm  # type: ignore[assignment]
    success_message = _("The stops are saved.")

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return HttpResponseRedirect(reverse("backoffice:staff-route", args=[kwargs["pk"]]))

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        return StopsForm(data=data, villages=queries.village_choices(), stops=[])

    def perform(self, form: Any) -> str:
        route = self.get_route()
        if route is None:
            raise Http404
        route_stops_set(actor=self.request.user, route=route, stops=form.stops())
        return reverse("backoffice:staff-route", args=[route.pk])

    def render(self, status_code: int = 200, **kwargs: Any) -> Any:
        stops_form = kwargs.pop("form")
        return super().render(status_code, form=RouteEditView.get_form(self), stops_form=stops_form, **kwargs)
