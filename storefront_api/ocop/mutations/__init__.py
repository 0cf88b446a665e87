from storefront_api.ocop.mutations.reject import OcopCertificateReject
from storefront_api.ocop.mutations.revoke import OcopCertificateRevoke
from storefront_api.ocop.mutations.submit import OcopCertificateSubmit, OcopCertificateSubmitInput
from storefront_api.ocop.mutations.verify import OcopCertificateVerify

__all__ = [
    "OcopCertificateReject",
    "OcopCertificateRevoke",
    "OcopCertificateSubmit",
    "OcopCertificateSubmitInput",
    "OcopCertificateVerify",
]
