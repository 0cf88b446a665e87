"""The two channels the marketplace starts with: the open marketplace and the showcase."""

from django.db import migrations

CHANNELS = [
    ("default-channel", "Làng Nghề Market"),
    ("design-centre", "Trung tâm Thiết kế Sáng tạo Hà Nội"),
]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("channels", "Channel")
    for slug, name in CHANNELS:
        Channel.objects.get_or_create(
            slug=slug, defaults={"name": name, "currency_code": "VND", "default_country": "VN"}
        )


def remove_channels(apps, schema_editor):
    Channel = apps.get_model("channels", "Channel")
    Channel.objects.filter(slug__in=[slug for slug, _ in CHANNELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("channels", "0001_initial")]
    operations = [migrations.RunPython(create_channels, remove_channels)]
