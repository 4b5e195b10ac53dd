"""Discussion pages. The chat itself runs over the WebSocket (``consumers.py``); these views render the page with
its starting state and the small management pages (new channel, members, reports, direct messages)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpsplatform.accounts.names import display_name
from cpsplatform.edge.ids import parse_id

from . import selectors, services
from .errors import ChatError
from .forms import CREATABLE_KINDS, AddMemberForm, ChannelForm, GroupConversationForm, ReasonForm
from .messaging import REACTIONS
from .models import EXPLICIT_MEMBERSHIP_KINDS, Channel, ChannelMember, MemberRole, MessageReport
from .pagestate import chat_strings, sidebar_channels


def _readable_or_404(request: HttpRequest, slug: str) -> Channel:
    channel = selectors.get_channel_for(request.user, slug)
    if channel is None:
        raise Http404(_("No such channel, or you are not a member of it."))
    return channel


def _moderated_or_403(request: HttpRequest, slug: str) -> Channel:
    channel = _readable_or_404(request, slug)
    if not selectors.is_moderator(request.user, channel):
        raise PermissionDenied(_("Only moderators of this channel may do that."))
    return channel


@login_required
def index(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The chat page; with ``slug`` that channel is open."""
    current = _readable_or_404(request, slug) if slug else None
    channels = sidebar_channels(request.user)
    config = {
        "me": {"id": request.user.pk, "name": display_name(request.user)},
        "current": current.slug if current else (channels[0]["slug"] if channels else None),
        "channels": channels,
        "reactions": list(REACTIONS),
        "strings": chat_strings(),
        "ws_path": "/ws/discussions/",
    }
    return render(
        request,
        "discussions/chat.html",
        {
            "config": config,
            "channels": channels,
            "current": current,
            "has_organisation": bool(request.actor.memberships),
        },
    )


def _allowed_kinds(user) -> list[str]:
    allowed = []
    for kind in CREATABLE_KINDS:
        try:
            services.check_can_create_channel(user, kind)
        except ChatError:
            continue
        allowed.append(kind)
    return allowed


@login_required
def create(request: HttpRequest) -> HttpResponse:
    allowed = _allowed_kinds(request.user)
    form = ChannelForm(request.POST or None, allowed_kinds=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_can_create_channel(request.user, form.cleaned_data["kind"])
            channel = services.do_create_channel(
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                created_by=request.user,
            )
        except ChatError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The channel was created. You are its moderator."))
            return redirect("discussions:channel", slug=channel.slug)
    status = 400 if form.errors else 200
    return render(request, "discussions/channel_form.html", {"form": form, "allowed": allowed}, status=status)


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Moderators add and remove members (and moderators), and archive the channel."""
    channel = _moderated_or_403(request, slug)
    form = AddMemberForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            form = AddMemberForm(request.POST)
            if form.is_valid() and _add_member(request, channel, form):
                return redirect("discussions:members", slug=channel.slug)
            status = 400
        elif action == "remove":
            member_id = parse_id(request.POST.get("member"))
            target = (
                ChannelMember.objects.filter(channel=channel, pk=member_id).first() if member_id else None
            )
            if target is None:
                messages.error(request, _("That person is not a member of this channel."))
                status = 400
            else:
                services.do_remove_member(channel, target.user, removed_by=request.user)
                messages.success(request, _("%(name)s was removed.") % {"name": display_name(target.user)})
                return redirect("discussions:members", slug=channel.slug)
        elif action == "archive":
            services.do_archive_channel(channel, archived_by=request.user)
            messages.success(request, _("The channel is archived: its history stays readable."))
            return redirect("discussions:channel", slug=channel.slug)
        else:
            messages.error(request, _("Choose what to do."))
            status = 400
    rows = ChannelMember.objects.filter(channel=channel).select_related("user").order_by("-role", "joined_at")
    return render(
        request,
        "discussions/members.html",
        {
            "channel": channel,
            "rows": rows,
            "form": form,
            "explicit": channel.kind in EXPLICIT_MEMBERSHIP_KINDS,
            "reader_count": selectors.readers_of(channel).count(),
        },
        status=status,
    )


def _add_member(request: HttpRequest, channel: Channel, form: AddMemberForm) -> bool:
    person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
    role = form.cleaned_data["role"]
    if person is None:
        form.add_error("email", _("Nobody on the platform has that e-mail address."))
        return False
    if channel.kind not in EXPLICIT_MEMBERSHIP_KINDS:
        if role != MemberRole.MODERATOR:
            form.add_error(
                "role", _("Who reads this channel follows from their organisations; add moderators only.")
            )
            return False
        if not selectors.readers_of(channel).filter(pk=person.pk).exists():
            form.add_error("email", _("That person cannot read this channel."))
            return False
    elif not person.memberships.exists():
        form.add_error("email", _("That person does not belong to an organisation on the platform yet."))
        return False
    try:
        services.do_add_member(channel, person, role=role, added_by=request.user)
    except ChatError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("%(name)s was added.") % {"name": display_name(person)})
    return True


@login_required
def reports(request: HttpRequest, slug: str) -> HttpResponse:
    """Moderators' queue: reported messages of one channel; hide one with a reason."""
    channel = _moderated_or_403(request, slug)
    status = 200
    if request.method == "POST":
        report_id = parse_id(request.POST.get("report"))
        report = (
            MessageReport.objects.filter(message__channel=channel, pk=report_id).first()
            if report_id
            else None
        )
        form = ReasonForm(request.POST)
        if report is None:
            messages.error(request, _("No such report."))
            status = 400
        elif not form.is_valid():
            messages.error(request, _("Please give a reason."))
            status = 400
        else:
            try:
                services.do_hide_message(report.message, request.user, reason=form.cleaned_data["reason"])
            except ChatError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _("The message is hidden."))
                return redirect("discussions:reports", slug=channel.slug)
    open_reports = (
        MessageReport.objects.filter(message__channel=channel, resolved_at__isnull=True)
        .select_related("message", "message__sender", "reporter")
        .order_by("-created_at")
    )
    return render(
        request, "discussions/reports.html", {"channel": channel, "reports": open_reports}, status=status
    )


@login_required
@require_POST
def direct(request: HttpRequest, user_id: int) -> HttpResponse:
    """Open (or reopen) the direct conversation with one person."""
    other = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if other is None:
        raise Http404(_("No such person."))
    try:
        channel = services.do_open_direct(request.user, [other])
    except ChatError as error:
        messages.error(request, error.message)
        return redirect("discussions:index")
    return redirect("discussions:channel", slug=channel.slug)


@login_required
def direct_group(request: HttpRequest) -> HttpResponse:
    """Start (or reopen) a conversation of a small group, by the others' e-mail addresses."""
    form = GroupConversationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        emails = form.cleaned_data["emails"]
        people = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {person.email.lower() for person in people})
        if unknown:
            form.add_error(
                "emails",
                _("Nobody on the platform has these addresses: %(list)s") % {"list": ", ".join(unknown)},
            )
        else:
            try:
                channel = services.do_open_direct(request.user, people)
            except ChatError as error:
                form.add_error(None, error.message)
            else:
                return redirect("discussions:channel", slug=channel.slug)
    status = 400 if form.errors else 200
    return render(request, "discussions/group_form.html", {"form": form}, status=status)
