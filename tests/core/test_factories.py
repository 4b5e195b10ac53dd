from allauth.account.models import EmailAddress

from cpsplatform.organisations.validators import validate_corporate_number
from tests.factories import login, make_member, make_organisation, make_user


def test_factories_build_a_verified_user_in_an_organisation_with_a_valid_corporate_number(client, db):
    owner = make_user()
    org = make_organisation(kind="vendor", owner=owner, website="https://www.example.co.jp")
    member = make_member(org, user=make_user(email="Tanaka@Example.co.jp"))

    validate_corporate_number(org.corporate_number)
    assert EmailAddress.objects.get(user=owner).verified
    assert org.memberships.get(user=owner).role == "owner"
    assert member.email_domain_matches
    assert login(client, owner).get("/organisations/").status_code == 200
