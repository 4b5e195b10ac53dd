from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

#: ``ACCOUNT_RATE_LIMITS`` actions counting failed logins: per account and client address, and per account.
FAILED_PER_ADDRESS = "login_failed"
FAILED_PER_ACCOUNT = "login_failed_account"


def failure_keys(request, login: str) -> dict[str, str]:
    """The rate-limit key of each failed-login action for an attempt on ``login`` from this request's client."""
    account = f"{get_current_site(request).domain}:{login.strip().lower()}"
    return {FAILED_PER_ADDRESS: f"{account}|{ratelimit.get_ip(request)}", FAILED_PER_ACCOUNT: account}


class AccountAdapter(DefaultAccountAdapter):
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
