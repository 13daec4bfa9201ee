#!/usr/bin/env bash
# Validates deploy/ on a machine without a Kubernetes cluster or a Docker engine. Needs Node.js >= 20 and npm;
# uses kubectl (its built-in kustomize) and docker-compose / `docker compose` when present and says so when not.
#   deploy/validate.sh
# What it checks, and how:
#   1. kustomize renders both overlays (cnpg, external-db); k8s/tools/restore-pod.yaml too  kubectl kustomize
#   2. every rendered object against the Kubernetes JSON schemas, unknown fields rejected   kubernetes-models (npm)
#      the CloudNativePG Cluster against a schema written from its API reference          ajv + validate/schemas
#      rules: non-root, no privilege escalation, resources, pinned images, secrets only by secretKeyRef,
#      probes on /health/live and /health/ready, selectors/Services/Ingress/HPA/PVC/ConfigMap references resolve,
#      migration Job = EF bundle then `Sipas.Api migrate`, no MigrateOnStart, backup CronJob into a PVC
#   3. compose.yaml against the Compose specification schema; `docker-compose config` (or `docker compose config`)
#      when a Compose CLI is installed, and its output against the schema too; no literal secrets; .env.example
#      names every variable
#   4. Dockerfiles (parsed with dockerfile-ast): multi-stage, pinned base images, non-root USER, HEALTHCHECK, no ADD,
#      no secrets in ENV/ARG, the final stage copies only build outputs; .dockerignore keeps outputs/secrets out
#   5. shell scripts parse (bash -n); docs/operations.md names every environment variable the files set
#   6. the checks are not vacuous: deliberately broken copies of a manifest and a Dockerfile must fail
#   7. every PostgreSQL configuration shipped (any file under deploy/ that configures or starts a server, and the
#      local cluster of `./sipas run` and the tests, api/Sipas.Data/Local/LocalPostgres.cs) sets
#      log_parameter_max_length = 0 and log_parameter_max_length_on_error = 0: bind parameters (comments, dossier
#      codes) never reach the server log; a copy without them must fail
# Ends with "validate: N passed, N failed"; exit 1 when anything failed.
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DEPLOY")"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$DEPLOY/validate"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error --engine-strict=false >&2
fi

k8s=()
if command -v kubectl >/dev/null; then
  for target in overlays/cnpg overlays/external-db; do
    out="$TMP/$(basename "$target").yaml"
    kubectl kustomize "$DEPLOY/k8s/$target" > "$out"
    echo "ok    kubectl kustomize deploy/k8s/$target ($(grep -c '^kind:' "$out") objects)"
    k8s+=("$out")
  done
  # The restore pod (not in the kustomization) is checked together with the objects it refers to.
  { cat "$TMP/cnpg.yaml"; echo '---'; cat "$DEPLOY/k8s/tools/restore-pod.yaml"; } > "$TMP/cnpg+restore-pod.yaml"
  k8s+=("$TMP/cnpg+restore-pod.yaml")
else
  echo "SKIP  kubectl not found: the overlays were not rendered, the Kubernetes manifests not checked" >&2
fi

compose_config=()
cp "$DEPLOY/.env.example" "$TMP/env"
if command -v docker-compose >/dev/null; then
  (cd "$DEPLOY" && docker-compose -f compose.yaml --env-file "$TMP/env" config) > "$TMP/compose-config.yaml"
  echo "ok    docker-compose config ($(docker-compose version --short 2>/dev/null))"
  compose_config=(--compose-config "$TMP/compose-config.yaml")
elif docker compose version >/dev/null 2>&1; then
  (cd "$DEPLOY" && docker compose -f compose.yaml --env-file "$TMP/env" config) > "$TMP/compose-config.yaml"
  echo "ok    docker compose config"
  compose_config=(--compose-config "$TMP/compose-config.yaml")
else
  echo "SKIP  no Compose CLI (docker-compose or the docker compose plugin): compose.yaml checked by schema only" >&2
fi

shell_failed=0
for script in "$DEPLOY"/k8s/base/backup/pg-dump.sh "$DEPLOY"/scale-out/*.sh "$DEPLOY"/validate.sh; do
  [ -f "$script" ] || continue
  if bash -n "$script"; then echo "ok    bash -n ${script#"$ROOT"/}"; else echo "FAIL  bash -n ${script#"$ROOT"/}"; shell_failed=1; fi
done

# 6. The checks are not vacuous: broken copies (an unknown field, runAsNonRoot false, a Cluster typo, USER root,
#    no HEALTHCHECK, an untagged base image) must each be reported.
neg_failed=0
if [ "${#k8s[@]}" -gt 0 ]; then
  sed -e 's/livenessProbe:/livenesProbe:/' -e 's/runAsNonRoot: true/runAsNonRoot: false/' -e 's/instances: 2/instance: 2/' \
    "${k8s[0]}" > "$TMP/broken.yaml"
  sed -e 's/^USER .*/USER root/' -e 's/^HEALTHCHECK.*/LABEL x=y/' -e '/^  CMD \["bash"/d' -e 's/aspnet:${DOTNET_VERSION}/aspnet/' \
    "$DEPLOY/docker/api.Dockerfile" > "$TMP/broken.Dockerfile"
  out="$(node validate.mjs --k8s "$TMP/broken.yaml" --dockerfiles "$TMP/broken.Dockerfile" || true)"
  for fault in 'livenesProbe: unknown field' 'runAsNonRoot not set' 'additional properties: instance' 'USER root' \
               'no HEALTHCHECK' 'aspnet: no tag'; do
    if grep -q "$fault" <<<"$out"; then echo "ok    a broken copy is caught: $fault"
    else echo "FAIL  a broken copy is not caught: $fault"; neg_failed=1; fi
  done
fi

# 7. PostgreSQL never logs bind parameters.
pg_failed=0
pg_logs_no_parameters() {   # file: both settings present and 0 (YAML `name: "0"`, `-c name=0`, C# "name=0")
  local p
  for p in log_parameter_max_length log_parameter_max_length_on_error; do
    grep -Eq "(^|[^a-z_])${p}[\"']?[[:space:]]*[:=][[:space:]]*[\"']?0([^0-9.]|\$)" "$1" || { echo "$p"; return 1; }
  done
}
mapfile -t pg_configs < <(grep -rlE 'kind: Cluster|postgresql\.conf|pg_ctl|initdb|"postgres", "-c"|image: postgres|log_min_duration_statement' \
  "$DEPLOY" --exclude-dir=node_modules --exclude-dir=validate --exclude=validate.sh --exclude='*.md' | sort)
pg_configs+=("$ROOT/api/Sipas.Data/Local/LocalPostgres.cs")
for f in "${pg_configs[@]}"; do
  # A compose file or manifest may name the postgres image only for a client (the backup job): only files that
  # start or configure a server count, the rest are listed as such.
  if ! grep -qE 'kind: Cluster|pg_ctl|"postgres", "-c"|command: \["postgres"|postgresql\.conf|log_min_duration_statement|class LocalPostgres' "$f"; then
    echo "ok    ${f#"$ROOT"/}: PostgreSQL only as a client"; continue
  fi
  if missing="$(pg_logs_no_parameters "$f")"; then echo "ok    ${f#"$ROOT"/}: log_parameter_max_length(_on_error) = 0"
  else echo "FAIL  ${f#"$ROOT"/}: $missing is not set to 0 (bind parameters would reach the server log)"; pg_failed=1; fi
done
sed -e '/log_parameter_max_length_on_error/d' "$DEPLOY/k8s/overlays/cnpg/postgres-cluster.yaml" > "$TMP/broken-cluster.yaml"
if pg_logs_no_parameters "$TMP/broken-cluster.yaml" >/dev/null; then
  echo "FAIL  a broken copy is not caught: log_parameter_max_length_on_error removed"; pg_failed=1
else echo "ok    a broken copy is caught: log_parameter_max_length_on_error removed"; fi

status=0
node validate.mjs --k8s "${k8s[@]}" --compose "$DEPLOY/compose.yaml" "${compose_config[@]}" \
  --dockerfiles "$DEPLOY"/docker/*.Dockerfile --dockerignore "$ROOT/.dockerignore" \
  --docs "$ROOT/docs/operations.md" || status=1
[ "$shell_failed" = 0 ] && [ "$neg_failed" = 0 ] && [ "$pg_failed" = 0 ] || status=1
exit "$status"
