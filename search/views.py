from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from search import services
from search.filters import applicable, chips, filter_label, query_for
from search.forms import SearchForm
from search.models import DigestFrequency, SavedSearch
from search.queries import SearchParams, SearchUnavailable, search_site


def search(request):
    """The public search page. Bad filter values are reported next to the form and left out of the search; the
    words typed are always kept. Filters the chosen kind of result does not understand (say a verification level
    carried over from solutions to needs) are dropped and said so, never left to narrow the results invisibly;
    the filters in force are shown as chips, each a link to the same search without it. When Elasticsearch is
    down the page says so and keeps the form filled in."""
    form = SearchForm(request.GET or None)
    params = SearchParams()
    dropped: list[str] = []
    if form.is_bound:
        form.is_valid()
        params, dropped = applicable(form.params())
    page = None
    unavailable = False
    try:
        page = search_site(params, request.actor)
    except SearchUnavailable:
        unavailable = True
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "page": page,
            "params": params,
            "unavailable": unavailable,
            "query_string": query_for(params).urlencode(),
            "chips": chips(params),
            "clear_query": query_for(
                SearchParams(q=params.q, kind=params.kind, sort=params.sort)
            ).urlencode(),
            "dropped": [filter_label(name) for name in dropped],
            "can_save": request.user.is_authenticated and params.kind == "needs",
        },
    )


class SaveSearchForm(SearchForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, required=False)
    frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail digest"), choices=DigestFrequency.choices, initial=DigestFrequency.WEEKLY
    )


@login_required
def saved_searches(request):
    """List the user's saved searches (GET) or save the search described by the form (POST)."""
    form = SaveSearchForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            params = form.params()
            params.kind = "needs"
            params, _dropped = applicable(params)
            try:
                services.do_save_search(
                    user=request.user,
                    organisation=request.actor.organisation,
                    name=form.cleaned_data.get("name") or "",
                    params=params,
                    frequency=form.cleaned_data["frequency"],
                )
            except PermissionDenied as error:
                raise Http404("Not found") from error
            messages.success(request, _("Search saved: you will get new fitting needs by e-mail."))
            return redirect("search:saved_searches")
        messages.error(request, _("The search could not be saved; please correct the fields marked below."))
    saved = SavedSearch.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "search/saved_searches.html",
        {"form": form, "saved_searches": saved},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    saved = SavedSearch.objects.filter(pk=pk, user=request.user).first()
    if saved is None:
        raise Http404("Not found")
    services.do_delete_saved_search(saved, user=request.user)
    messages.success(request, _("Saved search deleted."))
    return redirect("search:saved_searches")
