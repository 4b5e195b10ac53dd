"""The organiser's programme and registration-question pages save through ``events.services.programme``."""

import pytest
from django.urls import reverse

from cpsplatform.audit.models import AuditLogEntry
from events.models import ProgrammeItem, Question
from events.services import programme
from events.services.errors import OrganiserActionRefused
from tests.factories import make_organisation

from .conftest import login, make_event, make_user

pytestmark = pytest.mark.django_db


def formset_data(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def test_organiser_saves_the_programme_and_the_change_is_audited(client, organiser, event):
    login(client, organiser)
    response = client.post(
        reverse("events:programme_edit", args=[event.pk]),
        formset_data("programme", [{"order": "1", "starts_at": "14:00", "kind": "talk", "title": "Opening"}]),
    )
    assert response.status_code == 302
    assert list(event.programme.values_list("title", flat=True)) == ["Opening"]
    assert AuditLogEntry.objects.filter(action="events.event.programme_changed", actor=organiser).count() == 1


def test_organiser_removes_a_question_by_ticking_delete(client, organiser, event):
    kept = event.questions.create(order=1, text="Topics?", kind="short_text")
    removed = event.questions.create(order=2, text="Diet?", kind="short_text")
    login(client, organiser)
    rows = [
        {"id": str(kept.pk), "order": "1", "text": "Topics?", "kind": "short_text"},
        {"id": str(removed.pk), "order": "2", "text": "Diet?", "kind": "short_text", "DELETE": "on"},
    ]
    response = client.post(
        reverse("events:questions_edit", args=[event.pk]), formset_data("questions", rows, initial=2)
    )
    assert response.status_code == 302
    assert list(event.questions.all()) == [kept]
    assert AuditLogEntry.objects.filter(action="events.event.questions_changed").count() == 1


def test_an_invalid_programme_row_re_renders_the_page_and_saves_nothing(client, organiser, event):
    login(client, organiser)
    response = client.post(
        reverse("events:programme_edit", args=[event.pk]),
        formset_data(
            "programme", [{"order": "1", "kind": "talk", "title": ""}, {"order": "x", "title": "B"}]
        ),
    )
    assert response.status_code == 400
    assert not event.programme.exists()


def test_someone_who_does_not_run_the_event_cannot_save_its_programme(event):
    outsider = make_user(make_organisation(kind="event_organiser"), role="admin")
    with pytest.raises(OrganiserActionRefused) as refused:
        programme.do_save_programme(event, by=outsider, changed=[ProgrammeItem(title="Hijack")])
    assert refused.value.code == "organiser_action_refused"
    assert not event.programme.exists()
    assert not AuditLogEntry.objects.filter(action="events.event.programme_changed").exists()


def test_a_question_of_another_event_cannot_be_saved_through_this_one(organiser, organiser_org, event):
    other = make_event(organiser_org)
    foreign = other.questions.create(order=1, text="Other event's question", kind="short_text")
    foreign.text = "Changed through the wrong event"
    with pytest.raises(OrganiserActionRefused):
        programme.do_save_questions(event, by=organiser, changed=[foreign])
    assert Question.objects.get(pk=foreign.pk).text == "Other event's question"
    assert Question.objects.get(pk=foreign.pk).event == other
