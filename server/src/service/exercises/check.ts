// Evaluates an exercise's declared checks against the learner's files. Pure: no file system, no engine,
// nothing from the workspace is executed. Dockerfiles go through the same model and rules as diagnostics;
// compose files are read with `yaml` directly.
import { isMap, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { parseDockerfile } from '../dockerfile/model';
import type { DockerfileModel, Instr, Stage } from '../dockerfile/model';
import { dockerfileResults } from '../dockerfile/diagnostics';
import { parseImageRef } from '../dockerfile/imageRef';
import { DEFAULT_SETTINGS } from '../settings';
import { LEVELS } from '../types';
import type { Exercise, ExerciseCheck, ExerciseFile, InstructionPattern, StageScope } from '../content/exercises';
import { checkFile, COMPOSE_CHECK_KINDS } from '../content/exercises';

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  /** Passed: what was confirmed. Failed: what is missing or wrong, concretely. */
  readonly message: string;
  /** Empty when passed. */
  readonly hint: string;
}

export interface ExerciseCheckReport {
  readonly exerciseId: string;
  readonly results: readonly CheckResult[];
  readonly passed: boolean;
}

/** The outcome of one check before it is labelled. */
interface Verdict {
  readonly passed: boolean;
  readonly message: string;
}

const ok = (message: string): Verdict => ({ passed: true, message });
const fail = (message: string): Verdict => ({ passed: false, message });

const MAX_FILE_CHARS = 512 * 1024;

/** Files by normalised relative path; the learner's text wins over nothing, never over each other. */
function indexFiles(files: readonly ExerciseFile[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of files) {
    if (typeof f?.path !== 'string' || typeof f.text !== 'string') continue;
    map.set(normalizePath(f.path), f.text.length > MAX_FILE_CHARS ? f.text.slice(0, MAX_FILE_CHARS) : f.text);
  }
  return map;
}

export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** Compiles a content regex; content is validated at build time, but a bad pattern must fail the check, not throw. */
function regex(source: string, flags = 'i'): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- Dockerfile helpers

function stagesIn(model: DockerfileModel, scope: StageScope | undefined): readonly Stage[] {
  if (scope === 'final' || scope === undefined) {
    const last = model.stages[model.stages.length - 1];
    return last ? [last] : [];
  }
  return model.stages;
}

function matching(stage: Stage, p: InstructionPattern): Instr[] {
  const keyword = p.keyword.toUpperCase();
  const re = p.argsMatch !== undefined ? regex(p.argsMatch) : undefined;
  return stage.instructions.filter((i) => i.keyword === keyword && (p.argsMatch === undefined || (re?.test(i.argsText ?? '') ?? false)));
}

const scopeWords = (scope: StageScope | undefined): string => (scope === 'any' ? 'in any stage' : scope === 'all' ? 'in every stage' : 'in the final stage');

const describe = (p: InstructionPattern): string => (p.argsMatch ? `${p.keyword} matching /${p.argsMatch}/` : p.keyword);

/** The image a FROM names, or undefined for `scratch` and references to earlier stages. */
function externalImage(model: DockerfileModel, stage: Stage): string | undefined {
  const image = stage.from.args[0]?.getValue();
  if (!image) return undefined;
  if (image.toLowerCase() === 'scratch') return undefined;
  const earlier = model.stageByName(image);
  if (earlier && earlier.index < stage.index) return undefined;
  return image;
}

/** `USER name[:group]`: the user part, lower-cased. */
function userOf(instr: Instr): string {
  return (instr.args[0]?.getValue() ?? '').split(':')[0]!.trim().toLowerCase();
}

function tagProblem(image: string): string | undefined {
  if (image.includes('$')) return undefined; // Set by a build argument: the default decides, which we cannot see here.
  const ref = parseImageRef(image);
  if (!ref) return `"${image}" is not an image reference`;
  if (ref.digest) return undefined;
  if (!ref.tag) return `"${image}" has no tag, so it means whatever latest is on the day you build`;
  if (ref.tag.toLowerCase() === 'latest') return `"${image}" uses the latest tag, which moves under you`;
  return undefined;
}

function evalDockerfile(check: ExerciseCheck, model: DockerfileModel): Verdict {
  switch (check.kind) {
    case 'stageCount': {
      const n = model.stages.length;
      if (n < check.min) return fail(`Found ${n} stage${n === 1 ? '' : 's'}; at least ${check.min} expected.`);
      if (check.max !== undefined && n > check.max) return fail(`Found ${n} stages; at most ${check.max} expected.`);
      return ok(`${n} stage${n === 1 ? '' : 's'}.`);
    }
    case 'copyFromStage': {
      for (const stage of model.stages) {
        for (const instr of stage.instructions) {
          if (instr.keyword !== 'COPY') continue;
          const from = instr.flag('from')?.getValue();
          if (!from) continue;
          const source = model.stageByName(from) ?? (/^\d+$/.test(from) ? model.stages[Number(from)] : undefined);
          if (!source || source.index >= stage.index) continue;
          if (check.stage !== undefined && source.name?.toLowerCase() !== check.stage.toLowerCase()) continue;
          return ok(`Stage ${stage.index + 1} copies from "${from}".`);
        }
      }
      return fail(check.stage !== undefined
        ? `No COPY --from=${check.stage} found that takes files from an earlier stage named "${check.stage}".`
        : 'No COPY --from found that takes files from an earlier stage.');
    }
    case 'finalUserNonRoot': {
      const final = model.stages[model.stages.length - 1];
      if (!final) return fail('The Dockerfile has no FROM, so there is no final stage.');
      const users = final.instructions.filter((i) => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (!last) return fail('The final stage never sets USER, so the container runs as whatever the base image chose, usually root.');
      const user = userOf(last);
      if (user === 'root' || user === '0' || user === '') return fail(`The last USER of the final stage is "${user || '(empty)'}", which is root.`);
      return ok(`The final stage runs as "${user}".`);
    }
    case 'noFindings': {
      const results = dockerfileResults(model, { settings: DEFAULT_SETTINGS });
      const min = LEVELS.indexOf(check.minLevel ?? 'hint');
      const wanted = check.rules ? new Set(check.rules) : undefined;
      const hits = results.filter((r) => LEVELS.indexOf(r.level) >= min && (!wanted || wanted.has(r.rule.id)));
      if (hits.length === 0) return ok(wanted ? `No findings from ${[...wanted].join(', ')}.` : 'No findings.');
      const first = hits[0]!;
      const line = first.diagnostic.range.start.line + 1;
      return fail(`${hits.length} finding${hits.length === 1 ? '' : 's'}; first on line ${line}: ${first.diagnostic.message}`);
    }
    case 'instructionPresent': {
      const p = { keyword: check.keyword, argsMatch: check.argsMatch };
      const stages = stagesIn(model, check.stage);
      const found = check.stage === 'all' ? stages.length > 0 && stages.every((s) => matching(s, p).length > 0) : stages.some((s) => matching(s, p).length > 0);
      return found ? ok(`${describe(p)} found ${scopeWords(check.stage)}.`) : fail(`No ${describe(p)} ${scopeWords(check.stage)}.`);
    }
    case 'instructionAbsent': {
      const p = { keyword: check.keyword, argsMatch: check.argsMatch };
      for (const s of stagesIn(model, check.stage)) {
        const hit = matching(s, p)[0];
        if (hit) return fail(`Line ${hit.range.start.line + 1} still has ${describe(p)} ${scopeWords(check.stage)}.`);
      }
      return model.stages.length ? ok(`No ${describe(p)} ${scopeWords(check.stage)}.`) : fail('The Dockerfile has no FROM yet.');
    }
    case 'instructionCount': {
      const p = { keyword: check.keyword };
      const stages = stagesIn(model, check.stage);
      if (!stages.length) return fail('The Dockerfile has no FROM yet.');
      for (const s of stages) {
        const n = matching(s, p).length;
        if (n > check.max) return fail(`Stage ${s.index + 1} has ${n} ${check.keyword} instructions; at most ${check.max} expected.`);
      }
      return ok(`At most ${check.max} ${check.keyword} per stage.`);
    }
    case 'instructionOrder': {
      const stages = stagesIn(model, check.stage);
      for (const s of stages) {
        const a = matching(s, check.first)[0];
        const b = matching(s, check.then)[0];
        if (a && b && a.index < b.index) return ok(`${describe(check.first)} comes before ${describe(check.then)}.`);
        if (a && b) return fail(`${describe(check.then)} (line ${b.range.start.line + 1}) comes before ${describe(check.first)} (line ${a.range.start.line + 1}).`);
      }
      return fail(`Expected ${describe(check.first)} followed by ${describe(check.then)} ${scopeWords(check.stage)}.`);
    }
    case 'baseImageTagged': {
      if (!model.stages.length) return fail('The Dockerfile has no FROM yet.');
      for (const s of model.stages) {
        const image = externalImage(model, s);
        const problem = image !== undefined ? tagProblem(image) : undefined;
        if (problem) return fail(`Line ${s.from.range.start.line + 1}: ${problem}.`);
      }
      return ok('Every base image is pinned to a tag or digest.');
    }
    case 'baseImageMatches': {
      const re = regex(check.pattern);
      const stages = stagesIn(model, check.stage);
      if (!stages.length) return fail('The Dockerfile has no FROM yet.');
      const images = stages.map((s) => s.from.args[0]?.getValue() ?? '');
      const good = (img: string) => re?.test(img) ?? false;
      const passed = check.stage === 'all' ? images.every(good) : images.some(good);
      return passed ? ok(`Base image ${images.join(', ')}.`) : fail(`Base image ${images.join(', ') || '(none)'} does not match what the exercise asks for.`);
    }
    case 'exposes': {
      const final = model.stages[model.stages.length - 1];
      const ports = (final?.instructions ?? []).filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.map((a) => a.getValue()));
      const found = ports.some((p) => Number(p.split('/')[0]) === check.port);
      return found ? ok(`Port ${check.port} is exposed.`) : fail(ports.length ? `EXPOSE lists ${ports.join(', ')}, not ${check.port}.` : `The final stage has no EXPOSE ${check.port}.`);
    }
    case 'healthcheck': {
      const final = model.stages[model.stages.length - 1];
      const hc = (final?.instructions ?? []).filter((i) => i.keyword === 'HEALTHCHECK');
      const last = hc[hc.length - 1];
      if (!last) return fail('The final stage has no HEALTHCHECK.');
      if (/^\s*NONE\b/i.test(last.argsText ?? '')) return fail('HEALTHCHECK NONE turns the check off.');
      return ok('The final stage declares a HEALTHCHECK.');
    }
    case 'execForm': {
      const final = model.stages[model.stages.length - 1];
      const all = (final?.instructions ?? []).filter((i) => i.keyword === check.keyword);
      const last = all[all.length - 1];
      if (!last) return fail(`The final stage has no ${check.keyword}.`);
      return last.isJsonForm ? ok(`${check.keyword} uses the exec form.`) : fail(`${check.keyword} on line ${last.range.start.line + 1} is in shell form: write it as a JSON array, e.g. ["node", "server.js"].`);
    }
    default:
      return fail(`The check kind "${check.kind}" does not apply to a Dockerfile.`);
  }
}

// ---------------------------------------------------------------- Compose helpers

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function composeRoot(doc: Document): Record<string, Json> | undefined {
  if (!isMap(doc.contents)) return undefined;
  try {
    const js: unknown = doc.toJS({ maxAliasCount: 100 });
    return isObject(js) ? js : undefined;
  } catch {
    return undefined;
  }
}

function service(root: Record<string, Json>, name: string): Record<string, Json> | undefined {
  const services = root.services;
  if (!isObject(services)) return undefined;
  if (!Object.prototype.hasOwnProperty.call(services, name)) return undefined;
  const s = services[name];
  // `web:` with nothing under it (or only comments) is a declared but empty service.
  return isObject(s) ? s : s === null ? {} : undefined;
}

function at(obj: Record<string, Json>, dotted: string): Json | undefined {
  let cur: Json | undefined = obj;
  for (const part of dotted.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

const yamlText = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** `depends_on` as a map of service to condition (the list form means `service_started`). */
function dependsOn(s: Record<string, Json>): Map<string, string> {
  const d = s.depends_on;
  const out = new Map<string, string>();
  if (Array.isArray(d)) for (const x of d) if (typeof x === 'string') out.set(x, 'service_started');
  if (isObject(d)) for (const [k, v] of Object.entries(d)) out.set(k, isObject(v) && typeof v.condition === 'string' ? v.condition : 'service_started');
  return out;
}

/** Parses the short and long `ports` syntax into container/host pairs; ranges keep their first port. */
function portsOf(s: Record<string, Json>): { container: number; host: number | undefined }[] {
  const out: { container: number; host: number | undefined }[] = [];
  const list = s.ports;
  if (!Array.isArray(list)) return out;
  for (const p of list) {
    if (isObject(p)) {
      const target = Number(p.target);
      const published = p.published === undefined ? undefined : Number(String(p.published).split('-')[0]);
      if (Number.isInteger(target)) out.push({ container: target, host: Number.isInteger(published) ? published : undefined });
      continue;
    }
    if (typeof p !== 'string' && typeof p !== 'number') continue;
    const spec = String(p).split('/')[0]!;
    // [ip:]host:container, where ip may be a bracketed IPv6 address.
    const parts = spec.replace(/^\[[^\]]*\]:/, '').split(':');
    const container = Number(parts[parts.length - 1]!.split('-')[0]);
    const hostText = parts.length >= 2 ? parts[parts.length - 2]!.split('-')[0] : undefined;
    const host = hostText ? Number(hostText) : undefined;
    if (Number.isInteger(container)) out.push({ container, host: host !== undefined && Number.isInteger(host) ? host : undefined });
  }
  return out;
}

/** Mounts of a service as source/target, from the short (`src:dst[:mode]`) and long syntax. */
function mountsOf(s: Record<string, Json>): { type: string; source: string; target: string }[] {
  const out: { type: string; source: string; target: string }[] = [];
  const list = s.volumes;
  if (!Array.isArray(list)) return out;
  for (const v of list) {
    if (isObject(v)) {
      out.push({ type: typeof v.type === 'string' ? v.type : 'volume', source: typeof v.source === 'string' ? v.source : '', target: typeof v.target === 'string' ? v.target : '' });
      continue;
    }
    if (typeof v !== 'string') continue;
    const parts = v.split(':');
    if (parts.length === 1) {
      out.push({ type: 'volume', source: '', target: parts[0]! });
      continue;
    }
    const source = parts[0]!;
    const bind = /^[./~]/.test(source) || source.startsWith('$');
    out.push({ type: bind ? 'bind' : 'volume', source, target: parts[1]! });
  }
  return out;
}

function networksOf(s: Record<string, Json>): string[] {
  const n = s.networks;
  if (Array.isArray(n)) return n.filter((x): x is string => typeof x === 'string');
  if (isObject(n)) return Object.keys(n);
  return [];
}

function evalCompose(check: ExerciseCheck, root: Record<string, Json>): Verdict {
  const missing = (name: string): Verdict => fail(`There is no service "${name}" under services.`);
  switch (check.kind) {
    case 'composeServiceHas': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      const v = at(s, check.key);
      if (v === undefined || v === null) return fail(`Service "${check.service}" does not set ${check.key}.`);
      if (check.matches !== undefined && !(regex(check.matches)?.test(yamlText(v)) ?? false)) {
        return fail(`Service "${check.service}" sets ${check.key}, but not to what the exercise asks for.`);
      }
      return ok(`Service "${check.service}" sets ${check.key}.`);
    }
    case 'composeServiceLacks': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      return at(s, check.key) === undefined ? ok(`Service "${check.service}" has no ${check.key}.`) : fail(`Service "${check.service}" still sets ${check.key}.`);
    }
    case 'composeImageTagged': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      if (typeof s.image !== 'string') return fail(`Service "${check.service}" has no image.`);
      const problem = tagProblem(s.image);
      return problem ? fail(`Service "${check.service}": ${problem}.`) : ok(`Service "${check.service}" pins ${s.image}.`);
    }
    case 'composePublishes': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      const ports = portsOf(s);
      const hit = ports.find((p) => p.container === check.container && (check.host === undefined || p.host === check.host));
      if (hit) return ok(`Service "${check.service}" publishes container port ${check.container}${hit.host ? ` on host port ${hit.host}` : ''}.`);
      const wrongHost = ports.find((p) => p.container === check.container);
      if (wrongHost) return fail(`Container port ${check.container} is published on ${wrongHost.host ?? 'a random host port'}, not ${check.host}.`);
      return fail(`Service "${check.service}" does not publish container port ${check.container}.`);
    }
    case 'composeDependsOnHealthy': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      const cond = dependsOn(s).get(check.on);
      if (cond === undefined) return fail(`Service "${check.service}" does not depend on "${check.on}".`);
      if (cond !== 'service_healthy') return fail(`Service "${check.service}" waits for "${check.on}" to be ${cond === 'service_started' ? 'started' : cond}, not healthy.`);
      const other = service(root, check.on);
      if (!other) return fail(`There is no service "${check.on}" under services.`);
      const hc = other.healthcheck;
      if (!isObject(hc) || hc.test === undefined || hc.disable === true) return fail(`Service "${check.on}" has no healthcheck, so it can never become healthy.`);
      return ok(`"${check.service}" starts once "${check.on}" is healthy.`);
    }
    case 'composeRestart': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      const r = s.restart;
      if (r === undefined) return fail(`Service "${check.service}" has no restart policy, so Compose uses "no".`);
      return String(r) === check.policy ? ok(`Service "${check.service}" restarts: ${check.policy}.`) : fail(`Service "${check.service}" has restart: ${String(r)}, not ${check.policy}.`);
    }
    case 'composeVolumeNamed': {
      const s = service(root, check.service);
      if (!s) return missing(check.service);
      const target = check.target.replace(/\/+$/, '');
      const mount = mountsOf(s).find((m) => m.target.replace(/\/+$/, '') === target);
      if (!mount) return fail(`Nothing is mounted at ${check.target} in service "${check.service}", so the data dies with the container.`);
      if (mount.type !== 'volume' || !mount.source) return fail(`${check.target} is ${mount.type === 'bind' ? 'a bind mount' : 'an anonymous volume'}; give it a named volume.`);
      const declared = isObject(root.volumes) && Object.prototype.hasOwnProperty.call(root.volumes, mount.source);
      if (!declared) return fail(`Volume "${mount.source}" is used but not declared under the top-level volumes key.`);
      return ok(`Named volume "${mount.source}" is mounted at ${check.target}.`);
    }
    case 'composeNetworkShared': {
      const nets: string[][] = [];
      for (const name of check.services) {
        const s = service(root, name);
        if (!s) return missing(name);
        nets.push(networksOf(s));
      }
      const declared = isObject(root.networks) ? Object.keys(root.networks) : [];
      const shared = declared.filter((n) => nets.every((list) => list.includes(n)));
      if (shared.length) return ok(`${check.services.join(', ')} share the network "${shared[0]}".`);
      return fail(`${check.services.join(', ')} do not share a network declared under the top-level networks key.`);
    }
    default:
      return fail(`The check kind "${check.kind}" does not apply to a compose file.`);
  }
}

// ---------------------------------------------------------------- Entry point

/** Runs every check of the exercise against the files; a missing or unparsable file fails its checks, never throws. */
export function checkExercise(exercise: Exercise, files: readonly ExerciseFile[]): ExerciseCheckReport {
  const byPath = indexFiles(files);
  const dockerfiles = new Map<string, DockerfileModel>();
  const composes = new Map<string, Record<string, Json> | string>();

  const evaluate = (check: ExerciseCheck): Verdict => {
    const path = normalizePath(checkFile(check));
    const text = byPath.get(path);
    if (text === undefined) return fail(`The file ${path} is missing.`);
    if (check.kind === 'fileContains') {
      return regex(check.pattern, 'im')?.test(text) ? ok(`${path} has what the exercise asks for.`) : fail(`${path} does not have what the exercise asks for yet.`);
    }
    if (COMPOSE_CHECK_KINDS.has(check.kind)) {
      let root = composes.get(path);
      if (root === undefined) {
        const doc = parseDocument(text, { uniqueKeys: false });
        root = doc.errors.length ? `${path} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` : composeRoot(doc) ?? `${path} must be a YAML map with a services key.`;
        composes.set(path, root);
      }
      return typeof root === 'string' ? fail(root) : evalCompose(check, root);
    }
    let model = dockerfiles.get(path);
    if (!model) {
      model = parseDockerfile(text, `exercise:///${path}`, 0);
      dockerfiles.set(path, model);
    }
    return evalDockerfile(check, model);
  };

  const results = exercise.checks.map((check): CheckResult => {
    let v: Verdict;
    try {
      v = evaluate(check);
    } catch (err) {
      v = fail(`This check could not run: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { id: check.id, title: check.title, passed: v.passed, message: v.message, hint: v.passed ? '' : check.hint };
  });
  return { exerciseId: exercise.id, results, passed: results.length > 0 && results.every((r) => r.passed) };
}
