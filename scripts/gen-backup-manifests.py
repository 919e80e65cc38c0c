#!/usr/bin/env python3
"""Writes N realistic live-object manifests (Deployments, Services, ConfigMaps, CronJobs, Ingresses)
into a folder, for benchmarks: `transship pack` turns them into a Velero backup."""
import json
import sys
import uuid
from pathlib import Path

def objects(n):
    kinds = ["deploy", "svc", "cm", "cron", "ing"]
    for i in range(n):
        ns = f"team-{i % 20}"
        kind = kinds[i % len(kinds)]
        meta = {"name": f"{kind}-{i}", "namespace": ns, "uid": str(uuid.UUID(int=i + 1)),
                "resourceVersion": str(1000 + i), "creationTimestamp": "2026-11-01T10:00:00Z",
                "labels": {"app": f"app-{i}", "team": ns},
                "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
                "managedFields": [{"manager": "kubectl-client-side-apply", "operation": "Update",
                                   "apiVersion": "v1", "time": "2026-11-01T10:00:00Z", "fieldsType": "FieldsV1",
                                   "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}}}]}
        image = f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{ns}/app-{i}:1.{i % 7}.0"
        pod = {"containers": [{"name": "app", "image": image, "ports": [{"containerPort": 8080, "name": "http"}],
                               "env": [{"name": "CLUSTER_NAME", "value": "prod-eks-1"}]}],
               "serviceAccountName": "default", "imagePullSecrets": [{"name": "regcred"}]}
        if kind == "deploy":
            yield {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": f"app-{i}"}},
                            "template": {"metadata": {"labels": {"app": f"app-{i}"}}, "spec": pod}},
                   "status": {"replicas": 2, "readyReplicas": 2, "availableReplicas": 2}}
        elif kind == "svc":
            yield {"apiVersion": "v1", "kind": "Service", "metadata": meta,
                   "spec": {"type": "ClusterIP", "clusterIP": f"10.100.{i // 250 % 250}.{i % 250}",
                            "ports": [{"name": "http", "port": 80, "targetPort": "http"}], "selector": {"app": f"app-{i}"}}}
        elif kind == "cm":
            yield {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta,
                   "data": {"LOG_LEVEL": "info", "CLUSTER": "prod-eks-1", "settings.json": json.dumps({"i": i})}}
        elif kind == "cron":
            yield {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta,
                   "spec": {"schedule": f"{i % 60} * * * *", "concurrencyPolicy": "Forbid",
                            "jobTemplate": {"spec": {"template": {"spec": dict(pod, restartPolicy="OnFailure")}}}}}
        else:
            meta = dict(meta, finalizers=["group.ingress.k8s.aws/shop"],
                        annotations={"alb.ingress.kubernetes.io/scheme": "internet-facing",
                                     "alb.ingress.kubernetes.io/healthcheck-path": "/healthz"})
            yield {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta,
                   "spec": {"ingressClassName": "alb", "rules": [{"host": f"app-{i}.example.com", "http": {"paths": [
                       {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": f"svc-{i}", "port": {"name": "http"}}}}]}}]}}

def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    per_file = 1000
    batch, index = [], 0
    for obj in objects(n):
        batch.append(json.dumps(obj))
        if len(batch) == per_file:
            (out / f"objects-{index:05d}.json").write_text("[" + ",\n".join(batch) + "]\n")
            batch, index = [], index + 1
    if batch:
        (out / f"objects-{index:05d}.json").write_text("[" + ",\n".join(batch) + "]\n")
    (out.parent / "backup.yaml").write_text(
        "apiVersion: velero.io/v1\nkind: Backup\nmetadata: {name: bench-%d, namespace: velero}\n"
        "status: {phase: Completed, completionTimestamp: '2026-11-20T02:00:00Z'}\n" % n)

if __name__ == "__main__":
    main()
