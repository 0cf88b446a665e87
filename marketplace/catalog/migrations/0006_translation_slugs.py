"""Translated URL slugs (Saleor 3.21): unique per language for each kind of object."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0005_pending_upload_status'),
    ]

    operations = [
        migrations.AddField(
            model_name='categorytranslation',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, max_length=255, null=True),
        ),
        migrations.AddField(
            model_name='collectiontranslation',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, max_length=255, null=True),
        ),
        migrations.AddField(
            model_name='producttranslation',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, max_length=255, null=True),
        ),
        migrations.AddConstraint(
            model_name='categorytranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'slug'), name='uniq_category_translation_slug'),
        ),
        migrations.AddConstraint(
            model_name='collectiontranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'slug'), name='uniq_collection_translation_slug'),
        ),
        migrations.AddConstraint(
            model_name='producttranslation',
            constraint=models.UniqueConstraint(fields=('language_code', 'slug'), name='uniq_product_translation_slug'),
        ),
    ]
