#!/usr/bin/env python3
"""The end-to-end suite: real Velero backs up a real cluster, transship converts, real Velero restores.

Runs against the bed of scripts/testbed.sh (scripts/e2e.sh brings it up and calls this). Each case
prints PASS or FAIL with the reason; a case whose prerequisite failed fails too, naming it. The
last line is "e2e: N passed, M failed".
"""
import base64
import gzip
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib

import yaml

HERE = pathlib.Path(__file__).resolve().parent.parent
TRANSSHIP = os.environ.get("TRANSSHIP", str(HERE / "scripts" / "transship"))
S3 = os.environ["TESTBED_S3_ENDPOINT"]
WORK = pathlib.Path(tempfile.mkdtemp(prefix="transship-e2e-"))
RUN = time.strftime("%H%M%S")
EKS_NAMESPACES = ["shop", "payments"]
# What a migration backup holds beside its namespaces: the cluster-scoped kinds the samples use.
# (--include-cluster-resources would add every system ClusterRole, FlowSchema, APIService and the
# Service IP allocations of the source, which no restore elsewhere should take.)
CLUSTER_SCOPED = ["storageclasses", "ingressclasses", "clusterroles", "clusterrolebindings", "persistentvolumes"]
EKS_CLUSTER_SCOPED = CLUSTER_SCOPED + ["ingressclassparams.elbv2.k8s.aws", "meshes.appmesh.k8s.aws",
                                      "eniconfigs.crd.k8s.amazonaws.com", "nodepools.karpenter.sh"]
GKE_NAMESPACES = ["store"]

# Fields the API server or a controller assigns: never part of what a restore is judged by.
ASSIGNED_METADATA = ["uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "selfLink"]
ASSIGNED_ANNOTATION_PREFIXES = ["pv.kubernetes.io/", "deployment.kubernetes.io/", "volume.kubernetes.io/",
                                "volume.beta.kubernetes.io/"]
RESTORE_LABELS = ["velero.io/restore-name", "velero.io/backup-name"]
# Marks what the suite applied to source, so one sample can be removed before the next is backed up.
SAMPLE_LABEL = "e2e.transship.dev/sample"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# ---- processes ---------------------------------------------------------------------------------

def run(args, input=None, ok=(0,)):
    p = subprocess.run(args, input=input, capture_output=True, text=True)
    if p.returncode not in ok:
        detail = (p.stderr.strip() or p.stdout.strip()).splitlines()[-8:]
        raise Failure(f"{' '.join(map(str, args[:6]))} ... exited {p.returncode}: " + " | ".join(detail))
    return p


def kubectl(ctx, *args, input=None, ok=(0,)):
    return run(["kubectl", "--context", ctx, *args], input=input, ok=ok)


def kget(ctx, *args):
    return json.loads(kubectl(ctx, "get", *args, "-o", "json").stdout)


def velero(ctx, *args, ok=(0,)):
    return run(["velero", "--kubecontext", ctx, "-n", "velero", *args], ok=ok)


def transship(*args, ok=(0,)):
    return run([TRANSSHIP, *map(str, args)], ok=ok)


def wait_until(what, timeout, probe):
    deadline = time.time() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.time() > deadline:
            raise Failure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(1)


# ---- clusters ----------------------------------------------------------------------------------

def manifests(folder, ctx):
    """The sample's manifests as a user would apply them to the source cluster: what the API server
    assigns removed, Pods and ReplicaSets left to their controllers (which run on the bed).

    Two shapes the samples hold cannot be created on the bed's Kubernetes (they survive only in
    clusters that stored them before the API server refused them): a CronJob schedule with a
    CRON_TZ= prefix becomes spec.timeZone, and objects of API versions the source does not serve
    are left out. Both are printed, since each is a fact about real clusters."""
    served = set(kubectl(ctx, "api-versions").stdout.split())
    objects = []
    for f in sorted(pathlib.Path(folder).glob("*.yaml")):
        for doc in yaml.safe_load_all(f.read_text()):
            if not doc or doc["kind"] in ("Pod", "ReplicaSet"):
                continue
            if doc["kind"] in ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"):
                # Without the controller they call (the bed runs none), failurePolicy Fail webhooks
                # would refuse the bed's own Pod and Service creates: the very harm they do restored.
                print(f"  note: {doc['kind']} {doc['metadata']['name']}: its controller does not run on the bed; left out")
                continue
            if doc["apiVersion"] not in served and doc["kind"] != "CustomResourceDefinition" \
                    and not any(doc["apiVersion"].startswith(g) for g in own_groups(folder)):
                print(f"  note: {doc['kind']} {doc['metadata']['name']} ({doc['apiVersion']}) is not served by the source; left out")
                continue
            meta = doc["metadata"]
            for key in ASSIGNED_METADATA + ["ownerReferences"]:
                meta.pop(key, None)
            doc.pop("status", None)
            spec = doc.get("spec") or {}
            if doc["kind"] == "Service":
                spec.pop("clusterIP", None)
                spec.pop("clusterIPs", None)
            if doc["kind"] == "PersistentVolume" and "claimRef" in spec:
                for key in ("uid", "resourceVersion"):
                    spec["claimRef"].pop(key, None)
            if doc["kind"] == "CronJob" and spec.get("schedule", "").startswith(("CRON_TZ=", "TZ=")):
                zone, schedule = spec["schedule"].split(" ", 1)
                spec["timeZone"], spec["schedule"] = zone.split("=", 1)[1], schedule
                print(f"  note: CronJob {meta['name']}: the API server refuses CRON_TZ in schedule; applied as timeZone")
            if doc["kind"] == "Job":
                # The controller picks its own selector; a copied one names the old Job's UID.
                spec.pop("selector", None)
                labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
                for key in ("controller-uid", "batch.kubernetes.io/controller-uid"):
                    labels.pop(key, None)
            meta.setdefault("labels", {})[SAMPLE_LABEL] = pathlib.Path(folder).parent.name
            objects.append(doc)
    return objects


def own_groups(folder):
    """API groups whose CRDs the sample itself carries."""
    groups = set()
    for f in pathlib.Path(folder).glob("*.yaml"):
        for doc in yaml.safe_load_all(f.read_text()):
            if doc and doc["kind"] == "CustomResourceDefinition":
                groups.add(doc["spec"]["group"] + "/")
    return groups


def create_all(ctx, objects):
    """Server-side apply, so objects the controllers made first (the default ServiceAccount, the
    kube-root-ca.crt ConfigMap) take the sample's content instead of failing as AlreadyExists."""
    crds = [o for o in objects if o["kind"] == "CustomResourceDefinition"]
    rest = [o for o in objects if o["kind"] != "CustomResourceDefinition"]
    for batch in (crds, rest):
        if batch:
            kubectl(ctx, "apply", "--server-side", "--force-conflicts", "--field-manager", "e2e", "-f", "-",
                    input=json.dumps({"apiVersion": "v1", "kind": "List", "items": batch}))
        if batch is crds:
            for crd in crds:
                kubectl(ctx, "wait", "--for", "condition=established", "--timeout", "60s", "crd/" + crd["metadata"]["name"])


def structural(crd):
    """../shared/gke-crds/backendconfigs-crd.yaml gives some schemas both properties and
    additionalProperties, which a real API server refuses ("mutual exclusive"); the bed installs
    the CRD with additionalProperties dropped where properties are given."""
    if isinstance(crd, dict):
        if "properties" in crd:
            crd.pop("additionalProperties", None)
        for v in crd.values():
            structural(v)
    elif isinstance(crd, list):
        for v in crd:
            structural(v)
    return crd


def apply_files(ctx, *files):
    for f in files:
        docs = [structural(d) for d in yaml.safe_load_all(pathlib.Path(f).read_text()) if d]
        kubectl(ctx, "apply", "-f", "-", input=json.dumps({"apiVersion": "v1", "kind": "List", "items": docs}))
    kubectl(ctx, "wait", "--for", "condition=established", "--timeout", "60s", "crd", "--all")


def make_backup(ctx, name, namespaces, cluster_scoped):
    # Velero sees CRDs installed since its last discovery refresh only after a restart.
    run([str(HERE / "scripts/testbed.sh"), "restart-velero", ctx])
    velero(ctx, "backup", "create", name, "--include-namespaces", ",".join(namespaces),
           "--include-cluster-scoped-resources", ",".join(cluster_scoped), "--include-namespace-scoped-resources", "*",
           "--snapshot-volumes=false", "--wait")
    status = kget(ctx, "-n", "velero", "backup", name).get("status", {})
    check(status.get("phase") == "Completed", f"backup {name} ended {status.get('phase')}: {status.get('failureReason', '')}")
    check(not status.get("errors"), f"backup {name} has {status.get('errors')} errors")


def backup_phase(ctx, name):
    p = kubectl(ctx, "-n", "velero", "get", "backup", name, "-o", "json", ok=(0, 1))
    return json.loads(p.stdout) if p.returncode == 0 else None


def wait_backup_synced(ctx, name):
    return wait_until(f"backup {name} to be synced into {ctx}", 120, lambda: backup_phase(ctx, name))


def restore(ctx, name, backup, extra=()):
    velero(ctx, "restore", "create", name, "--from-backup", backup, "--wait", *extra)
    r = kget(ctx, "-n", "velero", "restore", name)
    return r


def restore_results(ctx, restore_name):
    """Velero's own warnings and errors of a restore, through a DownloadRequest (RestoreResults)."""
    name = f"{restore_name}-results-{int(time.time() * 1000) % 100000}"
    request = {"apiVersion": "velero.io/v1", "kind": "DownloadRequest",
               "metadata": {"name": name, "namespace": "velero"},
               "spec": {"target": {"kind": "RestoreResults", "name": restore_name}}}
    kubectl(ctx, "create", "-f", "-", input=json.dumps(request))
    status = wait_until(f"DownloadRequest {name}", 60,
                        lambda: kget(ctx, "-n", "velero", "downloadrequest", name).get("status", {}).get("downloadURL"))
    with urllib.request.urlopen(status, timeout=30) as response:
        return json.loads(gzip.decompress(response.read()))


def messages(result):
    out = list(result.get("velero") or []) + list(result.get("cluster") or [])
    for ns, msgs in (result.get("namespaces") or {}).items():
        out += [f"{ns}: {m}" for m in msgs]
    return out


def listable_resources(ctx):
    p = kubectl(ctx, "api-resources", "--verbs=list", "-o", "name")
    skip = {"events", "events.events.k8s.io", "componentstatuses"}
    return [r for r in p.stdout.split() if r not in skip]


def restored_objects(ctx, restore_name):
    items = kget(ctx, ",".join(listable_resources(ctx)), "-A", "-l", f"velero.io/restore-name={restore_name}")["items"]
    # The EndpointSlice controller copies a Service's labels, the restore's among them, onto slices
    # it names itself: made by the target cluster, not restored.
    items = [o for o in items if o["kind"] != "EndpointSlice"]
    return {(o["apiVersion"], o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in items}


def normalized(obj):
    obj = json.loads(json.dumps(obj))
    meta = obj["metadata"]
    for key in ASSIGNED_METADATA:
        meta.pop(key, None)
    for ref in meta.get("ownerReferences", []):
        ref.pop("uid", None)
    for key in RESTORE_LABELS:
        (meta.get("labels") or {}).pop(key, None)
    annotations = meta.get("annotations") or {}
    for key in list(annotations):
        if any(key.startswith(p) for p in ASSIGNED_ANNOTATION_PREFIXES):
            del annotations[key]
    # A controller may add an annotation that is stripped here; an emptied map means the same as none.
    for key in ("annotations", "labels"):
        if key in meta and not meta[key]:
            del meta[key]
    obj.pop("status", None)
    spec = obj.get("spec") or {}
    if obj["kind"] == "Job":
        # The Job controller labels its selector and pods with the Job's new UID.
        for labels in (spec.get("selector", {}).get("matchLabels", {}), spec.get("template", {}).get("metadata", {}).get("labels", {})):
            for key in ("controller-uid", "batch.kubernetes.io/controller-uid"):
                labels.pop(key, None)
    if obj["kind"] == "Service":
        spec.pop("clusterIP", None)
        spec.pop("clusterIPs", None)
        # Velero keeps only node ports that were set explicitly; the others are drawn anew
        # (explicit ones are checked on their own).
        for port in spec.get("ports", []):
            port.pop("nodePort", None)
    return obj


def delete_labelled(ctx, selector, namespaces):
    """Deletes every object with the label and the namespaces, and waits until they are gone, so
    the next case starts from the same cluster."""
    p = kubectl(ctx, "api-resources", "--verbs=delete", "-o", "name")
    resources = ",".join(r for r in p.stdout.split() if r not in ("events", "events.events.k8s.io"))
    kubectl(ctx, "delete", resources, "-A", "-l", selector, "--ignore-not-found", "--wait=false")
    if namespaces:
        kubectl(ctx, "delete", "namespace", *namespaces, "--ignore-not-found", "--wait=false")

    def gone():
        try:
            return deleted()
        except Failure:
            return False  # a CRD went away between discovery and the list: look again

    def deleted():
        key, value = selector.split("=", 1)
        left = [o for o in kget(ctx, ",".join(listable_resources(ctx)), "-A")["items"]
                if (o["metadata"].get("labels") or {}).get(key) == value or o["metadata"].get("namespace") in namespaces]
        # Finalizers of controllers the bed does not run (the AWS Load Balancer Controller's, for
        # one) would hold the objects forever: what a user does by hand when that happens. A CRD's
        # own cleanup finalizer stays: without it the custom objects outlive their definition in
        # etcd and come back with the next CRD of that name.
        for o in left:
            if o["kind"] not in ("CustomResourceDefinition", "Namespace") and o["metadata"].get("deletionTimestamp") \
                    and o["metadata"].get("finalizers"):
                group = o["apiVersion"].split("/")[0] if "/" in o["apiVersion"] else ""
                ns = ["-n", o["metadata"]["namespace"]] if o["metadata"].get("namespace") else []
                kubectl(ctx, "patch", f"{o['kind'].lower()}.{group}".rstrip("."), o["metadata"]["name"], *ns,
                        "--type", "merge", "-p", '{"metadata":{"finalizers":null}}', ok=(0, 1))
        return not left and all(kubectl(ctx, "get", "namespace", ns, ok=(0, 1)).returncode == 1 for ns in namespaces)
    wait_until(f"objects labelled {selector} in {ctx} to be deleted", 180, gone)


def delete_restored(ctx, restore_name, namespaces):
    delete_labelled(ctx, f"velero.io/restore-name={restore_name}", namespaces)


# ---- the suite ---------------------------------------------------------------------------------

CASES = []
STATE = {}
STATS = {}


def case(*needs):
    def register(fn):
        CASES.append((fn, needs))
        return fn
    return register


@case()
def launcher_long_run_mode_prints_only_the_command_output():
    """The launcher's JVM settings for long runs (a big local tarball, or TRANSSHIP_LONG_RUN=1) hold
    compiler directives the JVM would announce on stdout: a report there must stay what it was."""
    sample = HERE / "sample-backups/eks-shop/backups/eks-shop-nightly-20261120"
    short = transship("inspect", sample, "-o", "json").stdout
    p = subprocess.run([TRANSSHIP, "inspect", str(sample), "-o", "json"], capture_output=True, text=True,
                       env={**os.environ, "TRANSSHIP_LONG_RUN": "1"})
    check(p.returncode == 0, f"inspect in the long-run mode exited {p.returncode}: {p.stderr[-300:]}")
    check(p.stdout == short, f"inspect -o json differs in the long-run mode: {p.stdout[:200]!r}")
    check(not p.stderr.strip(), f"the long-run mode wrote to stderr: {p.stderr[:200]!r}")
    json.loads(p.stdout)


@case()
def launcher_long_runs_record_a_profile_and_reuse_it():
    """On JDK 25+ the first long run of a command and rule packs records its method profile and
    later ones start from it: neither may change what the command prints, writes or exits with."""
    if "aot" not in (HERE / "target/transship-startup.java").read_text():
        print("    (skipped: the launcher runs a JDK older than 25, without AOT caches)")
        return
    sample = HERE / "sample-backups/eks-shop"
    for old in (HERE / "target").glob("transship-startup.long-*"):
        old.unlink()
    profile = HERE / "target/transship-startup.long-convert+eks-to-gke.aot"
    long_run = {**os.environ, "TRANSSHIP_LONG_RUN": "1", "TRANSSHIP_PROFILE_MIN_SECONDS": "0"}

    def convert(out, env, *values):
        return subprocess.run([TRANSSHIP, "convert", str(sample / "backups/eks-shop-nightly-20261120"), "--rules", str(HERE / "rules/eks-to-gke.yaml"),
                               *values, "--to", str(out), "--name", "moved"], capture_output=True, text=True, env=env)

    runs = []
    for attempt in ("short", "records", "reuses"):
        out = WORK / f"profile-{attempt}"
        p = convert(out, long_run if attempt != "short" else os.environ, "--values", str(sample / "values-gke.yaml"), "--fail-on", "warning")
        check(not p.stderr.strip(), f"the {attempt} run wrote to stderr: {p.stderr[:300]!r}")
        runs.append((p.returncode, p.stdout.replace(str(out), "OUT"),
                     json.loads(transship("inspect", out / "backups/moved", "-o", "json").stdout)["itemsByResource"]))
        check(profile.exists() == (attempt != "short"), f"after the {attempt} run the profile {'is missing' if attempt != 'short' else 'exists'}")
    check(runs[0][0] == 1, f"convert --fail-on warning exited {runs[0][0]} on the sample, not 1")
    check(runs[1] == runs[0] and runs[2] == runs[0], "a run that records or reuses a profile differs from a plain one")
    # A run that fails (no --values for the pack's parameters) records nothing: its profile would be of an error path.
    profile.unlink()
    p = convert(WORK / "profile-fails", long_run)
    check(p.returncode == 2 and not profile.exists(), f"a failed run exited {p.returncode} and left a profile: {profile.exists()}")


@case()
def eks_sample_backed_up_by_real_velero():
    apply_files("source", HERE / "testbed/crds/eks.yaml")
    create_all("source", manifests(HERE / "sample-backups/eks-shop/manifests", "source"))
    # Let the controllers make what they make on a real cluster (ReplicaSets, Pods, Jobs' pods).
    wait_until("the Deployments' ReplicaSets", 60, lambda: len(kget("source", "rs", "-n", "shop")["items"]) >= 2)
    name = f"eks-real-{RUN}"
    make_backup("source", name, EKS_NAMESPACES, EKS_CLUSTER_SCOPED)
    STATE["eks_backup"] = name


@case(eks_sample_backed_up_by_real_velero)
def inspect_and_lint_read_the_real_backup_from_s3():
    url = f"s3://source/backups/{STATE['eks_backup']}"
    out = json.loads(transship("inspect", url, "--s3-endpoint", S3, "-o", "json").stdout)
    text = json.dumps(out)
    for resource in ("deployments.apps", "cronjobs.batch", "ingresses.networking.k8s.io", "targetgroupbindings.elbv2.k8s.aws"):
        check(resource in text, f"inspect does not list {resource}")
    # The same backup through source's Velero API (DownloadRequest BackupContents), for users who
    # reach the cluster but not the bucket.
    via_api = json.loads(transship("inspect", f"velero://source/{STATE['eks_backup']}", "-o", "json").stdout)
    for key in ("name", "phase", "items", "itemsByResource", "itemsByNamespace"):
        check(via_api.get(key) == out.get(key), f"velero:// reads {key} {str(via_api.get(key))[:200]} where s3:// reads {str(out.get(key))[:200]}")
    check(out["items"] > 100, f"the real backup holds only {out['items']} items")
    lint = transship("lint", url, "--s3-endpoint", S3, "--target", "gke", "--target-version", "1.34", "--format", "json", ok=(1,))
    findings = json.loads(lint.stdout)
    ids = {f.get("check") for f in findings.get("findings", findings if isinstance(findings, list) else [])}
    for expected in ("alb-ingress", "controller-finalizer", "ecr-image", "target-group-binding"):
        check(expected in ids, f"lint found no {expected} finding on the real backup (found {sorted(filter(None, ids))[:12]})")


@case(eks_sample_backed_up_by_real_velero)
def identity_convert_restores_exactly_like_the_original():
    original = STATE["eks_backup"]
    copy = f"{original}-copy"
    # A copy without rules keeps Velero's compressed tarball byte for byte (one gzip member). With a
    # pack, even one that matches nothing, every item is written anew, a chunk per core: the copy
    # Velero restores below is such a multi-member stream, and must restore like the original.
    with tempfile.TemporaryDirectory() as local:
        noop = pathlib.Path(local, "noop.yaml")
        noop.write_text("apiVersion: transship.dev/v1alpha1\nkind: RuleSet\nmetadata: {name: noop}\nrules:\n"
                        "  - name: nothing\n    match: {resources: [nothing.example.com]}\n    actions: [{setLabels: {a: b}}]\n")
        transship("convert", f"s3://source/backups/{original}", "--s3-endpoint", S3, "--rules", noop, "--to", "s3://target", "--name", copy)
        transship("convert", f"s3://source/backups/{original}", "--s3-endpoint", S3, "--rules", noop, "--to", local, "--name", copy)
        members = gzip_members(pathlib.Path(local, "backups", copy, f"{copy}.tar.gz").read_bytes())
        transship("convert", f"s3://source/backups/{original}", "--s3-endpoint", S3, "--to", local, "--name", "plain")
        plain = gzip_members(pathlib.Path(local, "backups", "plain", "plain.tar.gz").read_bytes())
    check(members > 1, f"the copy's tarball is {members} gzip member(s); the restore below would not prove multi-member reading")
    check(plain == 1, f"a copy without rules has {plain} gzip members; Velero wrote one, and the copy keeps its bytes")
    STATE["copy_gzip_members"] = members
    # The original reaches target through a second, read-only location on source's bucket.
    location = {"apiVersion": "velero.io/v1", "kind": "BackupStorageLocation",
                "metadata": {"name": "source-bucket", "namespace": "velero"},
                "spec": {"provider": "aws", "accessMode": "ReadOnly", "objectStorage": {"bucket": "source"},
                         "config": {"region": "testbed", "s3ForcePathStyle": "true", "s3Url": S3, "checksumAlgorithm": ""}}}
    kubectl("target", "apply", "-f", "-", input=json.dumps(location))
    wait_backup_synced("target", original)
    synced = wait_backup_synced("target", copy)
    check(synced.get("status", {}).get("phase") == "Completed", f"the copy was imported with phase {synced.get('status', {}).get('phase')}")

    outcomes = {}
    for backup in (original, copy):
        name = f"r-{backup}"
        r = restore("target", name, backup)
        web = kget("target", "-n", "shop", "service", "web")
        check(web["spec"]["ports"][0].get("nodePort") == 30080,
              f"restore of {backup}: Service shop/web lost its explicit nodePort 30080 ({web['spec']['ports'][0].get('nodePort')})")
        check(r["status"].get("phase") == "Completed", f"restore of {backup} ended {r['status'].get('phase')}")
        errors = messages(restore_results("target", name)["errors"])
        check(not errors, f"restore of {backup} has errors: {errors[:5]}")
        outcomes[backup] = {k: normalized(v) for k, v in restored_objects("target", name).items()}
        delete_restored("target", name, EKS_NAMESPACES)
    a, b = outcomes[original], outcomes[copy]
    check(len(a) > 20, f"the original's restore created only {len(a)} objects")
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    check(not only_a and not only_b, f"objects only from the original: {only_a[:5]}; only from the copy: {only_b[:5]}")
    differing = [k for k in a if a[k] != b[k]]
    check(not differing, f"{len(differing)} objects differ, first {differing[0]}: {diff(a[differing[0]], b[differing[0]])}" if differing else "")
    STATE["identity_objects"] = len(a)
    print(f"identity copy: {STATE['copy_gzip_members']} gzip members, {len(a)} objects restored as from the original", flush=True)


def gzip_members(data):
    count = 0
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data)
        check(d.eof, "a gzip member is truncated")
        data, count = d.unused_data, count + 1
    return count


def diff(x, y, path=""):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k):
                return diff(x.get(k), y.get(k), f"{path}/{k}")
    return f"{path}: {json.dumps(x)[:120]} != {json.dumps(y)[:120]}"


# A registry login the bed can mint pull secrets from: the plans name Artifact Registry (application
# default credentials), which the bed has not, so the suite points them at a docker config file.
# Its password is a canary that must never appear in anything transship prints.
CANARY = "canary-7f3e1d-never-print"


def prepare_plan(plan_file):
    plan = yaml.safe_load(pathlib.Path(plan_file).read_text())
    registries = set()
    for stage in plan["stages"]:
        for step in stage.get("before", []):
            if "regeneratePullSecrets" in step:
                step["regeneratePullSecrets"]["provider"] = "dockerconfig"
                registries.add(step["regeneratePullSecrets"]["registry"])
    pathlib.Path(plan_file).write_text(yaml.safe_dump(plan, sort_keys=False))
    config = WORK / "docker-config.json"
    config.write_text(json.dumps({"auths": {r: {"auth": base64.b64encode(f"e2e:{CANARY}".encode()).decode()} for r in registries}}))
    return plan, config


class CronJobSampler(threading.Thread):
    """Samples both clusters while a plan runs: a cutover CronJob must never be unsuspended in the
    source while it exists unsuspended in the target."""

    def __init__(self, cronjobs):
        super().__init__(daemon=True)
        self.cronjobs, self.samples, self.both_active, self.stopped = set(cronjobs), 0, [], threading.Event()

    def active(self, ctx):
        try:
            items = kget(ctx, "cronjobs", "-A")["items"]
        except Failure:
            return None
        return {f"{o['metadata']['namespace']}/{o['metadata']['name']}" for o in items if not o["spec"].get("suspend")}

    def finish_jobs(self, suspended):
        """The bed has no kubelet, so a Job a CronJob started never ends and the cutover would wait
        for it until its timeout. Once the run has suspended its CronJob, such a Job is deleted, as
        if it had finished: the wait for running Jobs is exercised, not skipped."""
        try:
            for job in kget("source", "jobs", "-A")["items"]:
                owners = [o["name"] for o in job["metadata"].get("ownerReferences", []) if o["kind"] == "CronJob"]
                key = f"{job['metadata']['namespace']}/{owners[0]}" if owners else None
                if key in self.cronjobs and key in suspended and job.get("status", {}).get("active"):
                    kubectl("source", "delete", "job", "-n", job["metadata"]["namespace"], job["metadata"]["name"],
                            "--wait=false", ok=(0, 1))
        except Failure:
            pass

    def run(self):
        while not self.stopped.is_set():
            source, target = self.active("source"), self.active("target")
            if source is not None:
                self.finish_jobs(self.cronjobs - source)
            if source is not None and target is not None:
                self.samples += 1
                self.both_active += sorted(self.cronjobs & source & target)
            time.sleep(0.2)


def restore_cmd(plan_file, config, *extra):
    return [TRANSSHIP, "restore", str(plan_file), "--kubeconfig", os.environ["KUBECONFIG"], "--source-context", "source",
            "--target-context", "target", "--docker-config", str(config), "--timeout", "5m", *extra]


def stage_restores(ctx, stage):
    return kget(ctx, "-n", "velero", "restores", "-l", f"transship.dev/stage={stage}")["items"]


def run_plan(ctx, plan_file, kills=(), fail_stage=None):
    """Runs the plan with transship restore as a user would, and returns the Restore names:
    - kills: (where, stage) pairs: SIGKILL the run while that stage's Restore runs ("inside") or as
      soon as it has completed ("after", a stage boundary), then --resume;
    - fail_stage: that cutover stage's Restore names a resource-modifier ConfigMap that does not
      exist, so Velero fails it (FailedValidation); the run must stop with exit 3 and give the
      source its CronJobs back; the plan is then fixed and resumed;
    - every gate stops the run with exit 4 and is approved on --resume."""
    plan, config = prepare_plan(plan_file)
    if fail_stage:
        broken = yaml.safe_load(pathlib.Path(plan_file).read_text())
        stage = next(s for s in broken["stages"] if s["name"] == fail_stage)
        stage["restore"]["spec"]["resourceModifier"] = {"kind": "ConfigMap", "name": "e2e-missing-modifiers"}
        pathlib.Path(plan_file).write_text(yaml.safe_dump(broken, sort_keys=False))
    cutover = [cj for s in plan["stages"] for cj in (s.get("cutover") or {}).get("cronJobs", [])]
    sampler = CronJobSampler(cutover)
    sampler.start()
    outputs, runs, killed, approved, fail_stage_done = [], 0, 0, [], None
    suspended_before = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": bool(o["spec"].get("suspend"))
                        for o in kget("source", "cronjobs", "-A")["items"]}

    def judge_failed_stage():
        """The run stopped with exit 3 at the broken stage: the source has its CronJobs back and the
        target none active; the plan is then fixed (written as planned)."""
        nonlocal fail_stage, fail_stage_done
        check(stage_restores(ctx, fail_stage) and all(r["status"].get("phase") == "FailedValidation" for r in stage_restores(ctx, fail_stage)),
              f"exit 3 without a failed Restore in stage {fail_stage}")
        failed_set = next(s for s in plan["stages"] if s["name"] == fail_stage)["cutover"]["cronJobs"]
        source = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o for o in kget("source", "cronjobs", "-A")["items"]}
        for cj in failed_set:
            check(bool(source[cj]["spec"].get("suspend")) == suspended_before[cj],
                  f"after the failed cutover, CronJob {cj} is suspend={source[cj]['spec'].get('suspend')} in source, was {suspended_before[cj]}")
            live = kubectl("target", "get", "cronjob", "-n", cj.split("/")[0], cj.split("/")[1], "-o", "json", ok=(0, 1))
            check(live.returncode == 1 or json.loads(live.stdout)["spec"].get("suspend"),
                  f"after the failed cutover, CronJob {cj} is active in target")
        pathlib.Path(plan_file).write_text(yaml.safe_dump(plan, sort_keys=False))  # the fix: the plan as written
        STATS["failed stage"] = f"{fail_stage}: exit 3, CronJobs given back to source, resumed"
        fail_stage_done, fail_stage = fail_stage, None

    try:
        gates = [step["gate"]["name"] for s in plan["stages"] for step in s.get("before", []) + s.get("after", []) if "gate" in step]
        for where, kill_stage in kills:
            def launch():
                extra = (["--resume"] + [a for g in approved for a in ("--approve", g)]) if runs else []
                return subprocess.Popen(restore_cmd(plan_file, config, *extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            proc = [launch()]

            def reached():
                found = [r for r in stage_restores(ctx, kill_stage) if r["spec"]["backupName"] == plan["backup"]["name"]]
                return found if where == "inside" else [r for r in found if r.get("status", {}).get("phase") == "Completed"]

            def moment():
                nonlocal runs
                if proc[0].poll() is not None:
                    out = proc[0].stdout.read()
                    if proc[0].returncode == 3 and fail_stage:
                        # Polled once a second, a boundary can pass unseen when the next stage is the
                        # broken one, which fails within a second.
                        outputs.append(out)
                        runs += 1
                        judge_failed_stage()
                        if reached():  # the run stopped there on its own: what the kill was for
                            STATS.setdefault("kill points passed by the failed stage", []).append(f"{where} {kill_stage}")
                            return "stopped"
                        proc[0] = launch()
                        return False
                    if proc[0].returncode == 0 and reached():
                        # the whole plan ran in the second between two polls: the resume below finds it done
                        outputs.append(out)
                        runs += 1
                        return "stopped"
                    waiting = [g for g in gates if g not in approved and g in out]
                    if proc[0].returncode == 2 and "lease" in out.lower():
                        # The last kill's Lease holds the plan until it expires (30 s).
                        time.sleep(3)
                    elif proc[0].returncode == 4 and waiting:
                        outputs.append(out)
                        approved.append(waiting[0])
                        runs += 1
                    else:
                        raise Failure(f"transship restore ended (exit {proc[0].returncode}) before the kill point {where} {kill_stage}: {out[-400:]}")
                    proc[0] = launch()
                    return False
                return reached()
            if wait_until(f"the moment to kill the run {where} stage {kill_stage}", 300, moment) == "stopped":
                continue
            proc[0].kill()
            outputs.append(proc[0].communicate()[0])
            runs += 1
            killed += 1
            STATS.setdefault("kill points", []).append(f"{where} {kill_stage}")
        while True:
            extra = (["--resume"] + [a for g in approved for a in ("--approve", g)]) if runs else []
            deadline = time.time() + 60
            while True:
                p = subprocess.run(restore_cmd(plan_file, config, *extra), capture_output=True, text=True)
                # A killed run's Lease holds the plan until it expires (30 s): wait it out as a user would.
                if p.returncode == 2 and "lease" in (p.stderr + p.stdout).lower() and time.time() < deadline:
                    time.sleep(3)
                    continue
                break
            runs += 1
            outputs.append(p.stdout + p.stderr)
            if p.returncode == 3 and fail_stage:
                judge_failed_stage()
                continue
            if p.returncode == 4:
                waiting = [g for g in gates if g not in approved and g in p.stdout + p.stderr]
                check(waiting, f"exit 4 names no gate of the plan: {(p.stdout + p.stderr)[-300:]}")
                approved.append(waiting[0])
                continue
            check(p.returncode == 0, f"transship restore exited {p.returncode}: {(p.stdout + p.stderr)[-600:]}")
            break
    finally:
        sampler.stopped.set()
        sampler.join()
    text = "\n".join(outputs)
    check(CANARY not in text and base64.b64encode(f"e2e:{CANARY}".encode()).decode() not in text,
          "a registry password appeared in transship restore's output")
    check(not sampler.both_active, f"CronJobs active in both clusters at some moment: {sorted(set(sampler.both_active))}")
    restores = kget(ctx, "-n", "velero", "restores")["items"]
    names = []
    for stage in plan["stages"]:
        if not stage.get("restore"):
            continue
        mine = [r for r in restores if r["metadata"].get("labels", {}).get("transship.dev/stage") == stage["name"]
                and r["spec"]["backupName"] == plan["backup"]["name"]]
        failed_attempts = [r for r in mine if r["status"].get("phase") == "FailedValidation"] if stage["name"] == fail_stage_done else []
        check(len(mine) - len(failed_attempts) == 1, f"stage {stage['name']} has {len(mine)} Restores: {[r['metadata']['name'] for r in mine]}")
        r = next(r for r in mine if r not in failed_attempts)
        check(r["status"].get("phase") == "Completed", f"stage {stage['name']}: {r['metadata']['name']} is {r['status'].get('phase')}")
        errors = messages(restore_results(ctx, r["metadata"]["name"])["errors"])
        check(not errors, f"stage {stage['name']}: Velero reports errors {errors[:5]}")
        names.append(r["metadata"]["name"])
    # From one Restore's completion to the next stage's Restore, where no gate or kill lies between
    # (Velero's timestamps have whole seconds).
    def at(t):
        return time.mktime(time.strptime(t, "%Y-%m-%dT%H:%M:%SZ"))
    done = {r["metadata"]["name"]: r for r in restores}
    gaps = [at(done[b]["metadata"]["creationTimestamp"]) - at(done[a]["status"]["completionTimestamp"]) for a, b in zip(names, names[1:])]
    STATS[plan["metadata"]["name"]] = {"stages": len(names), "runs": runs, "killed": killed,
                                       "cronjob samples": sampler.samples, "gates approved": len(approved),
                                       "restore-to-next-stage seconds": gaps}
    if cutover:
        source = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o for o in kget("source", "cronjobs", "-A")["items"]}
        target = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o for o in kget("target", "cronjobs", "-A")["items"]}
        for cj in cutover:
            check(source.get(cj, {}).get("spec", {}).get("suspend") is True, f"CronJob {cj} is not suspended in source")
            check(cj in target and not target[cj]["spec"].get("suspend"), f"CronJob {cj} is not active in target")
    return names


def all_restored(ctx, restore_names):
    objects = {}
    for name in restore_names:
        objects.update(restored_objects(ctx, name))
    return objects


@case(eks_sample_backed_up_by_real_velero, identity_convert_restores_exactly_like_the_original)
def eks_to_gke_plan_restores_on_target():
    name = f"{STATE['eks_backup']}-gke"
    STATE["eks_gke_backup"] = name
    plan = WORK / "eks-plan.yaml"
    gke_crds = sorted((HERE.parent / "shared/gke-crds").glob("*-crd.yaml")) + [HERE / "testbed/crds/gke.yaml"]
    apply_files("target", *gke_crds)
    transship("convert", f"s3://source/backups/{STATE['eks_backup']}", "--s3-endpoint", S3, "--rules", HERE / "rules/eks-to-gke.yaml",
              "--values", HERE / "sample-backups/eks-shop/values-gke.yaml", "--to", "s3://target", "--name", name,
              "--plan", plan, "--source-context", "source", "--target-context", "target", ok=(0, 1))
    wait_backup_synced("target", name)
    restores = run_plan("target", plan, kills=[("inside", "workloads")])
    check(len(restores) >= 3, f"the plan ran only {len(restores)} restores")
    live = all_restored("target", restores)
    kinds = {(k[1], k[2], k[3]) for k in live}
    for cj in ("cleanup", "nightly-report", "sitemap", "cache-warm"):
        check(("CronJob", "shop", cj) in kinds, f"CronJob shop/{cj} was not restored")
    for o in live.values():
        finalizers = o["metadata"].get("finalizers") or []
        check(not [f for f in finalizers if "k8s.aws" in f], f"{o['kind']} {o['metadata']['name']} keeps AWS finalizers {finalizers}")
        check(not o["apiVersion"].endswith("k8s.aws/v1beta1") and "k8s.aws" not in o["apiVersion"],
              f"AWS-only {o['kind']} {o['metadata']['name']} was restored on GKE")
    ingresses = [o for o in live.values() if o["kind"] == "Ingress"]
    check(ingresses, "no Ingress was restored")
    for ing in ingresses:
        cls = ing["spec"].get("ingressClassName") or ing["metadata"].get("annotations", {}).get("kubernetes.io/ingress.class")
        check(cls in ("gce", "gce-internal"), f"Ingress {ing['metadata']['name']} has class {cls}")
        check(not any(a.startswith("alb.ingress.kubernetes.io/") for a in ing["metadata"].get("annotations", {})),
              f"Ingress {ing['metadata']['name']} keeps ALB annotations")
    backend_configs = {o["metadata"]["name"] for o in live.values() if o["kind"] == "BackendConfig"}
    check(backend_configs, "no BackendConfig was restored")
    attached = [o for o in live.values() if o["kind"] == "Service"
                and (o["metadata"].get("annotations") or {}).get("cloud.google.com/backend-config")]
    check(attached, "no Service has a cloud.google.com/backend-config annotation")
    for svc in attached:
        ref = json.loads(svc["metadata"]["annotations"]["cloud.google.com/backend-config"])
        named = set(ref.get("ports", {}).values()) | ({ref["default"]} if "default" in ref else set())
        check(named <= backend_configs, f"Service {svc['metadata']['name']} names BackendConfigs {named}, restored are {backend_configs}")
    pvcs = {o["metadata"]["name"]: o for o in live.values() if o["kind"] == "PersistentVolumeClaim"}
    # the sample's own claims; the search StatefulSet's controller may have made data-search-N claims too
    check({"data-db-0", "data-redis-0", "shared-uploads"} <= set(pvcs), f"restored PVCs are {sorted(pvcs)}")
    for name, pvc in pvcs.items():
        # gp2/gp3 -> standard-rwo, the io2 class 'fast' -> premium-rwo, EFS -> standard-rwx (Filestore)
        expected = "standard-rwx" if name == "shared-uploads" else "premium-rwo" if name.startswith("data-search-") else "standard-rwo"
        check(pvc["spec"].get("storageClassName") == expected,
              f"PVC {name} asks for storage class {pvc['spec'].get('storageClassName')}, not {expected}")
    recommender = next((o for o in live.values() if o["kind"] == "Deployment" and o["metadata"]["name"] == "recommender"), None)
    check(recommender is not None and recommender["spec"]["template"]["spec"].get("nodeSelector") == {"cloud.google.com/gke-spot": "true"},
          "Deployment shop/recommender does not select GKE Spot nodes")
    # The plan mints the pull secrets right before their stage (here from the suite's docker config);
    # the converted backup's copies carry no ECR token either way.
    for name in ("shop/regcred", "payments/regcred"):
        ns, secret = name.split("/")
        data = kget("target", "-n", ns, "secret", secret)["data"][".dockerconfigjson"]
        auths = json.loads(base64.b64decode(data)).get("auths", {})
        check(list(auths) == ["europe-west1-docker.pkg.dev"], f"pull secret {name} holds logins for {list(auths)}")
    STATE["eks_gke_restores"] = len(restores)


@case(eks_sample_backed_up_by_real_velero, eks_to_gke_plan_restores_on_target)
def eks_upgrade_plan_restores_on_new_eks():
    """EKS -> a replacement EKS cluster: the same real backup through rules/eks-upgrade.yaml, its
    plan run by transship restore on target (the GKE copy is cleared from it first)."""
    delete_labelled("target", f"velero.io/backup-name={STATE['eks_gke_backup']}", EKS_NAMESPACES)
    apply_files("target", HERE / "testbed/crds/eks.yaml")
    name = f"{STATE['eks_backup']}-green"
    plan = WORK / "eks-upgrade-plan.yaml"
    old_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-shop-web-1a2b3c4d5e/0123456789abcdef"
    transship("convert", f"s3://source/backups/{STATE['eks_backup']}", "--s3-endpoint", S3, "--rules", HERE / "rules/eks-upgrade.yaml",
              "--to", "s3://target", "--name", name, "--plan", plan, "--source-context", "source", "--target-context", "target",
              ok=(0, 1))
    wait_backup_synced("target", name)
    restores = run_plan("target", plan)
    live = all_restored("target", restores)
    ingresses = {o["metadata"]["name"]: o for o in live.values() if o["kind"] == "Ingress"}
    check({"web", "admin"} <= set(ingresses), f"restored Ingresses are {sorted(ingresses)}")
    for ing in ingresses.values():
        group = (ing["metadata"].get("annotations") or {}).get("alb.ingress.kubernetes.io/group.name")
        check(group is None or group.endswith("-green"),
              f"Ingress {ing['metadata']['name']} joins the old cluster's ALB group {group}: the new controller would take over its load balancer")
    for o in live.values():
        if o["kind"] == "TargetGroupBinding":
            check(o["spec"].get("targetGroupARN") != old_arn,
                  f"TargetGroupBinding {o['metadata']['name']} points at the old cluster's target group: it would drain the old cluster's pods")
    # App Mesh names are per account and region: the AWS mesh is a new one, the Kubernetes name (which
    # the member namespaces' labels select) stays.
    meshes = {o["metadata"]["name"]: o["spec"].get("awsName") for o in live.values() if o["kind"] == "Mesh"}
    check(list(meshes) == ["shop-mesh"] and (meshes["shop-mesh"] or "").endswith("-green"),
          f"restored meshes (name: awsName) are {meshes}: two clusters would drive one AWS mesh")
    # EKS to EKS keeps the claims' EBS classes.
    source_classes = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o["spec"].get("storageClassName")
                      for ns in EKS_NAMESPACES for o in kget("source", "pvc", "-n", ns)["items"]}
    pvcs = {f"{o['metadata']['namespace']}/{o['metadata']['name']}": o["spec"].get("storageClassName")
            for o in live.values() if o["kind"] == "PersistentVolumeClaim"}
    check(pvcs and all(source_classes.get(k, c) == c for k, c in pvcs.items()),
          f"restored claims ask for {pvcs}, in source {source_classes}")
    # The plan mints the pull secrets for the registries the backup's secrets named.
    minted = {step["regeneratePullSecrets"]["registry"] for s in yaml.safe_load(plan.read_text())["stages"]
              for step in s.get("before", []) if "regeneratePullSecrets" in step}
    check(any(".dkr.ecr." in r for r in minted), f"the plan mints no ECR pull secret: {sorted(minted)}")
    auths = json.loads(base64.b64decode(kget("target", "-n", "shop", "secret", "regcred")["data"][".dockerconfigjson"])).get("auths", {})
    check(set(auths) <= minted and auths, f"pull secret shop/regcred holds logins for {list(auths)}, the plan minted {sorted(minted)}")
    STATE["eks_upgrade_restores"] = len(restores)
    delete_labelled("target", f"velero.io/backup-name={name}", EKS_NAMESPACES)


@case()
def gke_project_move_restores_on_target():
    # One sample at a time in source: its cluster-scoped kinds are backed up whole.
    delete_labelled("source", f"{SAMPLE_LABEL}=eks-shop", EKS_NAMESPACES)
    gke_crds = sorted((HERE.parent / "shared/gke-crds").glob("*-crd.yaml")) + [HERE / "testbed/crds/gke.yaml"]
    apply_files("source", *gke_crds)
    create_all("source", manifests(HERE / "sample-backups/gke-store/manifests", "source"))
    wait_until("the Deployments' ReplicaSets", 60, lambda: len(kget("source", "rs", "-n", "store")["items"]) >= 2)
    original = f"gke-real-{RUN}"
    make_backup("source", original, GKE_NAMESPACES, CLUSTER_SCOPED)
    apply_files("target", *gke_crds)
    name = f"{original}-moved"
    plan = WORK / "gke-plan.yaml"
    transship("convert", f"s3://source/backups/{original}", "--s3-endpoint", S3, "--rules", HERE / "rules/gke-project-move.yaml",
              "--set", "fromProject=acme-prod-123", "--set", "toProject=acme-next-456", "--set", "bridgeCertName=store-bridge",
              "--to", "s3://target", "--name", name, "--plan", plan, ok=(0, 1))
    wait_backup_synced("target", name)
    restores = run_plan("target", plan, kills=[("after", s) for s in ("foundation", "config", "workloads", "traffic")],
                        fail_stage="cutover-store")
    live = all_restored("target", restores)
    # kubectl's last-applied-configuration records what a person applied in the old project; the
    # pack leaves that record alone, so it is not part of what is judged here.
    def judged(o):
        o = json.loads(json.dumps(o))
        (o["metadata"].get("annotations") or {}).pop("kubectl.kubernetes.io/last-applied-configuration", None)
        return o
    text = json.dumps([judged(o) for o in live.values() if o["kind"] != "Secret"])
    check("acme-next-456" in text, "no restored object names the new project")
    # References to the project, not names that merely start with its ID (a bucket gs://acme-prod-123-exports
    # is global and stays what it is).
    old = re.compile(r"(projects/|@|gcr\.io/|docker\.pkg\.dev/)acme-prod-123\b")
    stale = [f"{o['kind']} {o['metadata']['name']}: {old.search(json.dumps(judged(o))).group(0)}"
             for o in live.values() if o["kind"] != "Secret" and old.search(json.dumps(judged(o)))]
    check(not stale, f"restored objects still name the old project: {stale[:5]}")
    check(any(k[1] == "Deployment" for k in live), "no Deployment was restored")


def capture(dest):
    """Writes the EKS sample as real Velero backs it up into DEST/backups/eks-shop-by-velero, the
    committed sample-backups/velero-written (see its README)."""
    import shutil
    apply_files("source", HERE / "testbed/crds/eks.yaml")
    create_all("source", manifests(HERE / "sample-backups/eks-shop/manifests", "source"))
    wait_until("the Deployments' ReplicaSets", 60, lambda: len(kget("source", "rs", "-n", "shop")["items"]) >= 2)
    name = "eks-shop-by-velero"
    make_backup("source", name, EKS_NAMESPACES, EKS_CLUSTER_SCOPED)
    target = pathlib.Path(dest) / "backups" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(pathlib.Path(os.environ["TESTBED_DIR"]) / "s3/source/backups" / name, target)
    for f in target.iterdir():
        f.chmod(0o644)
    print(f"captured {name} into {target}")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--capture":
        return capture(sys.argv[2])
    passed, failed = 0, []
    done = {}
    for fn, needs in CASES:
        missing = [n.__name__ for n in needs if not done.get(n)]
        t0 = time.time()
        try:
            if missing:
                raise Failure(f"needs {', '.join(missing)}")
            fn()
            done[fn] = True
            passed += 1
            print(f"PASS {fn.__name__} ({time.time() - t0:.0f} s)", flush=True)
        except Failure as e:
            failed.append(fn.__name__)
            print(f"FAIL {fn.__name__} ({time.time() - t0:.0f} s): {e}", flush=True)
    for plan, stats in STATS.items():
        print(f"plan {plan}: {stats}")
    print(f"work folder: {WORK}")
    print(f"e2e: {passed} passed, {len(failed)} failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
