"""Pages of matching: recommendations for a need, needs that fit a listing, feedback on a suggestion."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.models import Need, SolutionListing
from matching import services


class FeedbackForm(forms.Form):
    listing = forms.IntegerField(min_value=1)
    useful = forms.TypedChoiceField(choices=[("1", "useful"), ("0", "not useful")], coerce=lambda v: v == "1")
    rank = forms.IntegerField(min_value=1, max_value=1000, required=False)
    score = forms.FloatField(required=False)


@login_required
def need_recommendations(request, pk: int):
    need = get_object_or_404(Need.objects.select_related("owner"), pk=pk)
    if not services.can_see_recommendations(request.actor, need):
        raise Http404("Not found")
    recommendations = services.recommend_for_need(need, user=request.user)
    return render(
        request,
        "matching/need_recommendations.html",
        {
            "need": need,
            "recommendations": recommendations,
            "can_invite": services.can_invite_vendors(request.actor, need),
        },
    )


@login_required
@require_POST
def feedback(request, pk: int):
    need = get_object_or_404(Need, pk=pk)
    organisation = request.actor.organisation
    if not services.can_see_recommendations(request.actor, need):
        raise Http404("Not found")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("That feedback could not be read; please use the buttons next to a suggestion.")
        )
        return redirect("matching:need_recommendations", pk=need.pk)
    try:
        services.do_record_feedback(
            need=need,
            listing_id=form.cleaned_data["listing"],
            user=request.user,
            organisation=organisation,
            useful=form.cleaned_data["useful"],
            rank=form.cleaned_data.get("rank"),
            score=form.cleaned_data.get("score"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching:need_recommendations", pk=need.pk)
    except PermissionDenied as error:
        raise Http404("Not found") from error
    messages.success(request, _("Thank you: your feedback improves the suggestions."))
    # Back to the suggestion that was rated, not to the top of a long page (its <article> has this id).
    url = reverse("matching:need_recommendations", kwargs={"pk": need.pk})
    return HttpResponseRedirect(f"{url}#suggestion-{form.cleaned_data['listing']}")


@login_required
def listing_needs(request, pk: int):
    listing = get_object_or_404(SolutionListing.objects.select_related("vendor"), pk=pk)
    if not services.can_see_fitting_needs(request.actor, listing):
        raise Http404("Not found")
    recommendations = services.needs_for_listing(listing, actor=request.actor)
    return render(
        request, "matching/listing_needs.html", {"listing": listing, "recommendations": recommendations}
    )
