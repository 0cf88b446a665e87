from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0013_listing_highest_price"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                fields=["category", "search_name", "slug", "id"], name="product_category_name_order"
            ),
        ),
    ]
