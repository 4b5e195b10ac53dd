"""Keep live subscriptions in step with organisation membership.

Access to organisation-derived channels (public, policy, vendors-only, user-companies-only, introduction) follows
the person's memberships. When one is created, changed or deleted, every live connection of that person re-checks
its subscriptions at once, so leaving an organisation drops its introduction channels immediately.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cpsplatform.organisations.models import Membership

from .models import Channel
from .notify import send_access_recheck


@receiver(post_save, sender=Membership, dispatch_uid="discussions.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="discussions.membership_deleted")
def membership_changed(sender, instance: Membership, **kwargs) -> None:
    send_access_recheck(instance.user_id)


@receiver(m2m_changed, sender=Channel.organisations.through, dispatch_uid="discussions.channel_orgs_changed")
def channel_organisations_changed(sender, instance, action: str, pk_set, **kwargs) -> None:
    if action not in {"post_remove", "post_clear"} or not isinstance(instance, Channel):
        return
    for user_id in set(
        Membership.objects.filter(organisation_id__in=pk_set or ()).values_list("user_id", flat=True)
    ):
        send_access_recheck(user_id)
