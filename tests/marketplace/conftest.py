import pytest

from tests.factories import give_totp

from .factories import make_member, make_org, make_user, make_vendor


@pytest.fixture(autouse=True)
def _isolated_media(isolated_media):
    """Every marketplace test uploads into its own directory (``isolated_media`` in ``tests/conftest.py``)."""
    return isolated_media


@pytest.fixture
def vendor(db):
    return make_vendor(name_ja="テストベンダー株式会社")


@pytest.fixture
def vendor_user(vendor):
    return make_member(vendor, role="owner")


@pytest.fixture
def other_vendor(db):
    return make_vendor()


@pytest.fixture
def other_vendor_user(other_vendor):
    return make_member(other_vendor)


@pytest.fixture
def verifier(db):
    return make_org("verification_body", name_ja="検証機関")


@pytest.fixture
def verifier_user(verifier):
    """A member of the verification body, with the second factor its decisions need."""
    user = make_member(verifier)
    give_totp(user)
    return user


@pytest.fixture
def user_org(db):
    return make_org(
        "user_company",
        name_ja="ユーザー製造株式会社",
        industry="manufacturing",
        region="kanto",
        size="medium",
    )


@pytest.fixture
def user_member(user_org):
    return make_member(user_org)


@pytest.fixture
def staff_user(db):
    """Platform staff, with the second factor staff need for everything staff rights open."""
    user = make_user(is_staff=True)
    give_totp(user)
    return user


@pytest.fixture
def outsider(db):
    """A member of an unrelated user company."""
    return make_member(make_org())
