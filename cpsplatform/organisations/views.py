from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    memberships = request.user.memberships.select_related("organisation")
    return render(request, "organisations/dashboard.html", {"memberships": memberships})
