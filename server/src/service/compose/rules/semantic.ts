import type { Node as YamlNode } from 'yaml';
import { isScalar, isSeq } from 'yaml';
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { Range } from 'vscode-languageserver-types';
import type { Fix } from '../../types';
import { DerivedSlot } from '../../derived';
import { suggest as didYouMean } from '../suggest';
import type { ComposeDoc, ComposeModel, Section } from '../model';
import { isObject } from '../model';
import { isAbsoluteContainerPath, isValidDuration, parsePort, parseVolume, scanInterpolations } from '../syntax';
import { addTopLevelEntry, deletePairEdit, indentAt } from './edits';
import { DURATION_KEYS } from './schema';
import type { ComposeRule } from './types';
import { COMPOSE_DOCS, fixesFromData, hasInterpolation, itemRange, keyRange, servicesOf, sourceOf, topLevel, valueNode, valueRange } from './types';

const SVC_DOCS = (anchor: string) => COMPOSE_DOCS('services', anchor);

/** A reference from a service to a named thing, with where it is written. */
interface Ref {
  readonly name: string;
  readonly range: Range;
  /** The exact text span of the name (for did-you-mean replacement). */
  readonly nameRange: Range;
  readonly service: string;
  readonly via: string;
}

function scalarRef(model: ComposeModel, node: YamlNode | undefined, name: string, offsetInValue = 0): { range: Range; nameRange: Range } | undefined {
  if (!node?.range) return undefined;
  const range = model.nodeRange(node)!;
  const src = sourceOf(model, node);
  const quote = src.startsWith('"') || src.startsWith("'") ? 1 : 0;
  const start = node.range[0] + quote + offsetInValue;
  return { range, nameRange: model.range(start, start + name.length) };
}

const serviceRefCache = new DerivedSlot<ComposeDoc, Ref[]>();
const resourceRefCache = new DerivedSlot<ComposeDoc, (Ref & { section: Section })[]>();

/** Every service-to-service reference of a document (computed once per document). */
export function serviceRefs(model: ComposeModel, doc: ComposeDoc): Ref[] {
  let hit = serviceRefCache.get(doc);
  if (!hit) serviceRefCache.set(doc, (hit = computeServiceRefs(model, doc)));
  return hit;
}

/** Every reference from services to top-level networks, volumes, secrets and configs (computed once per document). */
export function resourceRefs(model: ComposeModel, doc: ComposeDoc): (Ref & { section: Section })[] {
  let hit = resourceRefCache.get(doc);
  if (!hit) resourceRefCache.set(doc, (hit = computeResourceRefs(model, doc)));
  return hit;
}

function computeServiceRefs(model: ComposeModel, doc: ComposeDoc): Ref[] {
  const refs: Ref[] = [];
  for (const [service, svc] of servicesOf(doc)) {
    const dep = svc.depends_on;
    if (Array.isArray(dep)) {
      dep.forEach((d, i) => {
        if (typeof d !== 'string') return;
        const r = scalarRef(model, doc.itemOf(dep, i), d);
        if (r) refs.push({ name: d, ...r, service, via: 'depends_on' });
      });
    } else if (isObject(dep)) {
      for (const [d, opts] of Object.entries(dep)) {
        if (d.startsWith('x-')) continue;
        if (isObject(opts) && opts.required === false) continue;
        const pair = doc.pairOf(dep, d);
        const r = scalarRef(model, pair?.key as YamlNode | undefined, d);
        if (r) refs.push({ name: d, ...r, service, via: 'depends_on' });
      }
    }
    const links = svc.links;
    if (Array.isArray(links)) {
      links.forEach((l, i) => {
        if (typeof l !== 'string' || hasInterpolation(l)) return;
        const name = l.split(':')[0]!;
        const r = scalarRef(model, doc.itemOf(links, i), name);
        if (r) refs.push({ name, ...r, service, via: 'links' });
      });
    }
    const ext = svc.extends;
    if (typeof ext === 'string') {
      const r = scalarRef(model, valueNode(doc, svc, 'extends'), ext);
      if (r) refs.push({ name: ext, ...r, service, via: 'extends' });
    } else if (isObject(ext) && typeof ext.service === 'string' && ext.file === undefined) {
      const r = scalarRef(model, valueNode(doc, ext, 'service'), ext.service);
      if (r) refs.push({ name: ext.service, ...r, service, via: 'extends' });
    }
    const nm = svc.network_mode;
    if (typeof nm === 'string' && nm.startsWith('service:')) {
      const name = nm.slice('service:'.length);
      const r = scalarRef(model, valueNode(doc, svc, 'network_mode'), name, 'service:'.length);
      if (r) refs.push({ name, ...r, service, via: 'network_mode' });
    }
    const b = svc.build;
    if (isObject(b) && isObject(b.additional_contexts)) {
      const ac = b.additional_contexts;
      for (const [ctxName, v] of Object.entries(ac)) {
        if (typeof v !== 'string' || !v.startsWith('service:')) continue;
        const name = v.slice('service:'.length);
        const r = scalarRef(model, valueNode(doc, ac, ctxName), name, 'service:'.length);
        if (r) refs.push({ name, ...r, service, via: `build.additional_contexts.${ctxName}` });
      }
    }
    const vf = svc.volumes_from;
    if (Array.isArray(vf)) {
      vf.forEach((v, i) => {
        if (typeof v !== 'string' || v.startsWith('container:') || hasInterpolation(v)) return;
        const name = v.startsWith('service:') ? v.slice(8).split(':')[0]! : v.split(':')[0]!;
        const r = scalarRef(model, doc.itemOf(vf, i), name, v.startsWith('service:') ? 8 : 0);
        if (r) refs.push({ name, ...r, service, via: 'volumes_from' });
      });
    }
  }
  return refs;
}

function computeResourceRefs(model: ComposeModel, doc: ComposeDoc): (Ref & { section: Section })[] {
  const refs: (Ref & { section: Section })[] = [];
  for (const [service, svc] of servicesOf(doc)) {
    const nets = svc.networks;
    if (Array.isArray(nets)) {
      nets.forEach((n, i) => {
        if (typeof n !== 'string' || hasInterpolation(n)) return;
        const r = scalarRef(model, doc.itemOf(nets, i), n);
        if (r) refs.push({ name: n, ...r, service, via: 'networks', section: 'networks' });
      });
    } else if (isObject(nets)) {
      for (const n of Object.keys(nets)) {
        if (n.startsWith('x-') || hasInterpolation(n)) continue;
        const r = scalarRef(model, doc.pairOf(nets, n)?.key as YamlNode | undefined, n);
        if (r) refs.push({ name: n, ...r, service, via: 'networks', section: 'networks' });
      }
    }
    const vols = svc.volumes;
    if (Array.isArray(vols)) {
      vols.forEach((v, i) => {
        const node = doc.itemOf(vols, i);
        if (typeof v === 'string') {
          if (hasInterpolation(v)) return;
          const spec = parseVolume(v);
          if ('error' in spec || spec.kind !== 'named' || !spec.source) return;
          const r = scalarRef(model, node, spec.source);
          if (r) refs.push({ name: spec.source, ...r, service, via: 'volumes', section: 'volumes' });
        } else if (isObject(v) && v.type === 'volume' && typeof v.source === 'string' && !hasInterpolation(v.source)) {
          const r = scalarRef(model, valueNode(doc, v, 'source'), v.source);
          if (r) refs.push({ name: v.source, ...r, service, via: 'volumes', section: 'volumes' });
        }
      });
    }
    const addSourced = (list: unknown, section: 'secrets' | 'configs', via: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((s, i) => {
        if (typeof s === 'string') {
          if (hasInterpolation(s)) return;
          const r = scalarRef(model, doc.itemOf(list, i), s);
          if (r) refs.push({ name: s, ...r, service, via, section });
        } else if (isObject(s) && typeof s.source === 'string' && !hasInterpolation(s.source)) {
          const r = scalarRef(model, valueNode(doc, s, 'source'), s.source);
          if (r) refs.push({ name: s.source, ...r, service, via, section });
        }
      });
    };
    addSourced(svc.secrets, 'secrets', 'secrets');
    addSourced(svc.configs, 'configs', 'configs');
    if (isObject(svc.build)) addSourced(svc.build.secrets, 'secrets', 'build.secrets');
  }
  return refs;
}

/**
 * Files that `include:` others, and override files merged onto a base file, may use names defined
 * elsewhere: reporting them as undefined would be wrong, so the reference checks stand down.
 */
export function definitionsMayBeElsewhere(model: ComposeModel): boolean {
  if (/(^|[\\/])(docker-)?compose\.override\.ya?ml$/i.test(model.uri)) return true;
  return model.docs.some((d) => isObject(d.root) && d.root.include !== undefined);
}

function renameFix(range: Range, to: string): Fix {
  return { title: `Change to \`${to}\``, edits: [{ range, newText: to }], isPreferred: true };
}

const undefinedService: ComposeRule = {
  id: 'compose/undefined-service',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Reference to a service that is not defined',
  explain: { docsUrl: SVC_DOCS('depends_on') },
  check(ctx) {
    if (definitionsMayBeElsewhere(ctx.model)) return;
    const defined = ctx.model.defs.services;
    for (const ref of serviceRefs(ctx.model, ctx.doc)) {
      if (defined.has(ref.name)) continue;
      const guess = didYouMean(ref.name, defined.keys());
      ctx.report({
        range: ref.nameRange,
        message: `Service \`${ref.service}\` refers to \`${ref.name}\` in \`${ref.via}\`, but no service of that name is defined${guess ? ` — did you mean \`${guess}\`?` : '.'} Compose refuses to start the project.`,
        data: { fixes: guess ? [renameFix(ref.nameRange, guess)] : [] },
      });
    }
  },
  fix: fixesFromData,
};

function undefinedResource(section: Section, word: string, anchor: string): ComposeRule {
  return {
    id: `compose/undefined-${word}`,
    aliases: [],
    family: 'syntax',
    defaultLevel: 'error',
    title: `Reference to a ${word} not declared under top-level \`${section}\``,
    explain: { docsUrl: SVC_DOCS(anchor) },
    check(ctx) {
      if (definitionsMayBeElsewhere(ctx.model)) return;
      const defined = ctx.model.defs[section];
      for (const ref of resourceRefs(ctx.model, ctx.doc)) {
        if (ref.section !== section || defined.has(ref.name)) continue;
        if (section === 'networks' && ref.name === 'default') continue;
        const guess = didYouMean(ref.name, defined.keys());
        const fixes: Fix[] = [];
        if (guess) fixes.push(renameFix(ref.nameRange, guess));
        const add = addTopLevelEntry(ctx.model, ctx.doc, section, ref.name);
        if (add) fixes.push({ ...add, isPreferred: !guess });
        ctx.report({
          range: ref.nameRange,
          message: `Service \`${ref.service}\` uses the ${word} \`${ref.name}\`, but it is not declared under the top-level \`${section}:\`${guess ? ` — did you mean \`${guess}\`?` : '.'} Compose only creates ${section} that are declared there.`,
          data: { fixes },
        });
      }
    },
    fix: fixesFromData,
  };
}

const networkModeWithNetworks: ComposeRule = {
  id: 'compose/network-mode-with-networks',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`network_mode` and `networks` on the same service',
  explain: { docsUrl: SVC_DOCS('network_mode') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (svc.network_mode === undefined || svc.networks === undefined) continue;
      const range = keyRange(ctx.model, ctx.doc, svc, 'networks');
      if (range) ctx.report({ range, message: `Service \`${name}\` sets both \`network_mode\` and \`networks\`. They are mutually exclusive: \`network_mode\` already decides the container's whole network stack.` });
    }
  },
};

const missingImageOrBuild: ComposeRule = {
  id: 'compose/missing-image-or-build',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Service with neither `image` nor `build`',
  explain: { docsUrl: SVC_DOCS('image') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (svc.image !== undefined || svc.build !== undefined || svc.provider !== undefined || svc.extends !== undefined) continue;
      // Override files and files that include others add to services defined elsewhere.
      if (definitionsMayBeElsewhere(ctx.model)) continue;
      const services = topLevel(ctx.doc, 'services');
      const range = services && keyRange(ctx.model, ctx.doc, services, name);
      if (range) ctx.report({ range, message: `Service \`${name}\` has neither \`image\` nor \`build\`, so Compose does not know what to run. Add \`image: <name:tag>\` or \`build: <context dir>\`.` });
    }
  },
};

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

const containerNameWithReplicas: ComposeRule = {
  id: 'compose/container-name-with-replicas',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`container_name` on a service with more than one replica',
  explain: { docsUrl: SVC_DOCS('container_name') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (svc.container_name === undefined) continue;
      const scale = numberOf(svc.scale);
      const replicas = isObject(svc.deploy) ? numberOf(svc.deploy.replicas) : undefined;
      const n = Math.max(scale ?? 1, replicas ?? 1);
      if (n <= 1) continue;
      const range = keyRange(ctx.model, ctx.doc, svc, 'container_name');
      if (range) ctx.report({ range, message: `Service \`${name}\` asks for ${n} containers but gives them one fixed \`container_name\`. Container names are unique per Docker host, so only one could exist; remove \`container_name\` or run a single replica.` });
    }
  },
};

const RESOURCE_PAIRS: [string, string[]][] = [
  ['cpus', ['limits', 'cpus']],
  ['mem_limit', ['limits', 'memory']],
  ['mem_reservation', ['reservations', 'memory']],
  ['pids_limit', ['limits', 'pids']],
];

const conflictingReplicas: ComposeRule = {
  id: 'compose/conflicting-deploy-values',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`scale` or a resource limit disagrees with its `deploy` equivalent',
  explain: { docsUrl: SVC_DOCS('scale') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const deploy = svc.deploy;
      if (!isObject(deploy)) continue;
      const norm = (v: unknown) => String(v).trim().toLowerCase();
      if (svc.scale !== undefined && deploy.replicas !== undefined && norm(svc.scale) !== norm(deploy.replicas) && !hasInterpolation(svc.scale) && !hasInterpolation(deploy.replicas)) {
        const range = keyRange(ctx.model, ctx.doc, svc, 'scale');
        if (range) ctx.report({ range, message: `Service \`${name}\` sets \`scale: ${String(svc.scale)}\` and \`deploy.replicas: ${String(deploy.replicas)}\`. Compose refuses two different replica counts; keep one of them.` });
      }
      const res = deploy.resources;
      if (!isObject(res)) continue;
      for (const [key, [group, sub]] of RESOURCE_PAIRS) {
        const g = res[group!];
        if (svc[key] === undefined || !isObject(g) || g[sub!] === undefined) continue;
        if (norm(svc[key]) === norm(g[sub!]) || hasInterpolation(svc[key]) || hasInterpolation(g[sub!])) continue;
        const range = keyRange(ctx.model, ctx.doc, svc, key);
        if (range) ctx.report({ range, message: `Service \`${name}\` sets \`${key}: ${String(svc[key])}\` and \`deploy.resources.${group}.${sub}: ${String(g[sub!])}\`. Compose refuses two different values for the same limit; keep one of them.` });
      }
    }
  },
};

const dependencyCycle: ComposeRule = {
  id: 'compose/dependency-cycle',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Services that depend on each other in a cycle',
  explain: { docsUrl: SVC_DOCS('depends_on') },
  check(ctx) {
    const edges = new Map<string, { to: string; range: Range }[]>();
    for (const ref of serviceRefs(ctx.model, ctx.doc)) {
      if (ref.via !== 'depends_on') continue;
      let list = edges.get(ref.service);
      if (!list) edges.set(ref.service, (list = []));
      list.push({ to: ref.name, range: ref.nameRange });
    }
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (s: string): void => {
      state.set(s, 1);
      stack.push(s);
      for (const e of edges.get(s) ?? []) {
        const st = state.get(e.to);
        if (st === 1) {
          const cycle = [...stack.slice(stack.indexOf(e.to)), e.to];
          const key = [...cycle.slice(0, -1)].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            ctx.report({ range: e.range, message: `Dependency cycle: ${cycle.join(' → ')}. Each service waits for the next, so Compose cannot decide which to start first; remove one of these \`depends_on\` entries.` });
          }
        } else if (st === undefined && edges.has(e.to)) visit(e.to);
      }
      stack.pop();
      state.set(s, 2);
    };
    for (const s of edges.keys()) if (!state.has(s)) visit(s);
  },
};

const healthcheckTest: ComposeRule = {
  id: 'compose/healthcheck-test-form',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Healthcheck `test` list that does not start with CMD, CMD-SHELL or NONE',
  explain: { docsUrl: SVC_DOCS('healthcheck') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const hc = svc.healthcheck;
      if (!isObject(hc) || !Array.isArray(hc.test) || hc.test.length === 0) continue;
      const first = hc.test[0];
      if (typeof first !== 'string' || ['CMD', 'CMD-SHELL', 'NONE'].includes(first) || hasInterpolation(first)) continue;
      const seqNode = valueNode(ctx.doc, hc, 'test');
      const firstNode = ctx.doc.itemOf(hc.test, 0);
      const range = ctx.model.nodeRange(firstNode);
      if (!range || !firstNode?.range || !isSeq(seqNode)) continue;
      const useShell = hc.test.length === 1 && /\s/.test(first);
      const word = useShell ? 'CMD-SHELL' : 'CMD';
      const src = sourceOf(ctx.model, firstNode);
      const q = src.startsWith("'") ? "'" : '"';
      const at = firstNode.range[0];
      const newText = seqNode.flow ? `${q}${word}${q}, ` : `${q}${word}${q}\n${indentAt(ctx.model, at)}- `;
      ctx.report({
        range,
        message: `The healthcheck of \`${name}\` is a list, so its first item must be \`CMD\` (run the program directly), \`CMD-SHELL\` (run the rest in a shell) or \`NONE\`; \`${first}\` is none of these, and Compose rejects it.`,
        data: { fixes: [{ title: `Start the test with ${word}`, edits: [{ range: ctx.model.range(at, at), newText }], isPreferred: true }] },
      });
    }
  },
  fix: fixesFromData,
};

const invalidPort: ComposeRule = {
  id: 'compose/invalid-port',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Malformed port mapping',
  explain: { docsUrl: SVC_DOCS('ports') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const ports = svc.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        if (isObject(p) && typeof p.host_ip === 'string' && !hasInterpolation(p.host_ip)) {
          const check = parsePort(`${p.host_ip.includes(':') ? `[${p.host_ip}]` : p.host_ip}:1:1`);
          const range = valueRange(ctx.model, ctx.doc, p, 'host_ip');
          if ('error' in check && range) ctx.report({ range, message: `\`host_ip: ${p.host_ip}\` of \`${name}\` is not a valid IP address, so Docker cannot bind the port.` });
          return;
        }
        if (typeof p !== 'string' || hasInterpolation(p)) return;
        const spec = parsePort(p);
        if (!('error' in spec)) return;
        const range = itemRange(ctx.model, ctx.doc, ports, i);
        if (range) ctx.report({ range, message: `Port mapping \`${p}\` of \`${name}\` is not valid: ${spec.error}. The short form is [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL].` });
      });
    }
  },
};

const invalidVolume: ComposeRule = {
  id: 'compose/invalid-volume-spec',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Malformed volume mount',
  explain: { docsUrl: SVC_DOCS('volumes') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const vols = svc.volumes;
      if (!Array.isArray(vols)) continue;
      vols.forEach((v, i) => {
        if (typeof v !== 'string' || hasInterpolation(v)) return;
        const spec = parseVolume(v);
        const range = itemRange(ctx.model, ctx.doc, vols, i);
        if (!range) return;
        if ('error' in spec) ctx.report({ range, message: `Volume \`${v}\` of \`${name}\` is not valid: ${spec.error}.` });
        else if (!isAbsoluteContainerPath(spec.target)) ctx.report({ range, message: `Volume \`${v}\` of \`${name}\` mounts at \`${spec.target}\`, but the path inside the container must be absolute (start with \`/\`).` });
      });
    }
  },
};

function* walkDurations(doc: ComposeDoc, v: unknown, depth = 0): Generator<{ container: Record<string, unknown>; key: string; value: unknown }> {
  if (depth > 12 || !isObject(v)) return;
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('x-')) continue;
    if (DURATION_KEYS.has(k) && (typeof val === 'string' || typeof val === 'number')) yield { container: v, key: k, value: val };
    else if (isObject(val)) yield* walkDurations(doc, val, depth + 1);
  }
}

const invalidDuration: ComposeRule = {
  id: 'compose/invalid-duration',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Duration without a unit or with bad syntax',
  explain: { docsUrl: SVC_DOCS('healthcheck') },
  check(ctx) {
    for (const [, svc] of servicesOf(ctx.doc)) {
      for (const { container, key, value } of walkDurations(ctx.doc, svc)) {
        if (typeof value === 'string' && (hasInterpolation(value) || isValidDuration(value))) continue;
        const range = valueRange(ctx.model, ctx.doc, container, key);
        if (!range) continue;
        const asNumber = typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value));
        const fixes: Fix[] = asNumber ? [{ title: `Change to "${String(value)}s"`, edits: [{ range, newText: `"${String(value)}s"` }], isPreferred: true }] : [];
        ctx.report({
          range,
          message: asNumber
            ? `\`${key}: ${String(value)}\` has no unit. Compose expects a duration string such as "${String(value)}s" or "1m30s"; a bare number is rejected.`
            : `\`${String(value)}\` is not a valid duration for \`${key}\`: use a number with a unit (ns, us, ms, s, m, h), e.g. "10s" or "1m30s".`,
          data: { fixes },
        });
      }
    }
  },
  fix: fixesFromData,
};

/** Walks every string value (not keys, not `x-` subtrees) with its YAML node. */
export function* stringValues(doc: ComposeDoc, v: unknown, depth = 0): Generator<{ value: string; node: YamlNode | undefined }> {
  if (depth > 40) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      if (typeof item === 'string') yield { value: item, node: doc.itemOf(v, i) };
      else yield* stringValues(doc, item, depth + 1);
    }
  } else if (isObject(v)) {
    for (const [k, item] of Object.entries(v)) {
      if (k.startsWith('x-')) continue;
      if (typeof item === 'string') yield { value: item, node: valueNode(doc, v, k) };
      else yield* stringValues(doc, item, depth + 1);
    }
  }
}

const invalidInterpolation: ComposeRule = {
  id: 'compose/invalid-interpolation',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Broken `${...}` variable substitution',
  explain: { docsUrl: 'https://docs.docker.com/reference/compose-file/interpolation/' },
  check(ctx) {
    if (!ctx.model.text.includes('${')) return;
    const seen = new Set<YamlNode>();
    for (const { value, node } of stringValues(ctx.doc, ctx.doc.root)) {
      if (!value.includes('${') || !node?.range || seen.has(node) || !isScalar(node)) continue;
      seen.add(node);
      const bad = scanInterpolations(value).filter((x) => x.error);
      if (!bad.length) continue;
      const src = sourceOf(ctx.model, node);
      for (const b of bad) {
        // Map the offset in the value back to the source when the scalar is written as-is (plain or single line quoted).
        const idx = src.indexOf(value.slice(b.start, b.end));
        const range = idx >= 0 ? ctx.model.range(node.range[0] + idx, node.range[0] + idx + (b.end - b.start)) : ctx.model.nodeRange(node)!;
        const fixes: Fix[] = idx >= 0 ? [{ title: 'Escape the `$` as `$$` (a literal dollar sign)', edits: [{ range: ctx.model.range(node.range[0] + idx, node.range[0] + idx + 1), newText: '$$' }], isPreferred: true }] : [];
        ctx.report({ range, message: `Invalid interpolation: ${b.error}. Compose stops on it; write \`$$\` for a literal dollar sign, or \`\${NAME}\`, \`\${NAME:-default}\`, \`\${NAME:?error}\` to use a variable.`, data: { fixes } });
      }
    }
  },
  fix: fixesFromData,
};

const externalWithOtherKeys: ComposeRule = {
  id: 'compose/external-with-other-keys',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'External resource that also sets creation options',
  explain: { docsUrl: COMPOSE_DOCS('volumes', 'external') },
  check(ctx) {
    for (const section of ['networks', 'volumes', 'secrets', 'configs']) {
      const top = topLevel(ctx.doc, section);
      if (!top) continue;
      for (const [name, def] of Object.entries(top)) {
        if (!isObject(def) || !def.external || def.external === 'false') continue;
        for (const key of Object.keys(def)) {
          if (key === 'external' || key === 'name' || key.startsWith('x-')) continue;
          const range = keyRange(ctx.model, ctx.doc, def, key);
          if (range) ctx.report({ range, message: `\`${section}.${name}\` is \`external\`, so Compose does not create it and cannot apply \`${key}\`; remove \`${key}\` or drop \`external\`.` });
        }
      }
    }
  },
};

const missingSource: ComposeRule = {
  id: 'compose/missing-secret-source',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Secret or config without exactly one source',
  explain: { docsUrl: COMPOSE_DOCS('secrets') },
  check(ctx) {
    for (const section of ['secrets', 'configs'] as const) {
      const top = topLevel(ctx.doc, section);
      if (!top) continue;
      const sources = section === 'secrets' ? ['file', 'environment'] : ['file', 'environment', 'content'];
      for (const [name, def] of Object.entries(top)) {
        if (name.startsWith('x-') || !isObject(def) || def.external) continue;
        if (section === 'secrets' && def.driver !== undefined) continue;
        const present = sources.filter((s) => def[s] !== undefined);
        if (present.length === 1) continue;
        const range = keyRange(ctx.model, ctx.doc, top, name);
        if (!range) continue;
        const word = section.slice(0, -1);
        ctx.report({
          range,
          message: present.length === 0
            ? `The ${word} \`${name}\` has no source: set \`file\` (a file on the host) or \`environment\` (a variable)${section === 'configs' ? ' or `content`' : ''}, or mark it \`external: true\`.`
            : `The ${word} \`${name}\` sets ${present.map((p) => `\`${p}\``).join(' and ')}; these are mutually exclusive, keep one.`,
        });
      }
    }
  },
};

const duplicateMountTarget: ComposeRule = {
  id: 'compose/duplicate-mount-target',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Two mounts at the same path in a container',
  explain: { docsUrl: SVC_DOCS('volumes') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const seen = new Map<string, string>();
      const visit = (list: unknown, key: string) => {
        const items = Array.isArray(list) ? list : typeof list === 'string' ? [list] : [];
        items.forEach((v, i) => {
          let target: string | undefined;
          if (typeof v === 'string') {
            if (hasInterpolation(v)) return;
            if (key === 'tmpfs') target = v.split(':')[0];
            else {
              const spec = parseVolume(v);
              if (!('error' in spec)) target = spec.target;
            }
          } else if (isObject(v) && typeof v.target === 'string') target = v.target;
          if (!target) return;
          target = target.replace(/\/+$/, '') || '/';
          const where = `${key}[${i}]`;
          const prev = seen.get(target);
          if (prev) {
            const range = Array.isArray(list) ? itemRange(ctx.model, ctx.doc, list, i) : valueRange(ctx.model, ctx.doc, svc, key);
            if (range) ctx.report({ range, message: `Service \`${name}\` mounts two things at \`${target}\` (${prev} and ${where}); the container can see only one of them, and Compose rejects the file.` });
          } else seen.set(target, where);
        });
      };
      visit(svc.volumes, 'volumes');
      visit(svc.tmpfs, 'tmpfs');
    }
  },
};

const obsoleteVersion: ComposeRule = {
  id: 'compose/obsolete-version',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'warning',
  title: 'Top-level `version` is obsolete',
  explain: { docsUrl: COMPOSE_DOCS('version-and-name', 'version-top-level-element-obsolete') },
  tags: [DiagnosticTag.Deprecated],
  check(ctx) {
    const root = ctx.doc.root;
    if (!isObject(root) || root.version === undefined) return;
    const pair = ctx.doc.pairOf(root, 'version');
    const range = keyRange(ctx.model, ctx.doc, root, 'version');
    if (!pair || !range) return;
    let edit = deletePairEdit(ctx.model, pair.key as YamlNode, pair.value as YamlNode | null);
    // Also drop the blank line that separated it from the rest when it opened the file.
    if (edit && edit.range.start.line === 0 && !ctx.model.lineText(edit.range.end.line).trim() && edit.range.end.line < ctx.model.textDocument.lineCount - 1) {
      edit = { ...edit, range: { start: edit.range.start, end: { line: edit.range.end.line + 1, character: 0 } } };
    }
    ctx.report({
      range,
      message: '`version` is obsolete: Compose ignores it and always uses the latest Compose Specification. Remove it to avoid suggesting that an old file format applies.',
      data: { fixes: edit ? [{ title: 'Remove `version`', edits: [edit], isPreferred: true }] : [] },
    });
  },
  fix: fixesFromData,
};

const envTrailingSpace: ComposeRule = {
  id: 'compose/env-key-trailing-space',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Environment variable name with a trailing space',
  explain: { docsUrl: SVC_DOCS('environment') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const env = svc.environment;
      if (isObject(env)) {
        for (const k of Object.keys(env)) {
          if (k === k.trimEnd()) continue;
          const range = keyRange(ctx.model, ctx.doc, env, k);
          if (range) ctx.report({ range, message: `The environment variable \`${k}\` of \`${name}\` ends with a space, so its name would not be \`${k.trimEnd()}\`; Compose rejects it.` });
        }
      } else if (Array.isArray(env)) {
        env.forEach((e, i) => {
          if (typeof e !== 'string') return;
          const key = e.split('=')[0]!;
          if (key === key.trimEnd()) return;
          const range = itemRange(ctx.model, ctx.doc, env, i);
          if (range) ctx.report({ range, message: `The environment variable \`${key}\` of \`${name}\` ends with a space before \`=\`; Compose rejects it. Write \`${key.trimEnd()}=…\`.` });
        });
      }
    }
  },
};

const projectName: ComposeRule = {
  id: 'compose/invalid-project-name',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Project `name` with characters Compose does not allow',
  explain: { docsUrl: COMPOSE_DOCS('version-and-name', 'name-top-level-element') },
  check(ctx) {
    const root = ctx.doc.root;
    if (!isObject(root) || typeof root.name !== 'string' || hasInterpolation(root.name)) return;
    if (/^[a-z0-9][a-z0-9_-]*$/.test(root.name)) return;
    const range = valueRange(ctx.model, ctx.doc, root, 'name');
    const fixed = root.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '');
    if (range) {
      ctx.report({
        range,
        message: `\`${root.name}\` is not a valid project name: use only lowercase letters, digits, \`-\` and \`_\`, starting with a letter or digit. The name prefixes every container, network and volume.`,
        data: { fixes: fixed ? [{ title: `Change to \`${fixed}\``, edits: [{ range, newText: fixed }], isPreferred: true }] : [] },
      });
    }
  },
  fix: fixesFromData,
};

const platformNotBuilt: ComposeRule = {
  id: 'compose/platform-not-in-build-platforms',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`platform` missing from `build.platforms`',
  explain: { docsUrl: COMPOSE_DOCS('build', 'platforms') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (typeof svc.platform !== 'string' || hasInterpolation(svc.platform) || !isObject(svc.build) || !Array.isArray(svc.build.platforms)) continue;
      if (svc.build.platforms.length === 0 || svc.build.platforms.some((p) => p === svc.platform || hasInterpolation(p))) continue;
      const range = valueRange(ctx.model, ctx.doc, svc, 'platform');
      if (range) ctx.report({ range, message: `Service \`${name}\` runs on \`${svc.platform}\`, but \`build.platforms\` does not build that platform (${svc.build.platforms.map((p) => `\`${String(p)}\``).join(', ')}). Add it to \`build.platforms\` or change \`platform\`.` });
    }
  },
};

const dockerfileAndInline: ComposeRule = {
  id: 'compose/dockerfile-and-inline',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`build.dockerfile` and `build.dockerfile_inline` together',
  explain: { docsUrl: COMPOSE_DOCS('build', 'dockerfile_inline') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const b = svc.build;
      if (!isObject(b) || b.dockerfile === undefined || b.dockerfile_inline === undefined) continue;
      const range = keyRange(ctx.model, ctx.doc, b, 'dockerfile_inline');
      if (range) ctx.report({ range, message: `Service \`${name}\` sets both \`dockerfile\` and \`dockerfile_inline\`; they are mutually exclusive, so Compose would not know which to build.` });
    }
  },
};


const gpuCountAndIds: ComposeRule = {
  id: 'compose/gpu-count-and-device-ids',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'GPU reservation with both `count` and `device_ids`',
  explain: { docsUrl: COMPOSE_DOCS('deploy', 'devices') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const lists: unknown[] = [];
      if (Array.isArray(svc.gpus)) lists.push(...svc.gpus);
      const devices = isObject(svc.deploy) && isObject(svc.deploy.resources) && isObject(svc.deploy.resources.reservations) ? svc.deploy.resources.reservations.devices : undefined;
      if (Array.isArray(devices)) lists.push(...devices);
      for (const d of lists) {
        if (!isObject(d) || d.count === undefined || d.device_ids === undefined) continue;
        const range = keyRange(ctx.model, ctx.doc, d, 'device_ids');
        if (range) ctx.report({ range, message: `A device reservation of \`${name}\` sets both \`count\` and \`device_ids\`; they are exclusive: ask for a number of GPUs or for specific ones, not both.` });
      }
    }
  },
};

const watchTargetMissing: ComposeRule = {
  id: 'compose/watch-target-missing',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: '`develop.watch` sync rule without a `target`',
  explain: { docsUrl: 'https://docs.docker.com/reference/compose-file/develop/' },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const watch = isObject(svc.develop) ? svc.develop.watch : undefined;
      if (!Array.isArray(watch)) continue;
      watch.forEach((w, i) => {
        if (!isObject(w) || typeof w.action !== 'string' || w.action === 'rebuild' || w.action === 'restart' || w.target !== undefined) return;
        const range = keyRange(ctx.model, ctx.doc, w, 'action') ?? itemRange(ctx.model, ctx.doc, watch, i);
        if (range) ctx.report({ range, message: `The watch rule of \`${name}\` with \`action: ${w.action}\` has no \`target\`: Compose needs to know where in the container to copy the changed files.` });
      });
    }
  },
};

const externalNameDeprecated: ComposeRule = {
  id: 'compose/external-name-deprecated',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'warning',
  title: '`external.name` is deprecated',
  explain: { docsUrl: COMPOSE_DOCS('networks', 'external') },
  tags: [DiagnosticTag.Deprecated],
  check(ctx) {
    for (const section of ['networks', 'volumes', 'secrets', 'configs']) {
      const top = topLevel(ctx.doc, section);
      if (!top) continue;
      for (const [name, def] of Object.entries(top)) {
        if (!isObject(def) || !isObject(def.external) || typeof def.external.name !== 'string') continue;
        const ext = def.external;
        const pair = ctx.doc.pairOf(def, 'external');
        const range = keyRange(ctx.model, ctx.doc, ext, 'name');
        if (!range || !pair) continue;
        const fixes: Fix[] = [];
        const valueNodeOfExt = pair.value as YamlNode | null;
        if (def.name === undefined && valueNodeOfExt?.range && Object.keys(ext).length === 1) {
          const keyNode = pair.key as YamlNode;
          const ind = indentAt(ctx.model, keyNode.range![0]);
          const del = deletePairEdit(ctx.model, keyNode, valueNodeOfExt);
          if (del) fixes.push({ title: `Use \`name: ${ext.name}\` with \`external: true\``, edits: [{ range: del.range, newText: `${ind}name: ${String(ext.name)}\n${ind}external: true\n` }], isPreferred: true });
        }
        ctx.report({ range, message: `\`${section}.${name}.external.name\` is deprecated: write \`name: ${String(ext.name)}\` next to \`external: true\` instead.`, data: { fixes } });
      }
    }
  },
  fix: fixesFromData,
};

/** `$2y$10$...` (bcrypt), `$6$salt$...` (crypt), `$apr1$...`: a `$`, a short id, a `$`. */
const HASH_LIKE = /\$[0-9a-z]{1,5}\$/i;

const unescapedDollar: ComposeRule = {
  id: 'compose/unescaped-dollar',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Password hash whose `$` signs Compose would read as variables',
  explain: { docsUrl: 'https://docs.docker.com/reference/compose-file/interpolation/' },
  check(ctx) {
    if (!HASH_LIKE.test(ctx.model.text)) return;
    for (const { value, node } of stringValues(ctx.doc, ctx.doc.root)) {
      if (!node?.range || !isScalar(node) || !HASH_LIKE.test(value)) continue;
      const vars = scanInterpolations(value).filter((x) => x.name && !x.operator && value[x.start + 1] !== '{');
      if (!vars.length) continue;
      const src = sourceOf(ctx.model, node);
      const quote = src.startsWith('"') || src.startsWith("'") ? 1 : 0;
      // Only when the source spells the value as-is (no escapes to map), so the fix can rewrite it safely.
      if (src.slice(quote, src.length - quote) !== value) continue;
      const range = ctx.model.nodeRange(node)!;
      // Existing `$$` stay as they are; every lone `$` doubles (a replacer function returns text literally).
      const escaped = value.replace(/\$\$|\$/g, () => '$$');
      ctx.report({
        range,
        message: `This looks like a password hash, but Compose reads ${vars.map((v) => `\`$${v.name}\``).join(', ')} in it as variable${vars.length > 1 ? 's' : ''} and replaces ${vars.length > 1 ? 'them' : 'it'} (usually with nothing), silently corrupting the hash. Write every \`$\` as \`$$\`.`,
        data: { fixes: [{ title: 'Escape every `$` as `$$`', edits: [{ range, newText: src.slice(0, quote) + escaped + src.slice(src.length - quote) }], isPreferred: true }] },
      });
    }
  },
  fix: fixesFromData,
};

export const semanticRules: ComposeRule[] = [
  undefinedService,
  undefinedResource('networks', 'network', 'networks'),
  undefinedResource('volumes', 'volume', 'volumes'),
  undefinedResource('secrets', 'secret', 'secrets'),
  undefinedResource('configs', 'config', 'configs'),
  networkModeWithNetworks,
  missingImageOrBuild,
  containerNameWithReplicas,
  conflictingReplicas,
  dependencyCycle,
  healthcheckTest,
  invalidPort,
  invalidVolume,
  invalidDuration,
  invalidInterpolation,
  externalWithOtherKeys,
  missingSource,
  duplicateMountTarget,
  obsoleteVersion,
  envTrailingSpace,
  projectName,
  platformNotBuilt,
  dockerfileAndInline,
  gpuCountAndIds,
  watchTargetMissing,
  externalNameDeprecated,
  unescapedDollar,
];
