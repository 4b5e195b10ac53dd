"""The three views of the access rules (``readable_channels_q``, ``can_read``, ``readers_of``) agree for every kind
of channel and every kind of person."""

import pytest

from cpsplatform.discussions import selectors, services
from cpsplatform.discussions.models import Channel
from cpsplatform.organisations.models import OrganisationKind

from .conftest import make_org, make_person
from .test_security import KINDS

pytestmark = pytest.mark.django_db


def test_every_view_of_the_access_rules_agrees():
    channels, people = [], []
    for setup in KINDS.values():
        channel, insider, outsider = setup()
        channels.append(channel)
        people += [insider, outsider]
    people += [make_person(make_org(kind)) for kind in OrganisationKind.values]
    people.append(make_person(None))
    inactive = make_person(make_org())
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    people.append(inactive)
    for channel in Channel.objects.all():
        readers = set(selectors.readers_of(channel).values_list("pk", flat=True))
        for person in people:
            listed = selectors.channels_readable_by(person).filter(pk=channel.pk).exists()
            assert selectors.can_read(person, channel) == listed == (person.pk in readers), (
                channel.kind,
                person,
            )
    assert len({c.kind for c in channels}) == len(KINDS)


def test_introduction_readers_change_with_the_channel_organisations():
    first, second, third = (make_org(OrganisationKind.VENDOR), make_org(), make_org())
    a, b, c = make_person(first), make_person(second), make_person(third)
    channel = services.do_create_channel(
        kind="introduction", name="Intro", organisations=[first, second], key="introduction:3"
    )
    assert set(selectors.readers_of(channel)) == {a, b}
    services.do_set_channel_organisations(channel, [first, third])
    assert set(selectors.readers_of(channel)) == {a, c}
    assert not selectors.can_read(b, channel) and selectors.can_read(c, channel)
