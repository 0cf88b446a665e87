from marketplace.core.text import search_key
from vendors.shops.models import Vendor


def vendor_search_document(vendor: Vendor) -> str:
    village = vendor.village
    parts = [
        vendor.name,
        village.name if village else "",
        village.craft if village else "",
        vendor.description,
    ]
    return search_key(" ".join(p for p in parts if p))


def vendor_refresh_search_document(vendor: Vendor) -> None:
    vendor.search_document = vendor_search_document(vendor)
    vendor.save(update_fields=["search_document"])
