// Citizen submissions spread over several API processes, as a load balancer would, for deploy/scale-out/run.sh.
//   node load.mjs --targets URL,URL --seconds N --clients N [--kill-pid PID --kill-at SECONDS] --ids FILE
// Each client sends complete SIPAS responses (22 criteria) to the APIs in turn. A request that gets no answer or
// a 5xx is sent again with the same UUID to the next API, as the citizen page's outbox does; one acknowledged
// submission in ten is re-sent to the other API and must get the same receipt (idempotency across processes).
// With --kill-pid, that process is killed (SIGKILL) --kill-at seconds in, while requests are in flight to it.
// Writes every acknowledged UUID (201 or 200) to --ids, one per line, and prints a JSON summary on stdout.
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const opt = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const targets = opt('targets', '').split(',').filter(Boolean);
const seconds = Number(opt('seconds', '20'));
const clients = Number(opt('clients', '32'));
const killPid = opt('kill-pid', null);
const killAt = Number(opt('kill-at', '0'));
const killTarget = Number(opt('kill-target', '0'));
const idsFile = opt('ids', 'acknowledged.txt');
const points = Array.from({ length: Number(opt('points', '20')) }, (_, i) => `XD-${String(i + 1).padStart(2, '0')}`);
const items = ['TC1', 'TC2', 'TC3', 'TC4', 'TT1', 'TT2', 'TT3', 'TT4', 'TT5', 'CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6',
  'KQ1', 'KQ2', 'KQ3', 'PA1', 'PA2', 'PA3', 'PA4'];

const acknowledged = new Map(); // id -> receipt body
const ackBy = targets.map(() => 0);
const ackByAfterKill = targets.map(() => 0);
const statuses = {};
const inFlight = targets.map(() => 0);
let inFlightAtKill = null, killedAtMs = null, failedOver = 0, resendChecked = 0, resendMismatched = 0, gaveUp = 0;
let requests = 0;
// Like a load balancer's passive health check: a target that refused a connection is skipped for 2 s.
const downUntil = targets.map(() => 0);
const warmup = Number(opt('warmup', '3'));
let started = Date.now();
let end = started + seconds * 1000;
function next(turn) {
  for (let k = 0; k < targets.length; k++) {
    const t = (turn + k) % targets.length;
    if (downUntil[t] <= Date.now()) return t;
  }
  return turn % targets.length;
}

function body(id) {
  const answers = Object.fromEntries(items.map((c) => [c, Math.random() < 0.05 ? 0 : 3 + Math.floor(Math.random() * 3)]));
  answers.SEX = Math.random() < 0.5 ? 'nam' : 'nu';
  return JSON.stringify({ clientId: id, answers });
}

async function post(t, point, device, text) {
  inFlight[t]++;
  requests++;
  try {
    const response = await fetch(`${targets[t]}/api/public/service-points/${point}/responses`, {
      method: 'POST', body: text, signal: AbortSignal.timeout(15000),
      headers: { 'content-type': 'application/json', 'x-sipas-device': device },
    });
    const answer = await response.text();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    return { status: response.status, answer };
  } catch (e) {
    statuses.network = (statuses.network ?? 0) + 1;
    return { status: 0, answer: String(e.cause?.code ?? e.name) };
  } finally {
    inFlight[t]--;
  }
}

async function client(n) {
  const device = `scale-out-device-${n}`;
  let turn = n;
  while (Date.now() < end) {
    const id = randomUUID();
    const text = body(id);
    const point = points[Math.floor(Math.random() * points.length)];
    let done = false;
    for (let attempt = 0; attempt < 6 && !done; attempt++) {
      const t = next(turn++);
      const { status, answer } = await post(t, point, device, text);
      if (status === 0) downUntil[t] = Date.now() + 2000;
      if (status === 201 || status === 200) {
        acknowledged.set(id, answer);
        ackBy[t]++;
        if (killedAtMs !== null) ackByAfterKill[t]++;
        if (attempt > 0) failedOver++;
        done = true;
        // One in ten: the same response again, to the next API: it must answer 200 with the same receipt.
        if (Math.random() < 0.1) {
          const other = next(turn++);
          const again = await post(other, point, device, text);
          if (again.status !== 0) {
            resendChecked++;
            if (again.status !== 200 || again.answer !== answer) resendMismatched++;
          }
        }
      } else if (status === 0 || status >= 500) {
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      } else {
        break; // 4xx: not retried (would be a bug in this script or the setup)
      }
    }
    if (!done) gaveUp++;
  }
}

// Warm-up (JIT, connection pools, the service-point cache): same requests, acknowledged ids kept and checked,
// not counted in the rate.
if (warmup > 0) {
  end = Date.now() + warmup * 1000;
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  ackBy.fill(0);
  requests = 0;
}
const warmAcknowledged = acknowledged.size;
started = Date.now();
end = started + seconds * 1000;
if (killPid) {
  setTimeout(() => {
    inFlightAtKill = inFlight[killTarget];
    killedAtMs = Date.now() - started;
    process.kill(Number(killPid), 'SIGKILL');
  }, killAt * 1000);
}
await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
const elapsed = (Date.now() - started) / 1000;
writeFileSync(idsFile, [...acknowledged.keys()].join('\n') + '\n');
console.log(JSON.stringify({
  seconds: Number(elapsed.toFixed(1)), warmupSeconds: warmup, clients, requests, acknowledged: acknowledged.size,
  acknowledgedInWarmup: warmAcknowledged, perSecond: Math.round((acknowledged.size - warmAcknowledged) / elapsed), acknowledgedBy: ackBy, acknowledgedByAfterKill: ackByAfterKill,
  killedAtMs, inFlightAtKill, failedOver, resendChecked, resendMismatched, gaveUp, statuses,
}));
