"""``{{ user|display_name }}``: a person's public name in templates (``cpsplatform.accounts.names``)."""

from django import template

from cpsplatform.accounts.names import display_name as name_of

register = template.Library()


@register.filter
def display_name(user) -> str:
    return name_of(user)
