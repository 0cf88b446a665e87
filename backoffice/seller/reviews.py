"""The shop's reviews: what buyers said of its products, and the one public reply."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.forms import BackOfficeForm
from backoffice.roles import Area
from backoffice.seller import queries
from backoffice.views.base import BackOfficeView
from marketplace.reviews.services import review_reply


class ReplyForm(BackOfficeForm):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Public, once: every buyer reads it under the review."),
    )


class ReviewsView(BackOfficeView):
    area = Area.SELLER
    nav_key = "reviews"
    title = _("Reviews")
    template_name = "backoffice/seller/reviews.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            reviews=list(queries.reviews(self.roles.shop_scope)[:100]), reply_form=ReplyForm(), **kwargs
        )


class ReplyView(ReviewsView):
    form_class = ReplyForm
    success_message = _("Your reply is published.")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404

    def perform(self, form: Any) -> str:
        review = queries.reviews(self.roles.shop_scope).filter(pk=self.kwargs["pk"]).first()
        if review is None:
            raise Http404
        review_reply(actor=self.request.user, review=review, text=form.cleaned_data["text"])
        return reverse("backoffice:reviews")

    def render(self, status_code: int = 200, **kwargs: Any) -> HttpResponse:
        errors = kwargs.pop("form").errors
        return super().render(
            status_code, action_errors=[e for items in errors.values() for e in items], **kwargs
        )
