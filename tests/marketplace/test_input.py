"""Bad input gets a clear error, leaves no partial record, and text is escaped on output."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from marketplace.models import ListingImage, ListingRevision, Need, SolutionListing
from marketplace.services import images as image_services
from marketplace.services import listings as listing_services
from tests.factories import client_for

from .factories import listing_form_data, make_listing, make_need, png_bytes

pytestmark = pytest.mark.django_db


def test_vendor_creates_a_listing_through_the_form(vendor, vendor_user):
    response = client_for(vendor_user).post(reverse("marketplace:listing_create"), listing_form_data())
    assert response.status_code == 302
    listing = SolutionListing.objects.get()
    assert listing.vendor == vendor and listing.status == "draft"
    assert list(listing.categories.values_list("slug", flat=True)) == ["endpoint-protection"]
    assert listing.revisions.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"price_min_jpy": "-1"}, "price_min_jpy", "0"),
        ({"price_min_jpy": "90000", "price_max_jpy": "1000"}, "price_max_jpy", ""),
        ({"categories": ["no-such-category"]}, "categories", "no-such-category"),
        ({"regions": ["atlantis"]}, "regions", "atlantis"),
    ],
)
def test_bad_listing_input_is_refused_with_a_clear_error(vendor_user, overrides, field, message):
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_create"), listing_form_data(**overrides)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert SolutionListing.objects.count() == 0
    assert ListingRevision.objects.count() == 0


def test_service_refuses_inverted_price_range_without_a_form(vendor, vendor_user):
    with pytest.raises(ValidationError) as error:
        listing_services.do_create_listing(
            vendor=vendor,
            actor=vendor_user,
            data={"name_ja": "x", "price_min_jpy": 5, "price_max_jpy": 1, "price_unit": "one_off"},
        )
    assert "price_max_jpy" in error.value.message_dict
    assert SolutionListing.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"budget_min_jpy": "-100"}, "budget_min_jpy"),
        ({"budget_min_jpy": "500000", "budget_max_jpy": "100"}, "budget_max_jpy"),
        ({"categories": ["unknown-thing"]}, "categories"),
        ({"visibility": "invite_only"}, "invited_organisations"),
    ],
)
def test_bad_need_input_is_refused(user_member, overrides, field):
    data = {
        "need_type": "service",
        "title": "ランサムウェア対策を相談したい",
        "description": "従業員 50 名の工場です。",
        "language": "ja",
        "min_verification_level": "0",
        "urgency": "normal",
        "visibility": "public",
    }
    data.update(overrides)
    response = client_for(user_member).post(reverse("marketplace:need_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert Need.objects.count() == 0


def test_text_is_escaped_on_output(vendor, user_org):
    """Markup that reached the database by other routes (admin, imports) is still escaped on every page."""
    listing = make_listing(vendor, name_ja="<script>alert('x')</script>", summary_ja="<b>bold</b>")
    need = make_need(user_org, title="<img src=x onerror=alert(1)>")
    client = client_for.__globals__["Client"]()
    for url in (
        reverse("marketplace:listing_detail", args=[listing.pk]),
        reverse("marketplace:index"),
        reverse("marketplace:vendor_profile", args=[vendor.slug]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert('x')</script>" not in page
        assert "&lt;script&gt;" in page
    page = client.get(reverse("marketplace:need_detail", args=[need.pk])).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


# --- images ---------------------------------------------------------------------------------------------------


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_bomb(width: int, height: int) -> bytes:
    """A tiny, valid PNG header declaring a huge image (a decompression bomb: pixels compress to nothing)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(50)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def post_image(client, listing, file, kind="screenshot"):
    return client.post(
        reverse("marketplace:listing_images", args=[listing.pk]), {"image": file, "kind": kind}
    )


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("bomb.png", png_bomb(50_000, 50_000), "too_many_pixels"),
        ("wide.png", png_bomb(50_000, 10), "too_many_pixels"),
        ("fake.png", b"GIF89a this is not a png at all", "not_an_image"),
        ("script.jpg", b"<script>alert(1)</script>", "not_an_image"),
        ("truncated.png", png_bytes()[:60], "not_an_image"),
        ("anim.gif", b"", "empty"),
    ],
)
def test_bad_images_are_refused_and_leave_nothing(vendor, vendor_user, name, data, code):
    listing = make_listing(vendor)
    if code == "empty":
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        data, code = buffer.getvalue(), "bad_format"
    response = post_image(client_for(vendor_user), listing, upload(name, data))
    assert response.status_code == 400
    assert response.context["form"].errors["image"]
    assert ListingImage.objects.count() == 0
    with pytest.raises(ValidationError) as error:
        image_services.check_image(upload(name, data))
    assert error.value.error_dict["image"][0].code == code


def test_oversized_image_is_refused(vendor, vendor_user, settings):
    settings.MARKETPLACE_IMAGE_MAX_BYTES = 10_000
    listing = make_listing(vendor)
    big = png_bytes((600, 600), color="white")
    noisy = io.BytesIO()
    Image.effect_noise((400, 400), 100).convert("RGB").save(noisy, format="PNG")
    response = post_image(client_for(vendor_user), listing, upload("big.png", noisy.getvalue()))
    assert response.status_code == 400
    assert "MB" in " ".join(response.context["form"].errors["image"])
    assert ListingImage.objects.count() == 0
    assert len(big) < 10_000  # a small file of many pixels is fine by bytes


def test_image_is_reencoded_without_exif_or_gps_and_gets_renditions(vendor, vendor_user):
    listing = make_listing(vendor)
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}  # GPS IFD
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "orange").save(buffer, format="JPEG", exif=exif.tobytes())
    original = buffer.getvalue()
    assert b"SecretCam" in original
    response = post_image(client_for(vendor_user), listing, upload("photo.jpg", original, "image/jpeg"))
    assert response.status_code == 302
    image = ListingImage.objects.get()
    for field in (image.file, image.detail, image.thumbnail):
        stored = field.read()
        field.close()
        assert b"SecretCam" not in stored
        decoded = Image.open(io.BytesIO(stored))
        assert not decoded.getexif()
        assert decoded.format == "JPEG"
    assert Image.open(image.thumbnail.path).size == (320, 240)
    assert Image.open(image.detail.path).size == (1200, 900)
    assert (image.width, image.height) == (1600, 1200)


def test_logo_replaces_previous_logo(vendor, vendor_user):
    listing = make_listing(vendor)
    client = client_for(vendor_user)
    post_image(client, listing, upload("a.png", png_bytes()), kind="logo")
    post_image(client, listing, upload("b.webp", png_bytes(fmt="WEBP"), "image/webp"), kind="logo")
    assert ListingImage.objects.filter(kind="logo").count() == 1


def test_fake_evidence_file_is_refused(vendor, vendor_user, verifier):
    listing = make_listing(vendor)
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_claim", args=[listing.pk]),
        {
            "kind": "effectiveness",
            "issuer": verifier.pk,
            "performed_on": "2024-05-01",
            "scope": "範囲",
            "result_summary": "結果",
            "evidence_file": upload(
                "report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00binary", "application/pdf"
            ),
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_file"]
    assert listing.verification_records.count() == 0
