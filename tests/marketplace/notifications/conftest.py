from tests.vendors.ocop.helpers import curator, private_root, shops  # noqa: F401 (fixtures)
