"""The storage of static files in production: WhiteNoise's compressed manifest storage
(hashed names cached for ever, gzip copies), except that source-map comments are left as
they are. Django rewrites ``sourceMappingURL`` to the map's hashed name, which changes the
file: a vendored script (GraphiQL's, storefront_api/static/) would then no longer match
its Subresource Integrity hash and the browser would refuse it. The maps stay reachable
under their plain names, which collectstatic keeps beside the hashed ones."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in (p if isinstance(p, str) else p[0])))
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
    )
