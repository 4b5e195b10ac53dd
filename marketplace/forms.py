"""Forms: parse and validate input for the views, which hand cleaned data to the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cpsplatform.organisations.fields import OrganisationChoiceField, OrganisationMultipleChoiceField
from cpsplatform.organisations.models import Organisation, OrganisationKind
from cpsplatform.organisations.selectors import organisations_sharing_a_member_with
from cpsplatform.taxonomy import SERVED_REGION_CHOICES, CpsfComponent, VerificationLevel

from .choices import ImageKind, NeedStatus, VerificationKind
from .models import CaseStudy, Need, SecurityCategory, SolutionListing
from .services import case_studies as case_study_services
from .services import listings as listing_services
from .services import needs as need_services


class DateInput(forms.DateInput):
    input_type = "date"


def category_field(required: bool = False) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=SecurityCategory.objects.filter(is_active=True),
        to_field_name="slug",
        required=required,
        widget=forms.CheckboxSelectMultiple,
        label=_("Categories"),
        error_messages={
            "invalid_choice": _("Unknown category: %(value)s."),
            "invalid_pk_value": _("Unknown category."),
        },
    )


def with_relations(editable: tuple[str, ...], **placed_before: str) -> list[str]:
    """A model form's fields: the service's editable fields, in its order, plus the relations the service takes as
    separate arguments (categories, invited organisations), each placed before the field named for it.

    The service's tuple is the one list of what a user may change; a field added there appears in the form.
    """
    fields = list(editable)
    for relation, before in placed_before.items():
        fields.insert(fields.index(before), relation)
    return fields


class RangeCheckMixin:
    """Both ends of a JPY range: not negative, lower ≤ upper (the model and service check again)."""

    range_fields: tuple[str, str]

    def clean(self):
        cleaned = super().clean()
        low_name, high_name = self.range_fields
        low, high = cleaned.get(low_name), cleaned.get(high_name)
        if low is not None and high is not None and low > high:
            self.add_error(high_name, _("The upper amount must not be lower than the lower amount."))
        return cleaned


class ListingForm(RangeCheckMixin, forms.ModelForm):
    range_fields = ("price_min_jpy", "price_max_jpy")
    categories = category_field()
    website = forms.URLField(label=_("Product web page"), required=False)

    class Meta:
        model = SolutionListing
        fields = with_relations(listing_services.EDITABLE_FIELDS, categories="cpsf_layers")
        widgets = {
            "description_ja": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
        }

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in listing_services.EDITABLE_FIELDS}


class NeedForm(RangeCheckMixin, forms.ModelForm):
    range_fields = ("budget_min_jpy", "budget_max_jpy")
    categories = category_field()
    invited_organisations = OrganisationMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Invited organisations (they see the need even when it is restricted)"),
    )

    class Meta:
        model = Need
        fields = with_relations(
            need_services.EDITABLE_FIELDS, categories="cpsf_layers", invited_organisations="hide_company_name"
        )
        widgets = {"wanted_by": DateInput(), "description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_organisations"].queryset = Organisation.objects.exclude(pk=owner.pk)
        self.fields["invited_organisations"].widget.attrs["size"] = 8

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in need_services.EDITABLE_FIELDS}


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)


#: The kinds a vendor names as issuer in the claim form. The service also accepts an approved user company or
#: university as issuer of a trial (``ISSUER_KINDS``), but a trial at a customer reaches the platform as the
#: customer's own attestation, reviewed by staff; offering every customer here made the list 100 long.
CLAIM_ISSUER_KINDS = [OrganisationKind.VERIFICATION_BODY, OrganisationKind.PUBLIC_AGENCY]


def issuer_queryset(vendor: Organisation | None = None):
    """Organisations a vendor may name as issuer: verification bodies and public agencies that platform staff
    approved, and (given the vendor) none that shares a member with it. The service checks approval and
    independence again when the claim is made and when it is decided."""
    issuers = Organisation.objects.filter(kind__in=CLAIM_ISSUER_KINDS, confirmed_by_staff=True)
    if vendor is not None:
        issuers = issuers.exclude(pk__in=organisations_sharing_a_member_with(vendor).values("pk")).exclude(
            pk=vendor.pk
        )
    return issuers.order_by("kind", "name_ja", "name_en")


class VerificationClaimForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of verification"), choices=VerificationKind.choices)
    issuer = OrganisationChoiceField(
        label=_("Issuing organisation"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Verification bodies and public agencies approved by platform staff, and independent of yours. A trial "
            'at a customer is attested by the customer itself ("We trialled this" on the listing page).'
        ),
    )
    performed_on = forms.DateField(label=_("Performed on"), widget=DateInput())
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput())
    scope = forms.CharField(label=_("Scope"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    result_summary = forms.CharField(
        label=_("Result summary"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.URLField(label=_("Evidence URL"), required=False)
    evidence_file = forms.FileField(label=_("Evidence report (PDF, image or text)"), required=False)
    evidence_is_public = forms.BooleanField(
        label=_("The report may be shown publicly once confirmed"), required=False
    )

    def __init__(self, *args, vendor: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_queryset(vendor)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("evidence_url") and not cleaned.get("evidence_file") and not self.errors:
            raise forms.ValidationError(_("Attach the report or give a link to the evidence."))
        return cleaned


class VerificationDecisionForm(forms.Form):
    ACTIONS = [("confirm", _("Confirm")), ("reject", _("Reject")), ("revoke", _("Revoke"))]
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    expires_on = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())


class ImageUploadForm(forms.Form):
    image = forms.FileField(label=_("Image (PNG, JPEG or WebP)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ImageKind.choices, initial=ImageKind.SCREENSHOT)
    alt_text = forms.CharField(label=_("Description for screen readers"), max_length=200, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, image, Office document or text, at most 10 MB)"))


class ProposalForm(forms.Form):
    listing = forms.ModelChoiceField(
        label=_("Which of your solutions"), queryset=SolutionListing.objects.none()
    )
    reason = forms.CharField(
        label=_("Why it fits this need"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, listings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = listings


class InquiryForm(forms.Form):
    reason = forms.CharField(
        label=_("What you would like to know"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    need = forms.ModelChoiceField(
        label=_("About this need (optional)"), queryset=Need.objects.none(), required=False
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs


class IntroductionDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttestationForm(forms.Form):
    started_on = forms.DateField(label=_("Trial started on"), widget=DateInput())
    ended_on = forms.DateField(label=_("Trial ended on"), widget=DateInput())
    environment = forms.CharField(
        label=_("Environment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    result_summary = forms.CharField(
        label=_("Result"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    anonymise = forms.BooleanField(
        label=_("Publish anonymised (industry, region and size only)"), required=False, initial=True
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("publish", _("Publish")), ("reject", _("Send back"))]
    )
    reason = forms.CharField(
        label=_("Reason (required to send back)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttestationDecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("confirm", _("Confirm")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(label=_("Reason (required to reject)"), required=False, max_length=2000)


class CaseStudyForm(forms.ModelForm):
    publish = forms.BooleanField(label=_("Publish now (requires the customer's consent)"), required=False)

    class Meta:
        model = CaseStudy
        fields = case_study_services.EDITABLE_FIELDS
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}


class BrowseListingsForm(forms.Form):
    """GET filters for the public listing browser (database filtering)."""

    category = forms.ModelChoiceField(
        queryset=SecurityCategory.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        label=_("Category"),
    )
    component = forms.ChoiceField(
        choices=[("", "—"), *CpsfComponent.choices], required=False, label=_("CPSF component")
    )
    region = forms.ChoiceField(choices=[("", "—"), *SERVED_REGION_CHOICES], required=False, label=_("Region"))
    level = forms.TypedChoiceField(
        choices=[("", "—"), *VerificationLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("At least"),
    )


class BrowseNeedsForm(BrowseListingsForm):
    pass
