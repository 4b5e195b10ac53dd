"""Listing images (logo, screenshots) through Pillow.

An upload is accepted only when its *content* decodes as PNG, JPEG or WebP within the byte, side and pixel
limits; decompression bombs are refused before any pixel is decoded. The stored file and both renditions are
freshly encoded from the pixels, so EXIF (including GPS), XMP, ICC profiles and text chunks never survive.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation

from .. import conf, permissions
from ..choices import ImageKind
from ..models import ListingImage, SolutionListing
from .common import invalid, require, send_listing_changed

ALLOWED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})


@dataclass(frozen=True)
class CleanImage:
    """Re-encoded image bytes and its renditions."""

    original: bytes
    detail: bytes
    thumbnail: bytes
    extension: str
    width: int
    height: int


def _bad(message: str, code: str) -> Exception:
    return invalid(message, code, "image")


def check_image(upload: UploadedFile) -> Image.Image:
    """Return the decoded image, or raise ``ValidationError`` saying what is wrong."""
    max_bytes = conf.get("MARKETPLACE_IMAGE_MAX_BYTES")
    if upload.size is None or upload.size > max_bytes:
        raise _bad(
            _("The image is too large (at most %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)}, "too_large"
        )
    max_pixels = conf.get("MARKETPLACE_IMAGE_MAX_PIXELS")
    max_side = conf.get("MARKETPLACE_IMAGE_MAX_SIDE")
    too_many_pixels = _(
        "The image has too many pixels (at most %(mp)s megapixels, %(side)s pixels a side)."
    ) % {
        "mp": max_pixels // 1_000_000,
        "side": max_side,
    }
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; both mean "refuse".
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise _bad(_("Upload a PNG, JPEG or WebP image."), "bad_format")
            width, height = probe.size
            # Check the declared size before decoding a single pixel.
            if width * height > max_pixels or max(width, height) > max_side:
                raise _bad(too_many_pixels, "too_many_pixels")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _bad(too_many_pixels, "too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _bad(_("This file is not a readable PNG, JPEG or WebP image."), "not_an_image") from error
    finally:
        upload.seek(0)
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "PNG":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def clean_image(image: Image.Image) -> CleanImage:
    """Apply the EXIF orientation, drop every metadata chunk by copying only pixels, and encode the renditions."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    pixels = Image.new(mode, image.size)
    pixels.paste(image.convert(mode))
    fmt = "PNG" if has_alpha else "JPEG"
    stored_side = conf.get("MARKETPLACE_IMAGE_STORED_SIDE")
    pixels.thumbnail((stored_side, stored_side), Image.Resampling.LANCZOS)
    detail = pixels.copy()
    detail.thumbnail(conf.get("MARKETPLACE_IMAGE_DETAIL_SIZE"), Image.Resampling.LANCZOS)
    thumbnail = pixels.copy()
    thumbnail.thumbnail(conf.get("MARKETPLACE_IMAGE_THUMBNAIL_SIZE"), Image.Resampling.LANCZOS)
    return CleanImage(
        original=_encode(pixels, fmt),
        detail=_encode(detail, fmt),
        thumbnail=_encode(thumbnail, fmt),
        extension="png" if fmt == "PNG" else "jpg",
        width=pixels.width,
        height=pixels.height,
    )


@transaction.atomic
def do_add_listing_image(
    listing: SolutionListing,
    *,
    actor,
    organisation: Organisation | None,
    upload: UploadedFile,
    kind: str = ImageKind.SCREENSHOT,
    alt_text: str = "",
) -> ListingImage:
    """A logo replaces the previous logo; screenshots add up to the per-listing limit."""
    listing = SolutionListing.objects.select_for_update().get(pk=listing.pk)
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    if kind not in ImageKind.values:
        raise invalid(_("Unknown kind of image."), "bad_kind", "kind")
    image_row = ListingImage(listing=listing, kind=kind, alt_text=alt_text, uploaded_by=actor)
    image_row.full_clean(exclude=["listing", "file", "thumbnail", "detail", "uploaded_by"])
    if kind == ImageKind.SCREENSHOT and listing.images.filter(kind=ImageKind.SCREENSHOT).count() >= conf.get(
        "MARKETPLACE_IMAGES_PER_LISTING"
    ):
        raise invalid(_("This listing already has the maximum number of screenshots."), "too_many", "image")
    clean = clean_image(check_image(upload))
    replaced = list(listing.images.filter(kind=ImageKind.LOGO)) if kind == ImageKind.LOGO else []
    for old in replaced:
        _delete_image_row(old)
    image_row.sort_order = listing.images.count()
    image_row.width, image_row.height = clean.width, clean.height
    image_row.file.save(f"image.{clean.extension}", ContentFile(clean.original), save=False)
    image_row.detail.save(f"detail.{clean.extension}", ContentFile(clean.detail), save=False)
    image_row.thumbnail.save(f"thumb.{clean.extension}", ContentFile(clean.thumbnail), save=False)
    image_row.save()
    log_action(
        "marketplace.listing.image_added",
        actor=actor,
        organisation=organisation,
        subject=listing,
        data={"image_id": image_row.pk, "kind": kind, "width": clean.width, "height": clean.height},
    )
    send_listing_changed(listing.pk)
    return image_row


def _delete_image_row(image_row: ListingImage) -> None:
    files = [f for f in (image_row.file, image_row.detail, image_row.thumbnail) if f]
    names = [(f.storage, f.name) for f in files]
    image_row.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


@transaction.atomic
def do_remove_listing_image(image_row: ListingImage, *, actor, organisation: Organisation | None) -> None:
    listing = SolutionListing.objects.select_for_update().get(pk=image_row.listing_id)
    require(permissions.can_edit_listing(Actor.acting_for(actor, organisation), listing))
    log_action(
        "marketplace.listing.image_removed",
        actor=actor,
        organisation=organisation,
        subject=listing,
        data={"image_id": image_row.pk},
    )
    _delete_image_row(image_row)
    send_listing_changed(listing.pk)
