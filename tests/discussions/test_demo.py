import io

import pytest

from cpsplatform.discussions import selectors
from cpsplatform.discussions.models import Channel, ChannelKind, Message, Reaction
from scripts.demo import discussions as demo
from scripts.demo import organisations as organisations_demo

pytestmark = pytest.mark.django_db


def test_demo_discussions_cover_every_kind_and_seeding_twice_changes_nothing():
    organisations_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    counts = (Channel.objects.count(), Message.objects.count(), Reaction.objects.count())
    demo.seed(io.StringIO())
    assert (Channel.objects.count(), Message.objects.count(), Reaction.objects.count()) == counts
    # Introduction channels are opened only by accepting an introduction, so the marketplace demo seeds them
    # (tests/marketplace/test_demo.py); the discussions demo covers every other kind.
    assert set(Channel.objects.values_list("kind", flat=True)) == set(ChannelKind.values) - {
        ChannelKind.INTRODUCTION
    }
    assert all(channel.messages.exists() for channel in Channel.objects.all())
    # Japanese and English in the same conversations.
    bodies = " ".join(Message.objects.values_list("body", flat=True))
    assert "中小企業" in bodies and "verification center" in bodies


def test_demo_channels_keep_their_audiences():
    organisations_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    from cpsplatform.accounts.models import User

    vendor = User.objects.get(email="yamamoto@naniwa-cs.example")
    buyer = User.objects.get(email="nakamura@setouchi-logi.example")
    readable_by_vendor = set(selectors.channels_readable_by(vendor).values_list("slug", flat=True))
    readable_by_buyer = set(selectors.channels_readable_by(buyer).values_list("slug", flat=True))
    assert "vendor-teaming" in readable_by_vendor and "vendor-teaming" not in readable_by_buyer
    assert "sme-worries" in readable_by_buyer and "sme-worries" not in readable_by_vendor
    assert "tokai-sakura-followup" not in readable_by_vendor | readable_by_buyer
    assert "joint-proposal-wg" in readable_by_vendor and "session-4-sme-security" in readable_by_buyer
