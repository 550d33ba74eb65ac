"""deploy/k8s: the manifests validate offline against Kubernetes' schemas, and say what we mean."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import kubernetes_validate
import pytest
import yaml
from deploy_support import K8S, TOKEN_PATTERN, read_dockerfile

import bot

# A release whose schemas kubernetes-validate bundles (it ships 1.25 onwards); kept a few
# minors behind the newest so the manifests suit clusters that are not brand new.
KUBERNETES_VERSION = "1.33.0"
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def resources() -> dict[str, dict]:
    return {doc["kind"]: doc for path in MANIFESTS for doc in documents(path)}


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_validates_strictly(path: Path):
    for doc in documents(path):
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_validator_rejects_a_broken_deployment():
    broken = copy.deepcopy(resources()["Deployment"])
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)
    misspelt = copy.deepcopy(resources()["Deployment"])
    misspelt["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(misspelt, KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest():
    kustomization = documents(K8S / "kustomization.yaml")[0]
    assert sorted(kustomization["resources"]) == [p.name for p in MANIFESTS]
    assert {"ConfigMap", "Deployment", "Service", "Ingress", "PersistentVolumeClaim"} <= set(
        resources()
    )


def container(name: str = "briefbot") -> dict:
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    return next(c for c in spec["containers"] if c["name"] == name)


def env_of(c: dict) -> dict[str, dict]:
    return {item["name"]: item for item in c.get("env", [])}


def test_deployment_runs_replicas_in_webhook_mode():
    deployment = resources()["Deployment"]
    assert deployment["spec"]["replicas"] >= 2
    config = resources()["ConfigMap"]["data"]
    assert config["BRIEFBOT_MODE"] == "webhook"
    assert urlparse(config["BRIEFBOT_WEBHOOK_URL"]).scheme == "https"
    refs = [source["configMapRef"]["name"] for source in container().get("envFrom", [])]
    assert resources()["ConfigMap"]["metadata"]["name"] in refs
    assert env_of(container())["BRIEFBOT_HOST"]["value"] == "0.0.0.0"


def test_token_and_webhook_secret_come_from_a_secret():
    env = env_of(container())
    for name in ("TELEGRAM_BOT_TOKEN", "BRIEFBOT_WEBHOOK_SECRET"):
        assert "value" not in env[name]
        assert env[name]["valueFrom"]["secretKeyRef"]["key"] == name
    assert "Secret" not in resources(), "no Secret with a value is committed"
    for path in K8S.glob("*.yaml"):
        assert not TOKEN_PATTERN.search(path.read_text(encoding="utf-8"))


def test_probes_hit_healthz_and_livez_on_the_served_port():
    c = container()
    port = int(env_of(c)["BRIEFBOT_PORT"]["value"])
    named = {p["name"]: p["containerPort"] for p in c["ports"]}
    # Liveness must not restart a replica that only lacks a fact base: /healthz is 503 then.
    for probe, path in (("readinessProbe", "/healthz"), ("livenessProbe", "/livez")):
        get = c[probe]["httpGet"]
        assert get["path"] == path
        assert named.get(get["port"], get["port"]) == port
    assert str(port) == read_dockerfile().final.last("EXPOSE").args


def test_resources_have_requests_and_limits():
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    for c in spec["containers"] + spec.get("initContainers", []):
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(c["resources"][kind]), (c["name"], kind)


def test_pods_are_non_root_with_a_read_only_root_and_a_writable_tmp():
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    pod = spec["securityContext"]
    image_uid = int(read_dockerfile().final.last("USER").args.split(":")[0])
    assert pod["runAsNonRoot"] is True
    assert pod["runAsUser"] == image_uid and pod["fsGroup"] == image_uid
    volumes = {v["name"]: v for v in spec["volumes"]}
    for c in spec["containers"] + spec.get("initContainers", []):
        assert c["securityContext"]["readOnlyRootFilesystem"] is True
        assert c["securityContext"]["allowPrivilegeEscalation"] is False
        assert c["securityContext"]["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"]: m["name"] for m in container()["volumeMounts"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    assert "persistentVolumeClaim" in volumes[mounts["/data"]]


def test_replicas_share_one_read_write_many_volume_seeded_from_the_image():
    claim = resources()["PersistentVolumeClaim"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    claims = [
        v["persistentVolumeClaim"]["claimName"]
        for v in spec["volumes"]
        if "persistentVolumeClaim" in v
    ]
    assert claims == [claim["metadata"]["name"]]
    init = spec["initContainers"][0]
    assert init["image"] == container()["image"]
    script = " ".join(init["command"])
    assert "facts.yaml" in script, "seed the volume only when it holds no fact base yet"
    # The audit log is SQLite: one file per replica, never one file written by two hosts.
    assert "$(POD_NAME)" in env_of(container())["BRIEFBOT_AUDIT_DB"]["value"]


def test_ingress_exposes_only_the_webhook_path():
    ingress = resources()["Ingress"]
    url = urlparse(resources()["ConfigMap"]["data"]["BRIEFBOT_WEBHOOK_URL"])
    (rule,) = ingress["spec"]["rules"]
    assert rule["host"] == url.hostname
    assert url.hostname in ingress["spec"]["tls"][0]["hosts"]
    paths = rule["http"]["paths"]
    assert [(p["path"], p["pathType"]) for p in paths] == [(url.path, "Exact")]
    service = resources()["Service"]
    assert paths[0]["backend"]["service"]["name"] == service["metadata"]["name"]
    assert (
        service["spec"]["selector"] == resources()["Deployment"]["spec"]["selector"]["matchLabels"]
    )


def test_image_tags_follow_the_package_version():
    spec = resources()["Deployment"]["spec"]["template"]["spec"]
    for c in spec["containers"] + spec["initContainers"]:
        assert re.search(r":(\S+)$", c["image"]).group(1) == bot.__version__


def run_seed_script(image_data: Path, shared: Path) -> subprocess.CompletedProcess[str]:
    init = resources()["Deployment"]["spec"]["template"]["spec"]["initContainers"][0]
    mount = init["volumeMounts"][0]["mountPath"]
    script = init["command"][-1].replace(mount, str(shared)).replace("/data", str(image_data))
    return subprocess.run(
        [*init["command"][:-1], script], capture_output=True, text=True, timeout=30, check=False
    )


def test_init_container_seeds_an_empty_volume_once_and_never_overwrites(tmp_path: Path):
    image_data, shared = tmp_path / "image-data", tmp_path / "shared"
    (image_data / "seeds").mkdir(parents=True)
    (image_data / "knowledge").mkdir()
    (image_data / "seeds" / "a.txt").write_text("image seed\n")
    (image_data / "knowledge" / "facts.yaml").write_text("schema: 1  # from the image\n")
    shared.mkdir()
    assert run_seed_script(image_data, shared).returncode == 0
    assert (shared / "seeds" / "a.txt").read_text() == "image seed\n"
    # A /reload on the volume later; a pod restart must keep it.
    (shared / "knowledge" / "facts.yaml").write_text("schema: 1  # reloaded\n")
    (image_data / "seeds" / "b.txt").write_text("only in a newer image\n")
    assert run_seed_script(image_data, shared).returncode == 0
    assert (shared / "knowledge" / "facts.yaml").read_text() == "schema: 1  # reloaded\n"
    assert not (shared / "seeds" / "b.txt").exists()
