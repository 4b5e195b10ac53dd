from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext

from cpsplatform.links import absolute_url, site_url

#: ``ACCOUNT_RATE_LIMITS`` actions counting failed logins: per account and client address, and per account.
FAILED_PER_ADDRESS = "login_failed"
FAILED_PER_ACCOUNT = "login_failed_account"


def failure_keys(request, login: str) -> dict[str, str]:
    """The rate-limit key of each failed-login action for an attempt on ``login`` from this request's client."""
    account = f"{get_current_site(request).domain}:{login.strip().lower()}"
    return {FAILED_PER_ADDRESS: f"{account}|{ratelimit.get_ip(request)}", FAILED_PER_ACCOUNT: account}


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's mails call ``current_site``: the platform's name, not the host the request came to.

    Without ``django.contrib.sites`` allauth would use the request's host for both, greeting people with
    "Hello from 127.0.0.1:8101!"; the name and address here come from the settings instead, the same for every
    mail whatever host the request used.
    """

    name: str
    domain: str


def platform_site() -> PlatformSite:
    """The platform as mails name it, in the active language."""
    return PlatformSite(
        name=gettext("CPS Collaboration Platform"), domain=urlsplit(site_url()).netloc or site_url()
    )


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails, with the platform's name and address (``templates/account/email/``)."""
        context = {**context, "current_site": platform_site(), "site_url": site_url()}
        # allauth builds these two from the request's host; a mail's links start with SITE_URL instead.
        if "signup_url" in context:
            context["signup_url"] = absolute_url(reverse("account_signup"))
        if template_prefix == "account/email/account_already_exists":
            context["password_reset_url"] = absolute_url(reverse("account_reset_password"))
        super().send_mail(template_prefix, email, context)

    def send_notification_mail(self, template_prefix: str, user, context=None, email=None) -> None:
        """Security notices (password changed, e-mail added...) greet the person by name like every other mail."""
        super().send_notification_mail(template_prefix, user, {"user": user, **(context or {})}, email)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The confirmation link starts with ``SITE_URL``, like every link in a mail (``cpsplatform.links``)."""
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def get_logout_redirect_url(self, request) -> str:
        """Back to the home page in the language the visitor was using (``/`` or ``/en/``).

        Reversed in the active language, Wagtail's page route carries that language's prefix.
        """
        return reverse("wagtail_serve", args=("",))

    def pre_authenticate(self, request, **credentials: Any) -> None:
        """Count the attempt against the account *from this address*, and against the account overall.

        allauth's own counting is per account alone, so an attacker's five wrong guesses locked the owner out
        everywhere. Here the tight limits, with their back-off tiers, are per account and client address; the
        per-account cap is loose and only stops guessing spread over many addresses (``ACCOUNT_RATE_LIMITS``).
        allauth rolls the recorded usage back when the password is right, so only failures count.
        """
        login = credentials.get("email", credentials.get("username", ""))
        recorded: list[ratelimit.SingleRateLimitUsage] = []
        for action, key in failure_keys(request, login).items():
            usage = ratelimit.consume(request, app="allauth.account", action=action, key=key)
            if usage is None:
                ratelimit.RateLimitUsage(usage=recorded).rollback()
                raise self.validation_error("too_many_login_attempts")
            recorded.extend(usage.usage)
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=recorded)

    def _delete_login_attempts_cached_email(self, request, **credentials: Any) -> None:
        """After a password reset by e-mailed link (the owner, then): forget the failures counted for the account
        overall and from the owner's current address; other addresses stay throttled."""
        login = credentials.get("email", credentials.get("username", ""))
        for action, key in failure_keys(request, login).items():
            ratelimit.clear(request, app="allauth.account", action=action, key=key)


class MFAAdapter(DefaultMFAAdapter):
    def _get_site_name(self) -> str:
        """Passkey prompts ("Save a passkey for …") name the platform, not the host the request came to."""
        return platform_site().name
