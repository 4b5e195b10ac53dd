"""The one admin for staff operations is Wagtail's (``/cms/``); these are the pieces every app's viewsets share.

Only platform staff get in (``is_staff`` *and* the model permission: a Wagtail editor group alone is not enough),
and two kinds of screens exist: editable ones, whose create/edit views save through the app's ``do_*`` services
(so the audit trail, notifications and signals happen as on the site), and read-only ones for records that only
the services may write (audit trail, registrations, reports). A read-only screen lists and inspects; it has no
add, edit or delete view to bypass a rule with.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Model
from django.utils.text import capfirst
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class StaffModelPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and only for platform staff (Wagtail editor groups alone are not enough)."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_staff) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(is_staff=True)


class StaffReadOnlyPolicy(StaffModelPermissionPolicy):
    """Staff may look (the ``view`` permission), never add, change or delete: the services own these rows."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


def staff_only(model: type[Model], *, read_only: bool = False) -> None:
    """Register the staff permission policy for ``model`` (read-only: staff may only list and inspect it)."""
    policy = StaffReadOnlyPolicy if read_only else StaffModelPermissionPolicy
    register_permission_policy(model, policy(model), exact_class=True)


def yes_no_column(model: type[Model], field: str) -> BooleanColumn:
    """A list column showing a boolean field as a tick or a cross, headed by its verbose name (Wagtail would
    print Python's "True"/"False", in English whatever the reader's language)."""
    return BooleanColumn(field, label=capfirst(model._meta.get_field(field).verbose_name), sort_key=field)


class ReadOnlyViewSet(ModelViewSet):
    """A list with filters and search plus an inspect page; add, edit and delete are refused (403).

    Subclasses set ``model``, ``list_display`` and friends, and register ``staff_only(model, read_only=True)``:
    the policy, not the absence of a button, is what keeps a staff member from editing the rows.
    """

    inspect_view_enabled = True
    copy_view_enabled = False
    #: Records kept read-only here are written by the platform in bulk (registrations, audit entries, chat
    #: reports): Wagtail's reference index would re-scan each one on every save (about 7 ms a row, a third of
    #: a registration's cost) to feed "usage" pages nobody reads for them.
    add_to_reference_index = False
    #: Required by ModelViewSet; the add and edit views exist but the read-only policy refuses them.
    exclude_form_fields: list[str] = []
    #: The list's order before the reader sorts it (e.g. ``"-created_at"``: newest first).
    default_ordering: str | None = None

    def get_index_view_kwargs(self, **kwargs):
        if self.default_ordering:
            kwargs.setdefault("default_ordering", self.default_ordering)
        return super().get_index_view_kwargs(**kwargs)


class Screen(NamedTuple):
    """What names a staff screen and shows it in the menu."""

    #: The viewset's name: its URL namespace, and its URL prefix unless ``url_prefix`` is given.
    name: str
    model: type[Model]
    icon: str
    menu_label: str


def read_only_viewset(screen: Screen, **attributes) -> ReadOnlyViewSet:
    """A read-only staff screen, its read-only staff policy registered with it, so that no app can declare the
    screen and forget the policy that actually refuses the edits.

    ``attributes`` are the viewset's own (``list_display``, ``list_filter``, ``search_fields``,
    ``default_ordering``, ``url_prefix``...); the ones not given keep Wagtail's defaults.
    """
    staff_only(screen.model, read_only=True)
    return ReadOnlyViewSet(
        screen.name, model=screen.model, icon=screen.icon, menu_label=screen.menu_label, **attributes
    )


class StaffMenu(ModelViewSetGroup):
    """One entry of the admin's menu holding an app's screens (``viewsets``), in the order given."""

    def __init__(self, menu_label: str, menu_icon: str, menu_order: int, *viewsets: ModelViewSet):
        self.menu_label = menu_label
        self.menu_icon = menu_icon
        self.menu_order = menu_order
        self.items = viewsets
        super().__init__()
