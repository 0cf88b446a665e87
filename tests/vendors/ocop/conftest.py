from tests.vendors.ocop.helpers import curator, private_root, shops, today  # noqa: F401 (fixtures)
