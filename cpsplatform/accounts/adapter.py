from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_logout_redirect_url(self, request) -> str:
        """Back to the home page in the language the visitor was using (``/`` or ``/en/``).

        Reversed in the active language, Wagtail's page route carries that language's prefix.
        """
        return reverse("wagtail_serve", args=("",))
