#!/usr/bin/env bash
# Proof on one machine, without containers, that Sipas scales out as deploy/ runs it: one PostgreSQL, two API
# processes (no in-process Hangfire server) and two worker processes, all on loopback.
#   deploy/scale-out/run.sh            (or ./sipas scale-out)
# Environment: SCALE_OUT_SECONDS (load duration, 20), SCALE_OUT_CLIENTS (32), SCALE_OUT_KILL_AT (seconds into the
# load when API 1 is killed, 8), SCALE_OUT_ROWS (responses the snapshot job reads, 1500000), SCALE_OUT_KEEP=1
# keeps the work folder (logs, database) for inspection, SCALE_OUT_NO_BUILD=1 skips the Release build.
# Proves, and exits non-zero when any of it fails:
#   1. traffic spread: citizen submissions through both APIs, each acknowledges a share;
#   2. an API killed (SIGKILL) mid-load loses no acknowledged response: every 201/200 UUID is in
#      sipas.responses exactly once, and a response re-sent to the other API gets the same receipt;
#   3. a recurring job runs exactly once per occurrence although four processes register it and two servers poll:
#      compute-half-year-1 scheduled every minute, one ComputeHalfYear execution per minute;
#   4. a worker killed (SIGKILL) in the middle of ComputeWaveSnapshot: the job completes on the other worker.
#      Hangfire re-offers a job fetched by a dead server only after the storage's InvisibilityTimeout (5 min,
#      sliding, in Sipas.Jobs), so the script ages that timestamp in hangfire.jobqueue instead of waiting (it says
#      so). The per-wave lock (a PostgreSQL advisory lock, Sipas.Jobs.JobLocks) dies with the worker's connection.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
LOAD_SECONDS="${SCALE_OUT_SECONDS:-20}"
CLIENTS="${SCALE_OUT_CLIENTS:-32}"
KILL_AT="${SCALE_OUT_KILL_AT:-8}"
ROWS="${SCALE_OUT_ROWS:-1500000}"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
results=()
pass() { results+=("PASS  $*"); printf 'PASS  %s\n' "$*"; }
fail() { results+=("FAIL  $*"); printf 'FAIL  %s\n' "$*"; }

# ---------- build ----------
API_DLL="$ROOT/api/Sipas.Api/bin/Release/net10.0/Sipas.Api.dll"
WORKER_DLL="$ROOT/analytics/Sipas.Worker/bin/Release/net10.0/Sipas.Worker.dll"
PROBE_DLL="$ROOT/deploy/probe/bin/Release/net10.0/Sipas.Probe.dll"
if [ -z "${SCALE_OUT_NO_BUILD:-}" ]; then
  say "dotnet build (Release): Sipas.Api, Sipas.Worker, deploy/probe"
  for p in api/Sipas.Api analytics/Sipas.Worker deploy/probe/Sipas.Probe.csproj; do
    dotnet build "$p" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
  done
fi

# ---------- PostgreSQL (as api/Sipas.Data/Local/LocalPostgres.cs does it) ----------
pg_bin() {
  if [ -n "${SIPAS_PG_BIN:-}" ]; then echo "$SIPAS_PG_BIN/$1"; return; fi
  command -v "$1" 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -r | head -n1
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK="$(mktemp -d /tmp/sipas-scale-out.XXXXXX)"
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
mkdir -p "$PG_DIR/socket"
[ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  [ -d "$PG_DIR/data" ] && as_pg "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
  if [ -n "${SCALE_OUT_KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PG_PORT="$(free_port)"
say "PostgreSQL: initdb and start on 127.0.0.1:$PG_PORT (fsync and synchronous_commit on)"
as_pg "$(pg_bin initdb)" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
as_pg "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR/socket -c max_connections=200 -c shared_buffers=512MB -c log_parameter_max_length=0 -c log_parameter_max_length_on_error=0" start >/dev/null
export SIPAS_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/sipas"
export Sipas__DossierHashKey="$(head -c 32 /dev/urandom | base64)"
psql_() { psql "$SIPAS_DATABASE_URL" -v ON_ERROR_STOP=1 -qAt "$@"; }
psql "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -qAt -c "CREATE DATABASE sipas" >/dev/null

say "migrations and reference data: Sipas.Api migrate (the deployment step)"
(cd "$(dirname "$API_DLL")" && dotnet "$API_DLL" migrate > "$WORK/migrate.log" 2>&1) || { cat "$WORK/migrate.log"; exit 1; }

say "an open wave with the published questionnaires and 20 service points (SQL)"
psql_ <<'SQL'
INSERT INTO sipas.waves (code, name_vi, name_en, starts_on, ends_on, lookback_from, lookback_to, status,
                         official_channels, area_codes, unit_codes)
VALUES ('SCALE-OUT', 'Đợt thử mở rộng', 'Scale-out wave', '2026-01-01', '2026-12-31', '2026-01-01', '2026-12-31',
        'Open', '{}', '{}', '{}');
INSERT INTO sipas.wave_questionnaires (questionnaires_id, wave_id)
SELECT q.id, w.id FROM sipas.questionnaires q, sipas.waves w WHERE q.status = 'Published' AND w.code = 'SCALE-OUT';
INSERT INTO sipas.service_points (code, name_vi, agency_id, area_code, created_at)
SELECT 'XD-' || lpad(i::text, 2, '0'), 'Quầy ' || i, (SELECT id FROM sipas.agencies WHERE code = 'so-xay-dung'),
       'construction', now()
FROM generate_series(1, 20) i;
SQL

# ---------- two APIs, two workers ----------
API_PORTS=("$(free_port)" "$(free_port)")
# Every process registers the recurring half-year job; here it fires every minute instead of twice a year.
JOB_ARGS=(--Sipas:Jobs:HalfYearCron="* * * * *" --Logging:LogLevel:Default=Warning --Logging:LogLevel:Sipas=Information)
API_PIDS=()
for i in 0 1; do
  (cd "$(dirname "$API_DLL")" && exec dotnet "$API_DLL" --urls "http://127.0.0.1:${API_PORTS[$i]}" \
      --Sipas:Worker:InProcess=false --Sipas:WebRoot="$ROOT/web/dist" \
      --Sipas:RateLimits:SubmitsPerServicePointPerMinute=100000000 --Sipas:RateLimits:SubmitsPerAddressPerMinute=100000000 --Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay=100000000 \
      "${JOB_ARGS[@]}" > "$WORK/api$((i + 1)).log" 2>&1) &
  API_PIDS+=("$!"); pids+=("$!")
done
WORKER_PIDS=()
for i in 0 1; do
  (cd "$(dirname "$WORKER_DLL")" && exec dotnet "$WORKER_DLL" --Sipas:Worker:Count=2 "${JOB_ARGS[@]}" \
      > "$WORK/worker$((i + 1)).log" 2>&1) &
  WORKER_PIDS+=("$!"); pids+=("$!")
done
say "API 1 pid ${API_PIDS[0]} on :${API_PORTS[0]}, API 2 pid ${API_PIDS[1]} on :${API_PORTS[1]}; workers pid ${WORKER_PIDS[*]}"
for i in 0 1; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${API_PORTS[$i]}/health/ready" >/dev/null 2>&1 && break
    kill -0 "${API_PIDS[$i]}" 2>/dev/null || { cat "$WORK/api$((i + 1)).log"; exit 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${API_PORTS[$i]}/health/ready" >/dev/null || { echo "API $((i + 1)) not ready"; exit 1; }
done
for i in 0 1; do
  for _ in $(seq 1 60); do
    dotnet "$PROBE_DLL" worker --pid "${WORKER_PIDS[$i]}" > "$WORK/probe.out" 2>&1 && break
    kill -0 "${WORKER_PIDS[$i]}" 2>/dev/null || { cat "$WORK/worker$((i + 1)).log"; exit 1; }
    sleep 1
  done
done
servers="$(psql_ -c "SELECT count(*) FROM hangfire.server")"
[ "$servers" = 2 ] && pass "both APIs ready (/health/ready); Hangfire servers: $servers (the two workers, none in the APIs); worker probe: $(cat "$WORK/probe.out")" \
  || fail "Hangfire servers: $servers, expected 2 (the workers only)"

# ---------- 1 + 2: load over both APIs, API 1 killed mid-load ----------
say "load: $CLIENTS clients for $LOAD_SECONDS s over both APIs; API 1 killed (SIGKILL) at $KILL_AT s"
summary="$(node "$ROOT/deploy/scale-out/load.mjs" --targets "http://127.0.0.1:${API_PORTS[0]},http://127.0.0.1:${API_PORTS[1]}" \
  --seconds "$LOAD_SECONDS" --clients "$CLIENTS" --kill-pid "${API_PIDS[0]}" --kill-at "$KILL_AT" --kill-target 0 \
  --ids "$WORK/acknowledged.txt")"
echo "load: $summary"
j() { node -e 'const s=JSON.parse(process.argv[1]); console.log(eval("s."+process.argv[2]))' "$summary" "$1"; }
kill -0 "${API_PIDS[0]}" 2>/dev/null && fail "API 1 is still running" || true
read -r stored distinct missing duplicated unacknowledged < <(psql_ -F ' ' <<SQL
CREATE TEMP TABLE ack (id uuid PRIMARY KEY);
\copy ack FROM '$WORK/acknowledged.txt'
SELECT (SELECT count(*) FROM sipas.responses r JOIN ack USING (id)),
       (SELECT count(DISTINCT id) FROM sipas.responses r JOIN ack USING (id)),
       (SELECT count(*) FROM ack WHERE NOT EXISTS (SELECT 1 FROM sipas.responses r WHERE r.id = ack.id)),
       (SELECT count(*) FROM (SELECT id FROM sipas.responses GROUP BY id HAVING count(*) > 1) d),
       (SELECT count(*) FROM sipas.responses r WHERE NOT EXISTS (SELECT 1 FROM ack WHERE ack.id = r.id));
SQL
)
acked="$(j acknowledged)"
by1="$(j 'acknowledgedBy[0] - s.acknowledgedByAfterKill[0]')"; by2="$(j 'acknowledgedBy[1] - s.acknowledgedByAfterKill[1]')"
after2="$(j 'acknowledgedByAfterKill[1]')"
[ "$by1" -gt 0 ] && [ "$by2" -gt 0 ] && [ "$after2" -gt 0 ] \
  && pass "traffic spread: until the kill API 1 acknowledged $by1 and API 2 $by2; after it API 2 took $after2 alone ($acked in all incl. $(j acknowledgedInWarmup) in the $(j warmupSeconds) s warm-up; $(j perSecond)/s over $(j seconds) s, $CLIENTS clients)" \
  || fail "traffic not spread: API 1 $by1, API 2 $by2 before the kill, API 2 $after2 after"
[ "$missing" = 0 ] && [ "$distinct" = "$acked" ] && [ "$stored" = "$acked" ] && [ "$duplicated" = 0 ] \
  && pass "API 1 killed at $(j killedAtMs) ms with $(j inFlightAtKill) requests in flight: $acked acknowledged, $distinct stored, lost $missing, duplicated $duplicated; $(j failedOver) submissions failed over to API 2 with the same UUID; stored but never acknowledged: $unacknowledged" \
  || fail "acknowledged $acked, stored $stored ($distinct distinct), lost $missing, duplicated $duplicated"
[ "$(j resendMismatched)" = 0 ] && [ "$(j gaveUp)" = 0 ] \
  && pass "$(j resendChecked) responses re-sent to the other API got 200 and the same receipt; no client gave up" \
  || fail "re-sent with another receipt: $(j resendMismatched); gave up: $(j gaveUp)"

# ---------- 3: the recurring job runs once per occurrence ----------
say "recurring job compute-half-year-1 (every minute here): waiting for three occurrences"
half_year_runs() {
  psql_ -c "SELECT count(*) FROM hangfire.job WHERE (invocationdata::jsonb)->>'Type' LIKE 'Sipas.Jobs.ComputeHalfYear%'"
}
for _ in $(seq 1 240); do
  [ "$(half_year_runs)" -ge 3 ] && break
  sleep 1
done
sleep 3
psql_ -F ' ' > "$WORK/half-year.txt" <<'SQL'
SELECT date_trunc('minute', j.createdat), count(*), string_agg(DISTINCT j.statename, ','),
       string_agg(DISTINCT (s.data::jsonb)->>'ServerId', ',')
FROM hangfire.job j LEFT JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Processing'
WHERE (j.invocationdata::jsonb)->>'Type' LIKE 'Sipas.Jobs.ComputeHalfYear%'
GROUP BY 1 ORDER BY 1;
SQL
cat "$WORK/half-year.txt"
minutes="$(wc -l < "$WORK/half-year.txt")"
twice="$(awk '$3 != 1' "$WORK/half-year.txt" | wc -l)"
executions="$(psql_ -c "SELECT count(*) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing' AND (j.invocationdata::jsonb)->>'Type' LIKE 'Sipas.Jobs.ComputeHalfYear%'")"
[ "$minutes" -ge 3 ] && [ "$twice" = 0 ] && [ "$executions" = "$minutes" ] \
  && pass "recurring job: $minutes occurrences, each enqueued once and executed once ($executions executions), though 4 processes registered it and 2 servers poll" \
  || fail "recurring job: $minutes minutes, $twice with more than one job, $executions executions"

# ---------- 4: a worker killed in the middle of a snapshot ----------
say "a wave of about $ROWS responses for the snapshot job (copies of the acknowledged ones with new ids)"
psql_ <<SQL
INSERT INTO sipas.responses (id, wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum,
    service_point_id, submitted_at, received_at, started_at, scores, other_answers, dossier_hash, content_hash, flags)
SELECT gen_random_uuid(), wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum,
    service_point_id, submitted_at, received_at, started_at, scores, other_answers, dossier_hash, content_hash, flags
FROM sipas.responses, generate_series(1, greatest(1, $ROWS / greatest(1, (SELECT count(*) FROM sipas.responses))::int));
ANALYZE sipas.responses;
SQL
rows="$(psql_ -c "SELECT count(*) FROM sipas.responses")"
cloned_at="$(psql_ -c "SELECT now()")"
per_row="$(psql_ -c "SELECT round(pg_total_relation_size('sipas.responses')::numeric / count(*)) FROM sipas.responses")"
echo "storage: sipas.responses with its indexes: $per_row bytes per response over $rows responses"
say "waiting for the next scheduled ComputeWaveSnapshot of $rows responses to start, then killing its worker"
victim="" job="" snap=""
for _ in $(seq 1 1200); do
  read -r snap job server < <(psql_ -F ' ' -c "
    SELECT s.id, s.job_id, (st.data::jsonb)->>'ServerId' FROM sipas.snapshots s
    JOIN hangfire.job j ON j.id::text = s.job_id AND j.statename = 'Processing'
    JOIN hangfire.state st ON st.id = j.stateid
    WHERE s.status = 'Running' AND s.phase IN ('reading', 'estimating') AND s.progress >= 5
      AND s.requested_at > '$cloned_at'
    ORDER BY s.id DESC LIMIT 1") || true
  if [ -n "${server:-}" ]; then
    for i in 0 1; do
      case "$server" in *"-${WORKER_PIDS[$i]}:"*) victim="$i" ;; esac
    done
    break
  fi
  sleep 0.1
done
if [ -z "$victim" ]; then
  fail "no snapshot job was seen running on a worker"
else
  survivor=$((1 - victim))
  progress="$(psql_ -c "SELECT progress || '% (' || phase || ')' FROM sipas.snapshots WHERE id = $snap")"
  kill -9 "${WORKER_PIDS[$victim]}"
  say "killed worker $((victim + 1)) (pid ${WORKER_PIDS[$victim]}) at snapshot $snap $progress, Hangfire job $job"
  dead_wait="${SCALE_OUT_DEAD_WAIT:-30}"
  sleep "$dead_wait"
  state="$(psql_ -c "SELECT statename || ' on ' || (SELECT count(*) FROM hangfire.state WHERE jobid = $job AND name = 'Processing') || ' server(s) so far' FROM hangfire.job WHERE id = $job")"
  say "after $dead_wait s job $job is still '$state'; Hangfire re-offers it after InvisibilityTimeout (5 min): ageing hangfire.jobqueue.fetchedat instead of waiting"
  aged_queue="$(psql_ -c "WITH u AS (UPDATE hangfire.jobqueue SET fetchedat = fetchedat - interval '31 minutes'
    WHERE jobid = $job AND fetchedat IS NOT NULL RETURNING 1) SELECT count(*) FROM u")"
  held="$(psql_ -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1397313537")"
  say "aged: $aged_queue fetched queue row(s) of job $job; per-wave advisory locks still held: $held (the dead worker's went with its connection)"
  started=$SECONDS
  for _ in $(seq 1 300); do
    [ "$(psql_ -c "SELECT status FROM sipas.snapshots WHERE id = $snap")" = Completed ] && break
    sleep 1
  done
  status="$(psql_ -c "SELECT status || ' ' || coalesce(responses_read::text, '-') FROM sipas.snapshots WHERE id = $snap")"
  servers="$(psql_ -c "SELECT string_agg((data::jsonb)->>'ServerId', ' then ' ORDER BY id) FROM hangfire.state WHERE jobid = $job AND name = 'Processing'")"
  final="$(psql_ -c "SELECT statename FROM hangfire.job WHERE id = $job")"
  case "$status $final $servers" in
    "Completed $rows Succeeded "*"-${WORKER_PIDS[$victim]}:"*" then "*"-${WORKER_PIDS[$survivor]}:"*)
      pass "worker $((victim + 1)) killed at $progress of snapshot $snap: job $job then ran on worker $((survivor + 1)) and completed in $((SECONDS - started)) s after the timeouts lapsed ($rows responses read; servers: $servers)" ;;
    *) fail "snapshot $snap: $status, job $job: $final, servers: $servers" ;;
  esac
fi

echo
say "jobs executed per Hangfire server:"
psql_ -F ' ' -c "SELECT count(*), (data::jsonb)->>'ServerId' FROM hangfire.state WHERE name = 'Processing' GROUP BY 2 ORDER BY 2"
races="$(cat "$WORK"/api*.log "$WORK"/worker*.log | grep -c 'Error while executing install/upgrade' || true)"
echo "observed: $races of 4 processes logged Hangfire's 'Error while executing install/upgrade' (expected 0: the migration step installs the hangfire schema, the processes do not)"
echo
echo "scale-out summary (PostgreSQL 1, APIs 2, workers 2; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %s\n' "${results[@]}"
failures="$(printf '%s\n' "${results[@]}" | grep -c '^FAIL' || true)"
echo "scale-out: $(( ${#results[@]} - failures )) passed, $failures failed"
[ "$failures" = 0 ]
