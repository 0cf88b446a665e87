import pytest

from marketplace.thumbnails.sizes import (
    FORMATS,
    THUMBNAIL_SIZES,
    file_extension,
    parse_format,
    pillow_format,
    snap_size,
)


def test_allowed_sizes_and_formats():
    assert THUMBNAIL_SIZES == (32, 64, 128, 256, 512, 1024, 2048, 4096)
    assert FORMATS == ("ORIGINAL", "WEBP", "JPEG", "PNG")


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (-5, 32),
        (0, 32),
        (1, 32),
        (32, 32),
        (33, 64),
        (100, 128),
        (256, 256),
        (257, 512),
        (1000, 1024),
        (2049, 4096),
        (4096, 4096),
        (4097, 4096),
        (10**40, 4096),
    ],
)
def test_snap_size(size, expected):
    assert snap_size(size) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("webp", "WEBP"),
        ("WEBP", "WEBP"),
        ("jpeg", "JPEG"),
        ("png", "PNG"),
        ("Original", "ORIGINAL"),
        ("jpg", None),
        ("gif", None),
        ("", None),
    ],
)
def test_parse_format(value, expected):
    assert parse_format(value) == expected


@pytest.mark.parametrize(
    ("format", "source_format", "expected"),
    [
        ("WEBP", "PNG", "WEBP"),
        ("JPEG", "PNG", "JPEG"),
        ("PNG", "JPEG", "PNG"),
        ("ORIGINAL", "JPEG", "JPEG"),
        ("ORIGINAL", "PNG", "PNG"),
        ("ORIGINAL", "WEBP", "WEBP"),
        ("ORIGINAL", "GIF", "JPEG"),
        ("ORIGINAL", "MPO", "JPEG"),
        ("ORIGINAL", None, "JPEG"),
    ],
)
def test_pillow_format(format, source_format, expected):
    assert pillow_format(format=format, source_format=source_format) == expected


@pytest.mark.parametrize(
    ("pillow_format_name", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_file_extension(pillow_format_name, extension):
    assert file_extension(pillow_format_name) == extension
