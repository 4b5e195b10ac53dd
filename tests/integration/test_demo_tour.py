"""The README's demo tour works: after the demo seed (``python -m scripts.demo``) each documented login signs in with the documented password
and finds its side of the platform filled in (real Elasticsearch behind the recommendations)."""

import io
import re

import pytest
from django.urls import reverse

from events.models import Registration
from marketplace.models import Need
from scripts.demo import seed_all
from scripts.demo.events import ORGANISER_EMAIL
from scripts.demo.marketplace import DEMO_LOGINS
from scripts.demo.organisations import DEMO_PASSWORD, STAFF_EMAIL
from scripts.totp import totp_code

from .conftest import english

pytestmark = pytest.mark.django_db

LOGINS = {email: slug for slug, email, _name in DEMO_LOGINS}
#: The seed's line for an account with a second factor: "<e-mail>: second factor TOTP secret <base32> ...".
TOTP_LINE = re.compile(r"(\S+@\S+): second factor TOTP secret ([A-Z2-7]+)")
#: Secrets the seed printed, by e-mail (filled by the tour's first step).
PRINTED_SECRETS: dict[str, str] = {}


def signed_in(client, email: str):
    """Sign in as the README says: the demo password and, for accounts with a second factor, the code an
    authenticator app would show for the secret the seed printed."""
    client.logout()
    english(client)
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{email} cannot log in with the demo password"
    if response["Location"] == reverse("mfa_authenticate"):
        assert email in PRINTED_SECRETS, f"{email} needs a second factor but the seed printed no secret"
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(PRINTED_SECRETS[email])})
        assert response.status_code == 302, f"{email} cannot pass the second factor with the printed secret"
    return client


def test_the_demo_tour(client, clean_indexes):
    """One walk through the seeded site, in the README's order (seeding takes a while, so it is done once)."""
    out = io.StringIO()
    seed_all(out)
    for email in [STAFF_EMAIL, ORGANISER_EMAIL, *LOGINS]:
        assert email in out.getvalue(), f"the demo seed does not name the login {email}"
    PRINTED_SECRETS.update(TOTP_LINE.findall(out.getvalue()))
    assert {STAFF_EMAIL, "verifier@demo.cps-platform.example"} <= PRINTED_SECRETS.keys()

    # A vendor: its listings, the needs that fit one of them, its introductions.
    signed_in(client, "vendor@demo.cps-platform.example")
    listings = client.get(reverse("marketplace:vendor_dashboard")).context["listings"]
    published = next(listing for listing in listings if listing.is_published)
    page = client.get(reverse("marketplace:listing_detail", args=[published.pk])).content.decode()
    assert reverse("matching:listing_needs", args=[published.pk]) in page
    assert (
        client.get(reverse("matching:listing_needs", args=[published.pk]))
        .context["recommendations"]
        .suggestions
    )
    assert any(client.get(reverse("marketplace:introductions")).context["groups"].values())

    # A user company: recommendations, explained, on its need's page.
    signed_in(client, "buyer@demo.cps-platform.example")
    need = Need.objects.filter(owner__slug=LOGINS["buyer@demo.cps-platform.example"]).order_by("pk").first()
    html = client.get(reverse("marketplace:need_detail", args=[need.pk])).content.decode()
    assert 'id="matching-recommendations"' in html and 'class="card suggestion"' in html
    assert "Search is temporarily unavailable" not in html

    # A verification body: claims waiting for its decision.
    signed_in(client, "verifier@demo.cps-platform.example")
    records = list(client.get(reverse("marketplace:verification_queue")).context["records"])
    assert records
    # Signed in with the second factor, the verifier can decide at once.
    claimed = next(record for record in records if record.status == "claimed")
    response = client.post(
        reverse("marketplace:verification_decide", args=[claimed.pk]), {"action": "reject", "reason": "Tour"}
    )
    assert response["Location"] == reverse("marketplace:verification_queue")

    # Both marketplace people are registered for the next session, with people to meet there.
    for email in ("buyer@demo.cps-platform.example", "vendor@demo.cps-platform.example"):
        registration = Registration.objects.get(user__email=email, event__number=6)
        assert registration.meets_people, email
        signed_in(client, email)
        response = client.get(reverse("events:people_to_meet", args=[registration.pk]))
        assert response.context["suggestions"], f"{email} has nobody to meet"

    # The organiser and platform staff.
    signed_in(client, ORGANISER_EMAIL)
    assert client.get(reverse("events:organiser_index")).status_code == 200
    signed_in(client, STAFF_EMAIL)
    assert client.get(reverse("marketplace:moderation_queue")).status_code == 200
    assert client.get("/cms/").status_code == 200
