from django.apps import AppConfig
from django.conf import settings

from marketplace.core.observability import init_tracing


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"

    def ready(self) -> None:
        from marketplace.core import timestamps

        timestamps.install()
        if settings.OTEL_EXPORTER_OTLP_ENDPOINT:  # OpenTelemetry is off unless an endpoint is named
            init_tracing()
