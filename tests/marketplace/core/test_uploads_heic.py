"""iPhone photos: HEIC is recognised by its bytes where photos are accepted and stored as
JPEG (without the original's metadata); a damaged or oversized HEIC is INVALID_FILE_TYPE
and nothing is stored; where only stored image types are allowed, HEIC stays refused."""

import io

import pillow_heif
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from marketplace.core import uploads
from marketplace.core.uploads import HEIC, IMAGE_TYPES, PHOTO_TYPES, sniff, store_upload


def heic(size: tuple[int, int] = (32, 24)) -> bytes:
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, (200, 30, 30))).save(buffer, format="HEIF")
    return buffer.getvalue()


def test_heic_is_sniffed_by_its_ftyp_box():
    assert sniff(heic()[:16]) == HEIC
    assert sniff(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 8) is None  # a video, not a photo


def test_a_heic_photo_is_stored_as_jpeg(tmp_path):
    name, content_type = store_upload(
        file=ContentFile(heic(), name="IMG.HEIC"), allowed=PHOTO_TYPES, prefix="products", field="image"
    )
    assert content_type == "image/jpeg" and name.endswith(".jpg")
    with default_storage.open(name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert (image.format, image.size) == ("JPEG", (32, 24))
        assert "exif" not in image.info


def test_a_damaged_heic_is_refused_and_nothing_is_stored(monkeypatch):
    saved = []
    monkeypatch.setattr(uploads.storage, "save", lambda *a, **k: saved.append(a))
    damaged = heic()[:40]
    with pytest.raises(ValidationError) as error:
        store_upload(
            file=ContentFile(damaged, name="x.heic"), allowed=PHOTO_TYPES, prefix="products", field="image"
        )
    assert error.value.error_dict["image"][0].code == "INVALID_FILE_TYPE"
    assert saved == []


def test_an_oversized_heic_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError) as error:
        store_upload(
            file=ContentFile(heic((20, 20)), name="x.heic"),
            allowed=PHOTO_TYPES,
            prefix="products",
            field="image",
        )
    assert error.value.error_dict["image"][0].code == "INVALID_FILE_TYPE"
    refusal = error.value.error_dict["image"][0]
    with translation.override("en"):
        assert refusal.messages == ["Images may have at most 100 pixels."]
    with translation.override("vi"):
        assert refusal.messages == ["Ảnh có tối đa 100 điểm ảnh."]


def test_heic_is_refused_where_only_stored_types_are_allowed():
    with pytest.raises(ValidationError) as error:
        store_upload(
            file=ContentFile(heic(), name="a.heic"), allowed=IMAGE_TYPES, prefix="avatars", field="image"
        )
    assert error.value.error_dict["image"][0].code == "INVALID_FILE_TYPE"
