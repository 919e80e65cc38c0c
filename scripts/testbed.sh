#!/usr/bin/env bash
# A two-cluster Velero test bed on 127.0.0.1: one etcd, a "source" and a "target" kube-apiserver
# (each with its kube-controller-manager), S3Proxy with one bucket per cluster, and one real
# `velero server` per cluster with velero-plugin-for-aws. Every Go component is built from the
# pinned module under testbed/ into a cache keyed by that module's files and the Go version.
#
#   scripts/testbed.sh up       build what is missing, start everything on a fresh state
#   scripts/testbed.sh down     stop what `up` started (by process id); the build cache stays
#   scripts/testbed.sh status   what runs, where, and the log folder
#   scripts/testbed.sh env      shell exports: eval "$(scripts/testbed.sh env)"
#   scripts/testbed.sh restart-velero source|target   after installing CRDs (see below)
#
# Settings (environment): TESTBED_DIR (state, logs; default .testbed/ in the checkout),
# TESTBED_CACHE (built binaries; default ~/.cache/transship-testbed), TESTBED_PORT_BASE (31300).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modules="$here/testbed"
dir="${TESTBED_DIR:-$here/.testbed}"
cache="${TESTBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/transship-testbed}"
base="${TESTBED_PORT_BASE:-31300}"

etcd_port=$base
etcd_peer_port=$((base + 1))
s3_port=$((base + 20))
api_port_source=$((base + 10))
api_port_target=$((base + 11))
metrics_port_source=$((base + 30))
metrics_port_target=$((base + 32))
profiler_port_source=$((base + 31))
profiler_port_target=$((base + 33))
s3_endpoint="http://127.0.0.1:$s3_port"
s3_access_key=testbed
s3_secret_key=testbed-secret-key
clusters=(source target)

say() { echo "testbed: $*" >&2; }
die() { say "$*"; exit 1; }

# ---- building ---------------------------------------------------------------------------------

# A component's cache folder: its module files and the Go version decide the key, so a version
# bump in a go.mod rebuilds exactly that component.
component_bin() {
  local module=$1 key
  key="$( (go version; version_flags "$module"; cd "$modules/$module" && cat go.mod go.sum ./*.go 2>/dev/null) | sha256sum | cut -c1-16)"
  echo "$cache/$module-$key"
}

# build MODULE PACKAGE... : the packages' main programs into the component's cache folder.
build() {
  local module=$1; shift
  local out; out="$(component_bin "$module")"
  local want=() pkg
  for pkg in "$@"; do
    [[ -x "$out/$(basename "$pkg")" ]] || want+=("$pkg")
  done
  ((${#want[@]})) || { echo "$out"; return; }
  command -v go >/dev/null || die "Go is not installed: the test bed builds its servers from Go modules"
  say "building $module (${want[*]##*/}); the first build takes many minutes"
  mkdir -p "$out.tmp"
  if ! (cd "$modules/$module" && GOFLAGS="-mod=mod -buildvcs=false" go build -ldflags "$(version_flags "$module")" -o "$out.tmp/" "${want[@]}") >"$out.log" 2>&1; then
    tail -n 20 "$out.log" >&2
    die "building $module failed (log: $out.log)"
  fi
  mkdir -p "$out" && mv "$out.tmp"/* "$out/" && rmdir "$out.tmp"
  echo "$out"
}

# The version of module PATH that testbed/MODULE pins.
module_version() { (cd "$modules/$1" && go list -m -f '{{.Version}}' "$2"); }

# Release builds stamp their version at link time; without it the servers report v0.0.0-master,
# which Velero then records in every backup as the source cluster's version.
version_flags() {
  local module=$1 v
  case $module in
    kubernetes)
      v="$(module_version kubernetes k8s.io/kubernetes)"
      local minor; minor="$(cut -d. -f2 <<<"$v")"
      local pkg
      for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        printf -- '-X %s.gitVersion=%s -X %s.gitMajor=1 -X %s.gitMinor=%s -X %s.gitTreeState=clean ' "$pkg" "$v" "$pkg" "$pkg" "$minor" "$pkg"
      done ;;
    velero)
      v="$(module_version velero github.com/vmware-tanzu/velero)"
      echo "-X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=$v" ;;
  esac
}

build_all() {
  local k8s etcd velero plugin
  etcd="$(build etcd transship.dev/testbed/etcd)"
  k8s="$(build kubernetes k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)"
  velero="$(build velero transship.dev/testbed/velero)"
  plugin="$(build velero-plugin-for-aws github.com/vmware-tanzu/velero-plugin-for-aws/velero-plugin-for-aws)"
  mkdir -p "$dir/bin" "$dir/plugins"
  ln -sf "$etcd/etcd" "$dir/bin/etcd"
  ln -sf "$k8s/kube-apiserver" "$k8s/kube-controller-manager" "$k8s/kubectl" "$velero/velero" "$dir/bin/"
  # Velero starts every executable in its plugin folder: only the AWS plugin goes there.
  ln -sf "$plugin/velero-plugin-for-aws" "$dir/plugins/"
  s3proxy_classpath >/dev/null
}

s3proxy_classpath() {
  local cp="$cache/s3proxy-$( (cat "$modules/s3proxy/pom.xml") | sha256sum | cut -c1-16).classpath"
  if [[ ! -s "$cp" ]]; then
    say "resolving S3Proxy from Maven Central"
    (cd "$modules/s3proxy" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp.tmp") >"$cache/s3proxy.log" 2>&1 \
      || { tail -n 20 "$cache/s3proxy.log" >&2; die "resolving S3Proxy failed"; }
    mv "$cp.tmp" "$cp"
  fi
  echo "$cp"
}

# ---- processes --------------------------------------------------------------------------------

pidfile() { echo "$dir/pids/$1.pid"; }
logfile() { echo "$dir/logs/$1.log"; }

running() {
  local f; f="$(pidfile "$1")"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start NAME COMMAND... : in its own session, so `down` can stop it and its children.
start() {
  local name=$1; shift
  mkdir -p "$dir/pids" "$dir/logs"
  setsid "$@" >"$(logfile "$name")" 2>&1 < /dev/null &
  echo $! > "$(pidfile "$name")"
}

failed() {
  local name=$1
  say "$name did not start; last lines of $(logfile "$name"):"
  tail -n 25 "$(logfile "$name")" >&2 || true
  stop_all
  exit 1
}

# wait_for NAME SECONDS TEST... : until the test passes, the process dies, or time runs out.
wait_for() {
  local name=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    running "$name" || failed "$name"
    ((SECONDS < deadline)) || failed "$name"
    sleep 0.5
  done
}

# ask_to_stop PIDFILE / await_stop PIDFILE: TERM to the process's session; then up to 10 s for it
# to end before KILL. Split so that `down` asks everything at once and waits once.
ask_to_stop() {
  local pid; pid="$(cat "$1")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
}

await_stop() {
  local pid; pid="$(cat "$1")"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$1"
}

stop_all() {
  local f
  for f in "$dir"/pids/*.pid; do [[ -f "$f" ]] && ask_to_stop "$f"; done
  for f in "$dir"/pids/*.pid; do [[ -f "$f" ]] && await_stop "$f"; done
  return 0
}

# ---- credentials and kubeconfig ---------------------------------------------------------------

make_credentials() {
  local pki="$dir/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=transship-testbed-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$pki/apiserver.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 30 \
    -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  # One static admin token; the bed is a single-user rehearsal on loopback.
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pki/admin.token"
  echo "$(cat "$pki/admin.token"),testbed-admin,testbed-admin,system:masters" > "$pki/tokens.csv"
  printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$s3_access_key" "$s3_secret_key" > "$pki/s3-credentials"
}

write_kubeconfig() {
  local kc="$dir/kubeconfig" token
  token="$(cat "$dir/pki/admin.token")"
  {
    echo "apiVersion: v1"
    echo "kind: Config"
    echo "current-context: source"
    echo "clusters:"
    echo "- {name: source, cluster: {server: 'https://127.0.0.1:$api_port_source', certificate-authority: '$dir/pki/ca.crt'}}"
    echo "- {name: target, cluster: {server: 'https://127.0.0.1:$api_port_target', certificate-authority: '$dir/pki/ca.crt'}}"
    echo "users:"
    echo "- {name: admin, user: {token: '$token'}}"
    echo "contexts:"
    echo "- {name: source, context: {cluster: source, user: admin}}"
    echo "- {name: target, context: {cluster: target, user: admin}}"
  } > "$kc"
  chmod 600 "$kc"
  # kube-controller-manager takes no --context: one file per cluster, its context current.
  local c
  for c in "${clusters[@]}"; do
    sed "s/^current-context: .*/current-context: $c/" "$kc" > "$kc-$c"
    chmod 600 "$kc-$c"
  done
}

api_port() { [[ $1 == source ]] && echo "$api_port_source" || echo "$api_port_target"; }
kubectl_in() { local c=$1; shift; "$dir/bin/kubectl" --kubeconfig "$dir/kubeconfig" --context "$c" "$@"; }

# ---- components -------------------------------------------------------------------------------

start_etcd() {
  start etcd "$dir/bin/etcd" --name testbed --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "testbed=http://127.0.0.1:$etcd_peer_port" --listen-metrics-urls "" \
    --quota-backend-bytes 4294967296 --unsafe-no-fsync
  wait_for etcd 60 curl -fsS "http://127.0.0.1:$etcd_port/health"
}

# Both API servers share the one etcd under their own key prefix.
start_apiserver() {
  local c=$1 port; port="$(api_port "$c")"
  local range; [[ $c == source ]] && range=10.96.0.0/16 || range=10.97.0.0/16
  start "kube-apiserver-$c" "$dir/bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" --etcd-prefix "/$c" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
    --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
    --client-ca-file "$dir/pki/ca.crt" --token-auth-file "$dir/pki/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer "https://kubernetes.default.svc" --service-account-key-file "$dir/pki/sa.pub" \
    --service-account-signing-key-file "$dir/pki/sa.key" --service-cluster-ip-range "$range" \
    --endpoint-reconciler-type none --allow-privileged=true --profiling=false
  wait_for "kube-apiserver-$c" 120 curl -fsS --cacert "$dir/pki/ca.crt" \
    -H "Authorization: Bearer $(cat "$dir/pki/admin.token")" "https://127.0.0.1:$port/readyz"
}

# No kubelet and no scheduler: the controllers that matter to a migration (Deployments, Jobs,
# CronJobs, garbage collection, namespaces) run; pods stay Pending.
start_controller_manager() {
  local c=$1
  start "kube-controller-manager-$c" "$dir/bin/kube-controller-manager" \
    --kubeconfig "$dir/kubeconfig-$c" \
    --bind-address 127.0.0.1 --secure-port 0 --leader-elect=false \
    --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt"
  wait_for "kube-controller-manager-$c" 60 kubectl_in "$c" get serviceaccount default -n default
}

start_s3() {
  local cp; cp="$(s3proxy_classpath)"
  mkdir -p "$dir/s3/source" "$dir/s3/target"
  cat > "$dir/s3proxy.properties" <<EOF
s3proxy.endpoint=$s3_endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$s3_access_key
s3proxy.credential=$s3_secret_key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/s3
EOF
  cat > "$dir/s3proxy-logback.xml" <<'EOF'
<configuration>
  <appender name="out" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="out"/></root>
</configuration>
EOF
  start s3proxy java -Dlogback.configurationFile="$dir/s3proxy-logback.xml" -cp "$(cat "$cp")" \
    org.gaul.s3proxy.Main --properties "$dir/s3proxy.properties"
  wait_for s3proxy 60 bash -c "curl -s -o /dev/null -w '%{http_code}' $s3_endpoint/ | grep -qE '^[234]'"
}

# What `velero install` creates (CRDs, namespace, service account, the velero Deployment), from the
# built binary itself, so it always matches the server. The server runs here as a process, but the
# Deployment must exist: restore item actions read the Velero image from it (pod volume restore
# fails every restore with 'deployments.apps "velero" not found' otherwise). It stays at 0 replicas.
install_velero() {
  local c=$1 mode velero_version plugin_version
  [[ $c == target ]] && mode=ReadOnly || mode=ReadWrite
  velero_version="$(module_version velero github.com/vmware-tanzu/velero)"
  plugin_version="$(module_version velero-plugin-for-aws github.com/vmware-tanzu/velero-plugin-for-aws)"
  "$dir/bin/velero" install --kubeconfig "$dir/kubeconfig" --kubecontext "$c" --dry-run -o yaml --no-secret --no-default-backup-location --use-volume-snapshots=false \
    --image "velero/velero:$velero_version" --plugins "velero/velero-plugin-for-aws:$plugin_version" \
    | kubectl_in "$c" apply -f - >/dev/null
  kubectl_in "$c" -n velero scale deployment velero --replicas 0 >/dev/null
  kubectl_in "$c" wait --for condition=established --timeout 60s crd/backupstoragelocations.velero.io >/dev/null
  kubectl_in "$c" apply -f - >/dev/null <<EOF
apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata: {name: default, namespace: velero}
spec:
  provider: aws
  default: true
  accessMode: $mode
  objectStorage: {bucket: $c}
  config:
    region: testbed
    s3ForcePathStyle: "true"
    s3Url: $s3_endpoint
    checksumAlgorithm: ""
EOF
}

start_velero() {
  local c=$1 metrics profiler
  [[ $c == source ]] && metrics=$metrics_port_source || metrics=$metrics_port_target
  [[ $c == source ]] && profiler=$profiler_port_source || profiler=$profiler_port_target
  AWS_SHARED_CREDENTIALS_FILE="$dir/pki/s3-credentials" start "velero-$c" "$dir/bin/velero" server \
    --kubeconfig "$dir/kubeconfig" --kubecontext "$c" --namespace velero \
    --plugin-dir "$dir/plugins" --backup-sync-period 5s --store-validation-frequency 5s \
    --metrics-address "127.0.0.1:$metrics" --profiler-address "127.0.0.1:$profiler" \
    --uploader-type kopia --log-level info
  wait_for "velero-$c" 120 bash -c "[[ \"\$('$dir/bin/kubectl' --kubeconfig '$dir/kubeconfig' --context $c -n velero get backupstoragelocation default -o jsonpath='{.status.phase}')\" == Available ]]"
}

# ---- commands ---------------------------------------------------------------------------------

cmd_up() {
  if running etcd; then say "already up (scripts/testbed.sh down to stop)"; cmd_status; return; fi
  local t0=$SECONDS
  build_all
  stop_all
  # Every `up` starts clean: a rehearsal or a test run never sees the last one's objects.
  rm -rf "$dir/etcd" "$dir/s3" "$dir/pki" "$dir/logs" "$dir/pids"
  make_credentials
  write_kubeconfig
  start_etcd
  start_s3
  local c
  for c in "${clusters[@]}"; do start_apiserver "$c"; done
  for c in "${clusters[@]}"; do start_controller_manager "$c"; done
  for c in "${clusters[@]}"; do install_velero "$c"; done
  for c in "${clusters[@]}"; do start_velero "$c"; done
  say "up in $((SECONDS - t0)) s"
  cmd_status
}

cmd_down() {
  stop_all
  say "stopped; logs stay in $dir/logs, built binaries in $cache"
}

cmd_status() {
  local name state code=0
  for name in etcd s3proxy kube-apiserver-source kube-apiserver-target kube-controller-manager-source \
      kube-controller-manager-target velero-source velero-target; do
    if running "$name"; then state="running (pid $(cat "$(pidfile "$name")"))"; else state="not running"; code=3; fi
    printf '%-32s %s\n' "$name" "$state"
  done
  echo "API servers: source https://127.0.0.1:$api_port_source, target https://127.0.0.1:$api_port_target"
  echo "S3: $s3_endpoint, buckets 'source' and 'target' (target's location is ReadOnly)"
  echo "logs: $dir/logs"
  return $code
}

cmd_env() {
  cat <<EOF
export KUBECONFIG='$dir/kubeconfig'
export PATH='$dir/bin':"\$PATH"
export AWS_ACCESS_KEY_ID='$s3_access_key'
export AWS_SECRET_ACCESS_KEY='$s3_secret_key'
export AWS_REGION='testbed'
export TESTBED_DIR='$dir'
export TESTBED_S3_ENDPOINT='$s3_endpoint'
export TESTBED_SOURCE_BUCKET='source'
export TESTBED_TARGET_BUCKET='target'
EOF
}

# Velero refreshes API discovery only every 5 minutes (and on restore after CRDs): a backup taken
# sooner after new CRDs are installed silently leaves their objects out. Restarting its server is
# how a rehearsal makes it see them at once.
cmd_restart_velero() {
  local c=${1:-}
  [[ $c == source || $c == target ]] || die "usage: scripts/testbed.sh restart-velero source|target"
  running "velero-$c" || die "velero-$c is not running (scripts/testbed.sh up)"
  ask_to_stop "$(pidfile "velero-$c")"
  await_stop "$(pidfile "velero-$c")"
  start_velero "$c"
  say "velero-$c restarted"
}

case "${1:-}" in
  up) cmd_up ;;
  restart-velero) cmd_restart_velero "${2:-}" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  build) build_all; say "built into $cache" ;;
  *) echo "usage: scripts/testbed.sh up | down | status | env | build | restart-velero CLUSTER" >&2; exit 2 ;;
esac
