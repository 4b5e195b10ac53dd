"""Needs: posted by user organisations, open → in discussion → fulfilled / closed; open needs expire."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation

from .. import conf, permissions, selectors
from ..choices import NeedStatus, Visibility
from ..models import Need, NeedAttachment, SecurityCategory
from .common import assign, invalid, require, send_need_changed
from .files import save_private_upload

#: Fields the owner edits, in the order forms show them (the forms derive their fields from this).
EDITABLE_FIELDS = (
    "need_type",
    "title",
    "description",
    "language",
    "cpsf_layers",
    "cpsf_components",
    "industry",
    "company_size",
    "region",
    "budget_min_jpy",
    "budget_max_jpy",
    "budget_unit",
    "wanted_by",
    "min_verification_level",
    "urgency",
    "visibility",
    "hide_company_name",
)

#: Statuses a need may move to from each status.
TRANSITIONS = {
    NeedStatus.OPEN: {NeedStatus.IN_DISCUSSION, NeedStatus.FULFILLED, NeedStatus.CLOSED},
    NeedStatus.IN_DISCUSSION: {NeedStatus.OPEN, NeedStatus.FULFILLED, NeedStatus.CLOSED},
    NeedStatus.FULFILLED: set(),
    NeedStatus.CLOSED: {NeedStatus.OPEN},
}


def check_need(
    need: Need, categories: Iterable[SecurityCategory], invited: Iterable[Organisation]
) -> tuple[list[SecurityCategory], list[Organisation]]:
    errors: dict[str, list[str]] = {}
    try:
        need.full_clean(exclude=["owner", "created_by"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    low, high = need.budget_min_jpy, need.budget_max_jpy
    if low is not None and high is not None and low > high:
        errors.setdefault("budget_max_jpy", []).append(
            _("The upper budget must not be lower than the lower budget.")
        )
    if (
        need.wanted_by is not None
        and need.wanted_by < timezone.localdate()
        and need.status == NeedStatus.OPEN
    ):
        errors.setdefault("wanted_by", []).append(_("The date wanted by is already past."))
    categories = list(categories)
    if any(not isinstance(c, SecurityCategory) or c.pk is None or not c.is_active for c in categories):
        errors.setdefault("categories", []).append(_("Unknown category."))
    invited = [org for org in invited if org.pk != need.owner_id]
    if need.visibility == Visibility.INVITE_ONLY and not invited:
        errors.setdefault("invited_organisations", []).append(
            _("Choose at least one organisation to invite, or pick another visibility.")
        )
    if errors:
        raise ValidationError(errors)
    return categories, invited


@transaction.atomic
def do_create_need(
    *,
    owner: Organisation,
    actor,
    data: dict[str, Any],
    categories: Iterable[SecurityCategory] = (),
    invited: Iterable[Organisation] = (),
) -> Need:
    require(permissions.can_post_need(Actor.acting_for(actor, owner)))
    need = Need(owner=owner, created_by=actor, status=NeedStatus.OPEN)
    assign(need, data, EDITABLE_FIELDS)
    categories, invited = check_need(need, categories, invited)
    need.save()
    need.categories.set(categories)
    need.invited_organisations.set(invited)
    log_action("marketplace.need.created", actor=actor, organisation=owner, subject=need)
    send_need_changed(need.pk)
    return need


@transaction.atomic
def do_update_need(
    need: Need,
    *,
    actor,
    organisation: Organisation | None,
    data: dict[str, Any],
    categories: Iterable[SecurityCategory] | None = None,
    invited: Iterable[Organisation] | None = None,
) -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    require(permissions.can_edit_need(Actor.acting_for(actor, organisation), need))
    if need.status in (NeedStatus.FULFILLED, NeedStatus.CLOSED):
        raise invalid(_("A closed need cannot be edited; reopen it first."), "closed")
    assign(need, data, EDITABLE_FIELDS)
    categories, invited = check_need(
        need,
        need.categories.all() if categories is None else categories,
        need.invited_organisations.all() if invited is None else invited,
    )
    need.save()
    need.categories.set(categories)
    need.invited_organisations.set(invited)
    log_action(
        "marketplace.need.updated",
        actor=actor,
        organisation=need.owner,
        subject=need,
        data={"fields": sorted(data)},
    )
    send_need_changed(need.pk)
    return need


def _set_status(need: Need, status: str, *, actor, reason: str = "") -> Need:
    """Caller holds the row lock."""
    if status not in TRANSITIONS[need.status]:
        raise invalid(
            _("A need cannot go from %(old)s to %(new)s.")
            % {"old": need.get_status_display(), "new": NeedStatus(status).label},
            "bad_transition",
        )
    previous = need.status
    need.status = status
    fields = ["status", "updated_at"]
    if status in (NeedStatus.FULFILLED, NeedStatus.CLOSED):
        need.closed_at = timezone.now()
        fields.append("closed_at")
    if status == NeedStatus.OPEN and need.expires_at <= timezone.now():
        need.expires_at = timezone.now() + datetime.timedelta(days=conf.get("MARKETPLACE_NEED_LIFETIME_DAYS"))
        fields.append("expires_at")
    need.save(update_fields=fields)
    log_action(
        f"marketplace.need.{status}",
        actor=actor,
        organisation=need.owner,
        subject=need,
        data={"from": previous, "reason": reason},
    )
    send_need_changed(need.pk)
    return need


@transaction.atomic
def do_change_need_status(need: Need, *, actor, organisation: Organisation | None, status: str) -> Need:
    """The owner closes, marks fulfilled or reopens its need."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    require(permissions.can_edit_need(Actor.acting_for(actor, organisation), need))
    return _set_status(need, status, actor=actor)


def mark_in_discussion(need: Need, *, actor) -> None:
    """An introduction was accepted (caller's transaction)."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status == NeedStatus.OPEN:
        _set_status(need, NeedStatus.IN_DISCUSSION, actor=actor)


def do_expire_needs(now: datetime.datetime | None = None) -> int:
    """Close open needs whose time ran out (periodic). Each need in its own transaction; returns the count."""
    now = now or timezone.now()
    expired = 0
    stale = Need.objects.filter(status=NeedStatus.OPEN, expires_at__lte=now).values_list("pk", flat=True)
    for pk in list(stale.iterator(chunk_size=500)):
        with transaction.atomic():
            need = Need.objects.select_for_update().get(pk=pk)
            if need.status == NeedStatus.OPEN and need.expires_at <= now:
                _set_status(need, NeedStatus.CLOSED, actor=None, reason="expired")
                expired += 1
    return expired


@transaction.atomic
def do_add_need_attachment(
    need: Need, *, actor, organisation: Organisation | None, upload: UploadedFile
) -> NeedAttachment:
    need = Need.objects.select_for_update().get(pk=need.pk)
    require(permissions.can_edit_need(Actor.acting_for(actor, organisation), need))
    if need.attachments.count() >= conf.get("MARKETPLACE_ATTACHMENTS_PER_NEED"):
        raise invalid(_("This need already has the maximum number of attachments."), "too_many", "file")
    attachment = NeedAttachment(need=need)
    checked = save_private_upload(attachment, upload, uploaded_by=actor)
    log_action(
        "marketplace.need.attachment_added",
        actor=actor,
        organisation=organisation,
        subject=need,
        data={"attachment_id": attachment.pk, "name": checked.original_name},
    )
    return attachment


@transaction.atomic
def do_remove_need_attachment(
    attachment: NeedAttachment, *, actor, organisation: Organisation | None
) -> None:
    need = Need.objects.select_for_update().get(pk=attachment.need_id)
    require(permissions.can_edit_need(Actor.acting_for(actor, organisation), need))
    log_action(
        "marketplace.need.attachment_removed",
        actor=actor,
        organisation=organisation,
        subject=need,
        data={"attachment_id": attachment.pk, "name": attachment.original_name},
    )
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def do_admin_saved_need(need: Need, *, actor, created: bool) -> None:
    require(permissions.can_moderate(Actor(actor)))
    log_action(
        "marketplace.need.admin_created" if created else "marketplace.need.admin_edited",
        actor=actor,
        organisation=need.owner,
        subject=need,
    )
    send_need_changed(need.pk)


@transaction.atomic
def do_delete_need(need: Need, *, actor) -> None:
    require(permissions.can_moderate(Actor(actor)))
    need_id = need.pk
    log_action(
        "marketplace.need.deleted",
        actor=actor,
        organisation=need.owner,
        data={"need_id": need_id, "title": need.title},
    )
    need.delete()
    send_need_changed(need_id, deleted=True)


@transaction.atomic
def do_invite_to_need(need: Need, *, actor, organisation: Organisation | None, invitee: Organisation) -> Need:
    """The owner lets one more organisation see a restricted need (invite-only or confirmed-vendors-only), e.g. a
    recommended vendor that staff have not confirmed yet. Inviting never widens the need to anyone else."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    require(permissions.can_edit_need(Actor.acting_for(actor, organisation), need))
    if not need.is_open:
        raise invalid(_("This need is no longer open."), "need_closed")
    if invitee.pk == need.owner_id:
        raise invalid(_("Your own organisation always sees its needs."), "own_organisation")
    if need.visibility == Visibility.PUBLIC or invitee.pk not in selectors.organisations_unable_to_see_need(
        need, [invitee.pk]
    ):
        raise invalid(
            _("%(name)s can already see this need.") % {"name": invitee.display_name}, "already_visible"
        )
    need.invited_organisations.add(invitee)
    log_action(
        "marketplace.need.organisation_invited",
        actor=actor,
        organisation=need.owner,
        subject=need,
        data={"invitee_id": invitee.pk, "visibility": need.visibility},
    )
    send_need_changed(need.pk)
    return need
