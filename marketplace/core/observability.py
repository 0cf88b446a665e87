"""Optional error reporting and tracing across machines, both off by default.

- **Sentry** (``SENTRY_DSN``): errors of the API and of the Celery workers (sentry-sdk's
  Django and Celery integrations, enabled by the package), each event tagged with the
  request id; performance traces at ``SENTRY_TRACES_SAMPLE_RATE`` (0 by default). No personal
  data is sent (``send_default_pii`` off).
- **OpenTelemetry** (``OTEL_EXPORTER_OTLP_ENDPOINT``): spans for every request (Django), SQL
  statement (psycopg) and task (Celery, whose context travels in the message, so a task's
  span joins the request that queued it), exported over OTLP/HTTP in batches. The SDK reads
  the standard ``OTEL_*`` variables (``OTEL_SERVICE_NAME``, ``OTEL_TRACES_SAMPLER``,
  ``OTEL_EXPORTER_OTLP_HEADERS``...). A request's span carries its request id.
"""

import os
from typing import Any

from marketplace.core.request_id import current_request_id

REQUEST_ID_ATTRIBUTE = "http.request_id"


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request_id = current_request_id()
    if request_id != "-":
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_sentry(*, dsn: str, environment: str, traces_sample_rate: float, release: str | None) -> None:
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        before_send=_tag_request_id,  # type: ignore[arg-type]
        before_send_transaction=_tag_request_id,  # type: ignore[arg-type]
    )


def _response_hook(span: Any, request: Any, response: Any) -> None:
    if (
        span is not None
        and span.is_recording()
        and response is not None
        and response.has_header("X-Request-ID")
    ):
        span.set_attribute(REQUEST_ID_ATTRIBUTE, response["X-Request-ID"])


def init_tracing() -> None:
    """Called once per process, before the first request or task (``CoreConfig.ready``)."""
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    service = os.environ.get("OTEL_SERVICE_NAME") or "langnghe-market"
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(
        BatchSpanProcessor(OTLPSpanExporter())
    )  # OTEL_EXPORTER_OTLP_* from the environment
    trace.set_tracer_provider(provider)
    DjangoInstrumentor().instrument(response_hook=_response_hook)
    PsycopgInstrumentor().instrument(skip_dep_check=True)
    CeleryInstrumentor().instrument()
