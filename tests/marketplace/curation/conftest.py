from tests.marketplace.curation.helpers import curator, shops  # noqa: F401 (fixtures)
