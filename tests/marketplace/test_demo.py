import io

import pytest
from django.db.models import Count

from cpsplatform.discussions.models import Channel, ChannelKind
from marketplace.choices import IntroductionStatus
from marketplace.models import Introduction, Need, SolutionListing, VerificationRecord
from scripts.demo import discussions as discussions_demo
from scripts.demo import marketplace as demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_rich_mixed_and_idempotent():
    demo.seed(io.StringIO())
    first = (
        SolutionListing.objects.count(),
        Need.objects.count(),
        Introduction.objects.count(),
        VerificationRecord.objects.count(),
    )
    demo.seed(io.StringIO())
    assert (
        SolutionListing.objects.count(),
        Need.objects.count(),
        Introduction.objects.count(),
        VerificationRecord.objects.count(),
    ) == first
    assert first[0] == 60 and first[1] == 40 and first[2] >= 3
    assert SolutionListing.objects.values("vendor").distinct().count() >= 20
    assert Need.objects.values("owner").distinct().count() == 30
    levels = set(SolutionListing.objects.values_list("verification_level", flat=True))
    assert {0, 1, 2, 3, 4, 5} <= levels
    statuses = dict(SolutionListing.objects.values_list("status").annotate(n=Count("id")))
    assert statuses["published"] >= 40 and statuses.get("draft") and statuses.get("submitted")
    assert Need.objects.filter(language="en").exists() and Need.objects.filter(language="ja").count() > 30


def test_every_seeded_accepted_introduction_has_the_pairs_channel():
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())  # idempotent: still one channel per introduction
    accepted = list(Introduction.objects.filter(status=IntroductionStatus.ACCEPTED))
    assert accepted
    for introduction in accepted:
        channel = Channel.objects.get(key=f"introduction:{introduction.pk}")
        assert set(channel.organisations.values_list("pk", flat=True)) == {
            introduction.from_org_id,
            introduction.to_org_id,
        }


def test_every_seeded_introduction_channel_belongs_to_an_accepted_introduction():
    """Introduction channels are opened by accepting an introduction; the demo seeds none that would not exist."""
    demo.seed(io.StringIO())
    discussions_demo.seed(io.StringIO())
    accepted = {
        f"introduction:{pk}"
        for pk in Introduction.objects.filter(status=IntroductionStatus.ACCEPTED).values_list("pk", flat=True)
    }
    keys = set(Channel.objects.filter(kind=ChannelKind.INTRODUCTION).values_list("key", flat=True))
    assert keys and keys <= accepted
