"""Product templates: a product name is ``"{base} {motif}"`` (English ``"{base_en} {motif_en}"``).

A template belongs to a leaf category and a product type; ``axes`` lists the variant
attribute values a product may combine (a motif can pin some of them, e.g. a blue-glaze
vase only comes in ``men-lam``). ``villages`` restricts a template to some villages of
the craft. Prices are the smallest variant's range in đồng.
"""

from marketplace.demo.template_types import Base, Motif, ProductTemplate
from marketplace.demo.templates_folk_food import FOLK_AND_FOOD_TEMPLATES
from marketplace.demo.templates_handicrafts import HANDICRAFT_TEMPLATES

__all__ = ["TEMPLATES", "Base", "Motif", "ProductTemplate", "templates_for"]

# Top-level category slug -> the templates of that craft.
TEMPLATES: dict[str, tuple[ProductTemplate, ...]] = {
    **HANDICRAFT_TEMPLATES,
    **FOLK_AND_FOOD_TEMPLATES,
}


def templates_for(craft: str, village: str) -> tuple[ProductTemplate, ...]:
    """The templates a shop of ``craft`` in ``village`` may use."""
    return tuple(t for t in TEMPLATES[craft] if t.villages is None or village in t.villages)
