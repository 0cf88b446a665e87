"""The Kubernetes manifests (docker/kubernetes/): the base and the production overlay are
rendered with kustomize (``kubectl kustomize``, from Debian's kubernetes-client or any newer
kubectl; `make test` installs it) and every resource is validated against the Kubernetes
OpenAPI schemas bundled with kubernetes-validate (strict: an unknown field is an error; no
network). A template that does not render or a resource that does not validate fails here.
Then what the deployment relies on is checked: probes on the health endpoints, the HPA and
PDB on the API, a worker per Celery queue, beat, the migration Job, configuration only from
the ConfigMap and the Secret."""

import re
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "docker" / "kubernetes"
# The oldest Kubernetes the manifests target (autoscaling/v2 and policy/v1 are GA from 1.23/1.21).
KUBERNETES_VERSION = "1.27.0"


def render(directory: Path) -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.fail(
            "kubectl is needed to render the manifests (make test installs Debian's kubernetes-client)"
        )
    result = subprocess.run(
        [kubectl, "kustomize", str(directory)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module")
def production() -> list[dict]:
    return render(KUBERNETES / "overlays" / "production")


def by_kind(resources: list[dict], kind: str) -> dict[str, dict]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


@pytest.mark.parametrize("directory", ["base", "overlays/production"])
def test_every_resource_validates_against_the_kubernetes_schemas(directory):
    resources = render(KUBERNETES / directory)
    assert len(resources) >= 12
    for resource in resources:
        try:
            kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            path = ".".join(str(p) for p in error.path)
            pytest.fail(f"{resource['kind']}/{resource['metadata']['name']}: {path}: {error.message}")


def test_the_validation_refuses_a_broken_resource(production):
    api = next(r for r in production if r["kind"] == "Deployment" and r["metadata"]["name"] == "api")
    broken = yaml.safe_load(yaml.safe_dump(api))
    broken["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {
        "httpGet": {"paht": "/health/ready"}
    }
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def containers(resource: dict) -> list[dict]:
    spec = resource["spec"]["template"]["spec"]
    return spec.get("initContainers", []) + spec["containers"]


def test_the_api_deployment_probes_scales_and_survives_disruptions(production):
    deployments = by_kind(production, "Deployment")
    api = deployments["api"]
    [container] = api["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["api"]
    assert container["image"] == "registry.langnghe.vn/langnghe-market:2026.12.1"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):  # Django checks the Host header
        assert {"name": "Host", "value": "127.0.0.1"} in container[probe]["httpGet"]["httpHeaders"]
    [hpa] = by_kind(production, "HorizontalPodAutoscaler").values()
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 30)
    pdbs = by_kind(production, "PodDisruptionBudget")
    labels = api["spec"]["template"]["metadata"]["labels"]
    assert pdbs["api"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert pdbs["api"]["spec"]["minAvailable"] == 2
    [service] = by_kind(production, "Service").values()
    assert service["spec"]["selector"].items() <= labels.items()
    assert all(r["metadata"].get("namespace") == "langnghe" for r in production if r["kind"] != "Namespace")


def test_a_worker_per_queue_beat_and_the_migration_job(production):
    deployments = by_kind(production, "Deployment")
    queues = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    workers = {name: d for name, d in deployments.items() if name.startswith("worker-")}
    assert set(workers) == {f"worker-{queue}" for queue in queues}
    for name, worker in workers.items():
        [container] = worker["spec"]["template"]["spec"]["containers"]
        assert container["args"][:3] == ["worker", "-Q", name.removeprefix("worker-")]
    assert deployments["worker-media"]["spec"]["replicas"] == 3  # the overlay's
    [beat] = deployments["beat"]["spec"]["template"]["spec"]["containers"]
    assert beat["args"] == ["beat"]
    assert deployments["beat"]["spec"]["replicas"] == 2  # one leads, one stands by
    [job] = by_kind(production, "Job").values()
    [migrate] = job["spec"]["template"]["spec"]["containers"]
    assert migrate["args"] == ["migrate"]  # the only workload that migrates
    for deployment in deployments.values():
        [init] = deployment["spec"]["template"]["spec"]["initContainers"]
        assert "migrate --check" in init["args"][-1]
        assert "migrate" not in deployment["spec"]["template"]["spec"]["containers"][0]["args"]


def test_configuration_comes_from_the_configmap_and_the_secret(production):
    [config] = by_kind(production, "ConfigMap").values()
    documented = set(re.findall(r"^#? ?(\w+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))
    assert set(config["data"]) <= documented  # every key is a documented variable
    assert config["data"]["DEBUG"] == "false"
    assert config["data"]["ALLOWED_HOSTS"] == "api.langnghe.vn,127.0.0.1"  # merged by the overlay
    for resource in production:
        if resource["kind"] in ("Deployment", "Job"):
            for container in containers(resource):
                refs = [next(iter(ref.values()))["name"] for ref in container["envFrom"]]
                assert refs == [config["metadata"]["name"], "langnghe-secrets"], resource["metadata"]["name"]
                assert "env" not in container  # nothing configured inline
    assert not by_kind(production, "Secret")  # secrets are never in the repository
