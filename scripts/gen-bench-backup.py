#!/usr/bin/env python3
"""Writes a Velero backup of about SIZE MiB uncompressed for benchmarks, straight into a storage
location folder: <root>/backups/<name>/{<name>.tar.gz, velero-backup.json}.

The object mix follows what Velero captures from a busy EKS cluster: Deployments with their
ReplicaSets and Pods (managedFields, last-applied annotations, status), ConfigMaps from a few
hundred bytes to a few hundred KiB, Opaque, TLS and service-account Secrets, Helm release Secrets
(gzip-compressed payloads, which do not compress again), CronJobs with their Jobs and Pods,
Services, Endpoints, EndpointSlices, ALB Ingresses, ServiceAccounts, PVCs and EBS PVs. Names,
UIDs, hashes, addresses, timestamps and config values are drawn from a seeded generator, so the
tarball compresses like a real one (about 8:1), not like copies of one object, and the same
arguments always give the same bytes.

Usage: gen-bench-backup.py SIZE_MIB ROOT NAME
"""
import base64
import gzip
import io
import json
import random
import sys
import tarfile
import uuid
from pathlib import Path

WORDS = ("api worker cache queue billing orders payments search gateway auth users catalog cart "
         "inventory shipping notify report export import audit metrics ingest stream batch sync "
         "profile session token ledger invoice pricing promo review rating media thumbnail").split()
CONFIG_KEYS = ("log.level timeout.ms pool.size retry.max feature.flags endpoint region bucket "
               "cache.ttl batch.size workers listen.port db.host db.name queue.url tracing.rate").split()
MTIME = 1763604000  # 2025-11-20T02:00:00Z


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def word(self):
        return self.r.choice(WORDS)

    def hexs(self, n):
        return "%0*x" % (n, self.r.getrandbits(4 * n))

    def uid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def time(self):
        return "2026-%02d-%02dT%02d:%02d:%02dZ" % (self.r.randint(1, 11), self.r.randint(1, 28),
                                                  self.r.randint(0, 23), self.r.randint(0, 59), self.r.randint(0, 59))

    def ip(self):
        return "10.%d.%d.%d" % (self.r.randint(0, 255), self.r.randint(0, 255), self.r.randint(1, 254))

    def meta(self, name, ns, labels=None, annotations=None, owner=None, manager="kubectl-client-side-apply"):
        m = {"name": name, "uid": self.uid(), "resourceVersion": str(self.r.randint(10**6, 10**9)),
             "creationTimestamp": self.time()}
        if ns:
            m["namespace"] = ns
        if labels:
            m["labels"] = labels
        if annotations:
            m["annotations"] = annotations
        if owner:
            m["ownerReferences"] = [{"apiVersion": owner[0], "kind": owner[1], "name": owner[2], "uid": self.uid(),
                                     "controller": True, "blockOwnerDeletion": True}]
        m["managedFields"] = [{"manager": manager, "operation": "Update", "apiVersion": "v1", "time": self.time(),
                               "fieldsType": "FieldsV1",
                               "fieldsV1": {"f:metadata": {"f:labels": {".": {}, **{"f:" + k: {} for k in (labels or {})}}},
                                            "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {}}}}}}]
        return m

    def container(self, app, ns):
        c = {"name": app, "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/%s/%s:%d.%d.%d" % (
                ns, app, self.r.randint(1, 9), self.r.randint(0, 40), self.r.randint(0, 200)),
             "imagePullPolicy": "IfNotPresent",
             "ports": [{"containerPort": self.r.choice([8080, 8443, 9090, 3000]), "name": "http", "protocol": "TCP"}],
             "env": [{"name": k.upper().replace(".", "_"), "value": "%s-%s" % (self.word(), self.hexs(6))}
                     for k in self.r.sample(CONFIG_KEYS, self.r.randint(2, 8))],
             "resources": {"requests": {"cpu": "%dm" % self.r.choice([50, 100, 250, 500]),
                                        "memory": "%dMi" % self.r.choice([64, 128, 256, 512])},
                           "limits": {"memory": "%dMi" % self.r.choice([256, 512, 1024])}},
             "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
             "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
        return c

    def pod_spec(self, app, ns):
        spec = {"containers": [self.container(app, ns) for _ in range(self.r.choice([1, 1, 1, 2]))],
                "serviceAccountName": app, "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
                "schedulerName": "default-scheduler", "terminationGracePeriodSeconds": 30,
                "nodeSelector": {"eks.amazonaws.com/nodegroup": "ng-%s" % self.word()}}
        for i, c in enumerate(spec["containers"]):
            c["name"] = "%s-%d" % (app, i)
        return spec

    def app_objects(self, ns, app):
        """A Deployment with its ReplicaSet, Pods, Service, Endpoints, EndpointSlice, ServiceAccount, ConfigMap, Secret, Ingress."""
        labels = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": "%s-%s" % (app, ns),
                  "app.kubernetes.io/version": "%d.%d" % (self.r.randint(1, 5), self.r.randint(0, 30))}
        spec = self.pod_spec(app, ns)
        last = json.dumps({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": app, "namespace": ns},
                           "spec": {"template": {"spec": spec}}}, separators=(",", ":"))
        dep = {"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": self.meta(app, ns, labels, {"deployment.kubernetes.io/revision": str(self.r.randint(1, 90)),
                                                       "kubectl.kubernetes.io/last-applied-configuration": last}),
               "spec": {"replicas": self.r.randint(1, 6), "selector": {"matchLabels": {"app.kubernetes.io/name": app}},
                        "template": {"metadata": {"labels": labels}, "spec": spec},
                        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}},
               "status": {"observedGeneration": self.r.randint(1, 90), "replicas": 2, "readyReplicas": 2,
                          "conditions": [{"type": t, "status": "True", "lastUpdateTime": self.time(),
                                          "lastTransitionTime": self.time(), "reason": r, "message": m}
                                         for t, r, m in (("Available", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                                                         ("Progressing", "NewReplicaSetAvailable", "ReplicaSet has successfully progressed."))]}}
        yield "deployments.apps", "apps/v1", ns, app, dep
        rs_name = "%s-%s" % (app, self.hexs(10))
        rs_labels = dict(labels, **{"pod-template-hash": rs_name[-10:]})
        yield "replicasets.apps", "apps/v1", ns, rs_name, {
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": self.meta(rs_name, ns, rs_labels, owner=("apps/v1", "Deployment", app), manager="kube-controller-manager"),
            "spec": {"replicas": 2, "selector": {"matchLabels": rs_labels}, "template": {"metadata": {"labels": rs_labels}, "spec": spec}},
            "status": {"replicas": 2, "readyReplicas": 2, "availableReplicas": 2}}
        for _ in range(self.r.randint(1, 3)):
            pod = "%s-%s" % (rs_name, self.hexs(5))
            yield "pods", "v1", ns, pod, {"apiVersion": "v1", "kind": "Pod",
                                          "metadata": self.meta(pod, ns, rs_labels, owner=("apps/v1", "ReplicaSet", rs_name), manager="kubelet"),
                                          "spec": dict(spec, nodeName="ip-%s.ec2.internal" % self.ip().replace(".", "-")),
                                          "status": {"phase": "Running", "podIP": self.ip(), "hostIP": self.ip(), "startTime": self.time(),
                                                     "containerStatuses": [{"name": c["name"], "ready": True, "restartCount": self.r.randint(0, 4),
                                                                            "image": c["image"], "imageID": "sha256:" + self.hexs(64),
                                                                            "containerID": "containerd://" + self.hexs(64)} for c in spec["containers"]]}}
        yield "serviceaccounts", "v1", ns, app, {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": self.meta(app, ns, labels, {
            "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/%s-%s" % (ns, app)})}
        yield "services", "v1", ns, app, {"apiVersion": "v1", "kind": "Service", "metadata": self.meta(app, ns, labels),
                                          "spec": {"type": "ClusterIP", "clusterIP": self.ip(), "clusterIPs": [self.ip()],
                                                   "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}],
                                                   "selector": {"app.kubernetes.io/name": app}}}
        addresses = [{"ip": self.ip(), "targetRef": {"kind": "Pod", "namespace": ns, "name": "%s-%s" % (rs_name, self.hexs(5)),
                                                     "uid": self.uid()}} for _ in range(2)]
        yield "endpoints", "v1", ns, app, {"apiVersion": "v1", "kind": "Endpoints", "metadata": self.meta(app, ns, labels),
                                           "subsets": [{"addresses": addresses, "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}]}]}
        slice_name = "%s-%s" % (app, self.hexs(5))
        yield "endpointslices.discovery.k8s.io", "discovery.k8s.io/v1", ns, slice_name, {
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
            "metadata": self.meta(slice_name, ns, dict(labels, **{"kubernetes.io/service-name": app}), owner=("v1", "Service", app)),
            "endpoints": [{"addresses": [a["ip"]], "conditions": {"ready": True}, "targetRef": a["targetRef"]} for a in addresses],
            "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}]}
        yield from self.config_map(ns, app, labels)
        yield from self.secret(ns, app, labels)
        if self.r.random() < 0.3:
            yield "ingresses.networking.k8s.io", "networking.k8s.io/v1", ns, app, {
                "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                "metadata": dict(self.meta(app, ns, labels, {
                    "alb.ingress.kubernetes.io/scheme": self.r.choice(["internet-facing", "internal"]),
                    "alb.ingress.kubernetes.io/target-type": "ip",
                    "alb.ingress.kubernetes.io/group.name": ns,
                    "alb.ingress.kubernetes.io/healthcheck-path": "/healthz"}), finalizers=["group.ingress.k8s.aws/" + ns]),
                "spec": {"ingressClassName": "alb", "rules": [{"host": "%s.%s.example.com" % (app, ns), "http": {"paths": [
                    {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": app, "port": {"number": 80}}}}]}}]},
                "status": {"loadBalancer": {"ingress": [{"hostname": "k8s-%s-%s.us-east-1.elb.amazonaws.com" % (ns[:8], self.hexs(16))}]}}}
        if self.r.random() < 0.2:
            pvc = "data-" + app
            pv = "pvc-" + self.uid()
            yield "persistentvolumeclaims", "v1", ns, pvc, {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                                            "metadata": self.meta(pvc, ns, labels),
                                                            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "gp3",
                                                                     "resources": {"requests": {"storage": "%dGi" % self.r.choice([10, 20, 50])}},
                                                                     "volumeName": pv}, "status": {"phase": "Bound"}}
            yield "persistentvolumes", "v1", None, pv, {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": self.meta(pv, None),
                                                        "spec": {"storageClassName": "gp3", "capacity": {"storage": "20Gi"},
                                                                 "csi": {"driver": "ebs.csi.aws.com", "fsType": "ext4",
                                                                         "volumeHandle": "vol-" + self.hexs(17)},
                                                                 "claimRef": {"namespace": ns, "name": pvc}}}

    def config_map(self, ns, app, labels):
        size = int(min(400_000, self.r.lognormvariate(7.5, 1.5)))  # median ~1.8 KB, a long tail
        lines, n = [], 0
        while n < size:
            line = "%s=%s-%s-%d" % (self.r.choice(CONFIG_KEYS), self.word(), self.hexs(self.r.randint(4, 12)), self.r.randint(0, 99999))
            lines.append(line)
            n += len(line) + 1
        name = app + "-config"
        yield "configmaps", "v1", ns, name, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": self.meta(name, ns, labels),
                                             "data": {"application.properties": "\n".join(lines), "LOG_LEVEL": self.r.choice(["info", "debug"])}}

    def secret(self, ns, app, labels):
        name = app + "-credentials"
        data = {k: base64.b64encode(self.r.randbytes(self.r.randint(16, 64))).decode() for k in ("username", "password", "api-key")}
        yield "secrets", "v1", ns, name, {"apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": self.meta(name, ns, labels), "data": data}
        if self.r.random() < 0.25:
            # Helm stores each release as base64(gzip(JSON)) inside the Secret's own base64: it does not compress again.
            release = {"name": app, "namespace": ns, "version": self.r.randint(1, 30),
                       "manifest": "\n---\n".join(json.dumps({"kind": "ConfigMap", "data": {self.word(): self.hexs(40)}}) for _ in range(self.r.randint(5, 60))),
                       "chart": {"metadata": {"name": app, "version": "1.%d.0" % self.r.randint(0, 9)}}}
            payload = base64.b64encode(base64.b64encode(gzip.compress(json.dumps(release).encode(), mtime=0))).decode()
            rel = "sh.helm.release.v1.%s.v%d" % (app, release["version"])
            yield "secrets", "v1", ns, rel, {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
                                             "metadata": self.meta(rel, ns, {"name": app, "owner": "helm", "status": "deployed"}),
                                             "data": {"release": payload}}

    def cron_objects(self, ns, app):
        labels = {"app.kubernetes.io/name": app}
        spec = dict(self.pod_spec(app, ns), restartPolicy="OnFailure")
        yield "cronjobs.batch", "batch/v1", ns, app, {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": self.meta(app, ns, labels),
                                                      "spec": {"schedule": "%d */%d * * *" % (self.r.randint(0, 59), self.r.randint(1, 6)),
                                                               "concurrencyPolicy": "Forbid", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
                                                      "status": {"lastScheduleTime": self.time()}}
        first = self.r.randint(29000000, 29999999)
        for i in range(self.r.randint(1, 3)):
            job = "%s-%d" % (app, first + 60 * i)
            yield "jobs.batch", "batch/v1", ns, job, {"apiVersion": "batch/v1", "kind": "Job",
                                                      "metadata": self.meta(job, ns, labels, owner=("batch/v1", "CronJob", app), manager="kube-controller-manager"),
                                                      "spec": {"template": {"metadata": {"labels": labels}, "spec": spec}, "backoffLimit": 6},
                                                      "status": {"startTime": self.time(), "completionTime": self.time(), "succeeded": 1,
                                                                 "conditions": [{"type": "Complete", "status": "True", "lastTransitionTime": self.time()}]}}


def tar_entries(gen, target):
    produced = 0
    ns_index = 0
    while produced < target:
        ns = "team-%s-%d" % (gen.word(), ns_index)
        ns_index += 1
        yield "namespaces", "v1", None, ns, {"apiVersion": "v1", "kind": "Namespace", "metadata": gen.meta(ns, None),
                                             "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
        for a in range(gen.r.randint(20, 60)):
            app = "%s-%s-%d" % (gen.word(), gen.word(), a)
            objects = gen.cron_objects(ns, app) if gen.r.random() < 0.15 else gen.app_objects(ns, app)
            for entry in objects:
                produced += yield entry
                if produced >= target:
                    return


def main():
    size_mib, root, name = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    folder = root / "backups" / name
    folder.mkdir(parents=True, exist_ok=True)
    target = size_mib * 1024 * 1024
    items = 0
    tmp = folder / (name + ".tar.gz.part")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        def add(path, data):
            info = tarfile.TarInfo(path)
            info.size, info.mode, info.mtime = len(data), 0o755, MTIME
            tar.addfile(info, io.BytesIO(data))
            return len(data) + 512 + (-len(data) % 512)
        add("metadata/version", b"1.1.0\n")
        entries = tar_entries(Gen(size_mib), target)
        written = None
        try:
            while True:
                resource, version, ns, obj_name, obj = entries.send(written)
                data = json.dumps(obj, separators=(",", ":")).encode()
                where = "namespaces/" + ns if ns else "cluster"
                written = add("resources/%s/%s/%s.json" % (resource, where, obj_name), data)
                written += add("resources/%s/%s-preferredversion/%s/%s.json" % (resource, version.split("/")[-1], where, obj_name), data)
                items += 1
        except StopIteration:
            pass
    tmp.rename(folder / (name + ".tar.gz"))
    backup = {"apiVersion": "velero.io/v1", "kind": "Backup",
              "metadata": {"name": name, "namespace": "velero", "creationTimestamp": "2026-11-20T02:00:00Z",
                           "labels": {"velero.io/storage-location": "default"}},
              "spec": {"includedNamespaces": ["*"], "storageLocation": "default", "ttl": "720h0m0s"},
              "status": {"version": 1, "formatVersion": "1.1.0", "phase": "Completed", "startTimestamp": "2026-11-20T02:00:00Z",
                         "completionTimestamp": "2026-11-20T02:09:00Z", "expiration": "2026-12-20T02:00:00Z",
                         "progress": {"totalItems": items, "itemsBackedUp": items}}}
    (folder / "velero-backup.json").write_text(json.dumps(backup, indent=2) + "\n")
    print("%s: %d items" % (folder, items))


if __name__ == "__main__":
    main()
