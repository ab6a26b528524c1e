import type { Node as YamlNode } from 'yaml';
import { isScalar, isSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Fix } from '../../types';
import { suggest as didYouMean } from '../suggest';
import type { ComposeDoc, ComposeModel } from '../model';
import { isObject } from '../model';
import { parsePort, parseVolume } from '../syntax';
import { schemaForPath, typesOf } from '../schemaInfo';
import { addTopLevelEntry, deletePairEdit, detectIndentUnit, indentAt } from './edits';
import type { ComposeRule } from './types';
import { COMPOSE_DOCS, fixesFromData, hasInterpolation, itemRange, keyRange, servicesOf, sourceOf, valueNode, valueRange } from './types';

const SVC_DOCS = (anchor: string) => COMPOSE_DOCS('services', anchor);

/** YAML 1.1 reads `[1-9][0-9_]*(:[0-5]?[0-9])+` as a base-60 integer: `22:22` is 1342 there. */
const SEXAGESIMAL = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/;

const portBase60: ComposeRule = {
  id: 'compose/port-base60',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Unquoted `HOST:CONTAINER` port that YAML 1.1 reads as a number',
  explain: { docsUrl: SVC_DOCS('ports') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const ports = svc.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        const node = ctx.doc.itemOf(ports, i);
        if (typeof p !== 'string' || !isScalar(node) || node.type !== 'PLAIN' || !SEXAGESIMAL.test(p)) return;
        const range = itemRange(ctx.model, ctx.doc, ports, i);
        if (!range) return;
        ctx.report({
          range,
          message: `Quote the port mapping \`${p}\` of \`${name}\`: YAML 1.1 parsers (older docker-compose, Python tools) read unquoted numbers with \`:\` as base 60, so \`${p}\` becomes ${p.split(':').reduce((a, x) => a * 60 + Number(x), 0)}.`,
          data: { fixes: [{ title: `Quote as "${p}"`, edits: [{ range, newText: `"${p}"` }], isPreferred: true }] },
        });
      });
    }
  },
  fix: fixesFromData,
};

const RESTART_VALUES = ['no', 'always', 'on-failure', 'unless-stopped'];

const restartNoUnquoted: ComposeRule = {
  id: 'compose/restart-no-unquoted',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: '`restart: no` without quotes',
  explain: { docsUrl: SVC_DOCS('restart') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const node = valueNode(ctx.doc, svc, 'restart');
      if (!isScalar(node) || node.type !== 'PLAIN' || !/^(no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(sourceOf(ctx.model, node))) continue;
      const range = ctx.model.nodeRange(node);
      if (!range) continue;
      const src = sourceOf(ctx.model, node);
      ctx.report({
        range,
        message: `Write \`restart: "no"\` with quotes in \`${name}\`: unquoted \`${src}\` is the boolean false in YAML 1.1 (and \`false\` is a boolean everywhere), while the restart policy must be the string "no".`,
        data: { fixes: [{ title: 'Change to "no"', edits: [{ range, newText: '"no"' }], isPreferred: true }] },
      });
    }
  },
  fix: fixesFromData,
};

const invalidRestart: ComposeRule = {
  id: 'compose/invalid-restart-policy',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Unknown restart policy',
  explain: { docsUrl: SVC_DOCS('restart') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const v = svc.restart;
      if (typeof v !== 'string' || hasInterpolation(v)) continue;
      if (RESTART_VALUES.includes(v) || /^on-failure:\d+$/.test(v)) continue;
      const range = valueRange(ctx.model, ctx.doc, svc, 'restart');
      if (!range) continue;
      const guess = didYouMean(v.replace(/_/g, '-').replace(/:\d+$/, ''), RESTART_VALUES);
      const suffix = /:\d+$/.exec(v)?.[0] ?? '';
      const replacement = guess ? (guess === 'on-failure' ? guess + suffix : guess) : undefined;
      ctx.report({
        range,
        message: `\`${v}\` is not a restart policy of \`${name}\`; Docker accepts "no", always, on-failure[:max-retries] and unless-stopped${replacement ? ` — did you mean \`${replacement}\`?` : '.'} The container fails to be created otherwise.`,
        data: { fixes: replacement ? [{ title: `Change to \`${replacement}\``, edits: [{ range, newText: replacement }], isPreferred: true }] : [] },
      });
    }
  },
  fix: fixesFromData,
};

const imageLatest: ComposeRule = {
  id: 'compose/image-latest',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'Image without a tag or with `:latest`',
  explain: { docsUrl: SVC_DOCS('image') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const image = svc.image;
      if (typeof image !== 'string' || hasInterpolation(image) || svc.build !== undefined || image.includes('@')) continue;
      const last = image.slice(image.lastIndexOf('/') + 1);
      const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
      if (tag !== undefined && tag !== 'latest') continue;
      const range = valueRange(ctx.model, ctx.doc, svc, 'image');
      if (range) ctx.report({ range, message: `\`${image}\` of \`${name}\` ${tag ? 'uses the moving `latest` tag' : 'has no tag, so it means `latest`'}: each pull may bring a different version and break the app without any change to this file. Pin a version tag (or a digest).` });
    }
  },
};

const privileged: ComposeRule = {
  id: 'compose/privileged',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: '`privileged: true` gives the container full control of the host',
  explain: { docsUrl: SVC_DOCS('privileged') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (svc.privileged !== true && svc.privileged !== 'true') continue;
      const range = keyRange(ctx.model, ctx.doc, svc, 'privileged');
      if (range) ctx.report({ range, message: `\`${name}\` runs privileged: it gets every kernel capability and all host devices, so a compromise of the container is a compromise of the host. Grant only the capabilities it needs with \`cap_add\`.` });
    }
  },
};

const DOCKER_SOCK = /^\/?(var\/)?run\/docker\.sock$/;

const dockerSocket: ComposeRule = {
  id: 'compose/docker-socket',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Docker socket mounted into a container',
  explain: { docsUrl: SVC_DOCS('volumes') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const vols = svc.volumes;
      if (!Array.isArray(vols)) continue;
      vols.forEach((v, i) => {
        let source: string | undefined;
        if (typeof v === 'string') {
          const spec = parseVolume(v);
          if (!('error' in spec)) source = spec.source;
        } else if (isObject(v) && typeof v.source === 'string') source = v.source;
        if (!source || !DOCKER_SOCK.test(source)) return;
        const range = itemRange(ctx.model, ctx.doc, vols, i);
        if (range) ctx.report({ range, message: `\`${name}\` mounts the Docker socket: anything in this container can start privileged containers and so take over the host. Only do this for trusted tools, preferably read-only behind a socket proxy.` });
      });
    }
  },
};

const SECRET_NAME = /(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;

function secretName(varName: string): string {
  return varName.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
}

/** Moves `VAR: value` out of `environment` into a secret read from the host variable `VAR`. */
function moveToSecretFix(model: ComposeModel, doc: ComposeDoc, svc: Record<string, unknown>, env: Record<string, unknown>, varName: string): Fix | undefined {
  const envPair = doc.pairOf(svc, 'environment');
  const varPair = doc.pairOf(env, varName);
  if (!envPair || !varPair) return undefined;
  const name = secretName(varName);
  const edits: TextEdit[] = [];
  const unit = detectIndentUnit(model);
  const svcKeyIndent = indentAt(model, (envPair.key as YamlNode).range![0]);
  const onlyEntry = Object.keys(env).length === 1;
  const del = onlyEntry ? deletePairEdit(model, envPair.key as YamlNode, envPair.value as YamlNode | null) : deletePairEdit(model, varPair.key as YamlNode, varPair.value as YamlNode | null);
  if (!del) return undefined;
  const secretsNode = valueNode(doc, svc, 'secrets');
  if (Array.isArray(svc.secrets) && isSeq(secretsNode) && !secretsNode.flow && secretsNode.items.length) {
    if ((svc.secrets as unknown[]).includes(name)) return undefined;
    const lastItem = secretsNode.items[secretsNode.items.length - 1] as YamlNode;
    const line = model.textDocument.positionAt(lastItem.range![1]).line + (model.text[lastItem.range![1] - 1] === '\n' ? 0 : 1);
    const dashIndent = indentAt(model, lastItem.range![0]);
    edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${dashIndent}- ${name}\n` });
    edits.push(del);
  } else if (svc.secrets === undefined) {
    edits.push(del);
    edits.push({ range: { start: del.range.end, end: del.range.end }, newText: `${svcKeyIndent}secrets:\n${svcKeyIndent}${unit}- ${name}\n` });
  } else return undefined;
  if (!model.defs.secrets.has(name)) {
    const add = addTopLevelEntry(model, doc, 'secrets', name);
    if (!add) return undefined;
    const e = add.edits[0]!;
    edits.push({ range: e.range, newText: e.newText.replace(`file: ./${name}.txt`, `environment: ${varName}`) });
  }
  return { title: `Move \`${varName}\` to the secret \`${name}\` (read at /run/secrets/${name})`, edits, isPreferred: true };
}

interface SecretFinding {
  readonly doc: number;
  readonly service: string;
  readonly varName: string;
}

const secretInEnvironment: ComposeRule = {
  id: 'compose/secret-in-environment',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'info',
  title: 'Password or token written in plain `environment`',
  explain: { docsUrl: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const env = svc.environment;
      // The range is looked up only for a variable that is reported: most are not.
      const report = (varName: string, value: unknown, rangeOf: () => ReturnType<typeof keyRange>, fixable: boolean) => {
        if (!SECRET_NAME.test(varName) || /_FILE$/i.test(varName)) return;
        if (value === null || value === undefined || value === '' || hasInterpolation(value)) return;
        const range = rangeOf();
        if (!range) return;
        const data: SecretFinding | undefined = fixable ? { doc: ctx.doc.index, service: name, varName } : undefined;
        ctx.report({
          range,
          message: `\`${varName}\` of \`${name}\` holds a secret in plain text: it is visible in this file, in \`docker inspect\` and to every process in the container. Use a Compose secret (mounted as a file under /run/secrets/) instead.`,
          data,
        });
      };
      if (isObject(env)) {
        for (const [k, v] of Object.entries(env)) report(k, v, () => keyRange(ctx.model, ctx.doc, env, k), true);
      } else if (Array.isArray(env)) {
        env.forEach((e, i) => {
          if (typeof e !== 'string' || !e.includes('=')) return;
          const [k, ...rest] = e.split('=');
          report(k!, rest.join('='), () => itemRange(ctx.model, ctx.doc, env, i), false);
        });
      }
    }
  },
  // Computed on request: the edits touch three places of the file and most findings are never fixed.
  fix(model, finding) {
    const d = finding.data as SecretFinding | undefined;
    const doc = d ? model.docs[d.doc] : undefined;
    const svc = doc && isObject(doc.root) && isObject(doc.root.services) ? doc.root.services[d!.service] : undefined;
    if (!d || !doc || !isObject(svc) || !isObject(svc.environment)) return [];
    const fix = moveToSecretFix(model, doc, svc, svc.environment, d.varName);
    return fix ? [fix] : [];
  },
};

const portAllInterfaces: ComposeRule = {
  id: 'compose/port-all-interfaces',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'hint',
  title: 'Published port reachable on every network interface',
  explain: { docsUrl: SVC_DOCS('ports') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const ports = svc.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        let published = false;
        let ip: string | undefined;
        if (typeof p === 'string' && !hasInterpolation(p)) {
          const spec = parsePort(p);
          if ('error' in spec) return;
          published = spec.published !== undefined;
          ip = spec.hostIp;
        } else if (isObject(p)) {
          published = p.published !== undefined;
          ip = typeof p.host_ip === 'string' ? p.host_ip : undefined;
        } else return;
        if (!published || (ip && ip !== '0.0.0.0' && ip !== '::')) return;
        const range = itemRange(ctx.model, ctx.doc, ports, i);
        if (range) ctx.report({ range, message: `This port of \`${name}\` is published on all interfaces, so other machines on the network can reach it (Docker also bypasses host firewalls such as ufw). Prefix \`127.0.0.1:\` when only this machine needs it.` });
      });
    }
  },
};

const links: ComposeRule = {
  id: 'compose/links-legacy',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'hint',
  title: '`links` is a legacy feature',
  explain: { docsUrl: SVC_DOCS('links') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      if (svc.links === undefined) continue;
      const pair = ctx.doc.pairOf(svc, 'links');
      const range = keyRange(ctx.model, ctx.doc, svc, 'links');
      if (!pair || !range) continue;
      const del = deletePairEdit(ctx.model, pair.key as YamlNode, pair.value as YamlNode | null);
      const aliased = Array.isArray(svc.links) && svc.links.some((l) => typeof l === 'string' && l.includes(':'));
      ctx.report({
        range,
        message: `\`links\` in \`${name}\` is legacy: services on a shared network already reach each other by service name${aliased ? ' (use `networks.<net>.aliases` for the extra names)' : ''}. Use \`depends_on\` if you need start order.`,
        data: { fixes: del && !aliased ? [{ title: 'Remove `links`', edits: [del], isPreferred: true }] : [] },
      });
    }
  },
  fix: fixesFromData,
};

const healthyWithoutHealthcheck: ComposeRule = {
  id: 'compose/healthy-without-healthcheck',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'info',
  title: '`service_healthy` on a service with no healthcheck in this file',
  explain: { docsUrl: SVC_DOCS('depends_on') },
  check(ctx) {
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const dep = svc.depends_on;
      if (!isObject(dep)) continue;
      for (const [target, opts] of Object.entries(dep)) {
        if (!isObject(opts) || opts.condition !== 'service_healthy') continue;
        const def = ctx.model.defs.services.get(target);
        if (!def) continue;
        const t = (def.doc.root as Record<string, Record<string, unknown>>).services?.[target];
        if (!isObject(t) || t.healthcheck !== undefined) continue;
        const range = valueRange(ctx.model, ctx.doc, opts, 'condition');
        if (range) ctx.report({ range, message: `\`${name}\` waits for \`${target}\` to be healthy, but \`${target}\` has no \`healthcheck\` here. Unless its image defines a HEALTHCHECK, \`${name}\` will never start; add a healthcheck to \`${target}\`.` });
      }
    }
  },
};

function dirOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? '.' : p.slice(0, i) || '/';
}

function join(base: string, rel: string): string {
  if (rel.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rel)) return rel;
  const parts = base.split(/[\\/]/);
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/') || '/';
}

const isRemote = (s: string) => /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/)/.test(s) || s.includes('.git#') || s.endsWith('.git');

const buildPathMissing: ComposeRule = {
  id: 'compose/build-path-missing',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'Build context or Dockerfile that does not exist',
  explain: { docsUrl: COMPOSE_DOCS('build', 'context') },
  check(ctx) {
    const files = ctx.files;
    if (!files || !ctx.fsPath) return;
    const base = dirOf(ctx.fsPath);
    for (const [name, svc] of servicesOf(ctx.doc)) {
      const b = svc.build;
      const context = typeof b === 'string' ? b : isObject(b) ? (typeof b.context === 'string' ? b.context : '.') : undefined;
      if (context === undefined || hasInterpolation(context) || isRemote(context)) continue;
      const ctxPath = join(base, context);
      const contextRange = typeof b === 'string' ? valueRange(ctx.model, ctx.doc, svc, 'build') : isObject(b) && b.context !== undefined ? valueRange(ctx.model, ctx.doc, b, 'context') : keyRange(ctx.model, ctx.doc, svc, 'build');
      if (!files.exists(ctxPath)) {
        if (contextRange) ctx.report({ range: contextRange, message: `The build context \`${context}\` of \`${name}\` does not exist (relative paths start at the compose file's folder), so the build fails.` });
        continue;
      }
      if (files.readText(ctxPath) !== undefined) {
        if (contextRange) ctx.report({ range: contextRange, message: `The build context \`${context}\` of \`${name}\` is a file, but it must be a folder: point \`context\` at the folder and name the file in \`dockerfile\`.` });
        continue;
      }
      if (isObject(b) && typeof b.dockerfile === 'string' && !hasInterpolation(b.dockerfile)) {
        const df = join(ctxPath, b.dockerfile);
        const r = valueRange(ctx.model, ctx.doc, b, 'dockerfile');
        if (r && !files.exists(df)) ctx.report({ range: r, message: `The Dockerfile \`${b.dockerfile}\` of \`${name}\` does not exist; \`dockerfile\` is relative to the build context \`${context}\`, not to the compose file.` });
      } else if (!isObject(b) || (b.dockerfile === undefined && b.dockerfile_inline === undefined)) {
        if (contextRange && !files.exists(join(ctxPath, 'Dockerfile')) && !files.exists(join(ctxPath, 'Containerfile')) && !files.exists(join(ctxPath, 'dockerfile'))) {
          ctx.report({ range: contextRange, message: `The build context \`${context}\` of \`${name}\` has no \`Dockerfile\`; add one or name it with \`build.dockerfile\`.` });
        }
      }
    }
  },
};


const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Plain scalars of a document with their key path (lists as indexes), skipping `x-` subtrees. */
function* plainStrings(doc: ComposeDoc, v: unknown, path: (string | number)[], depth = 0): Generator<{ path: (string | number)[]; value: string; node: YamlNode }> {
  if (depth > 30) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      const node = doc.itemOf(v, i);
      if (typeof item === 'string' && isScalar(node)) yield { path: [...path, i], value: item, node };
      else if (item && typeof item === 'object') yield* plainStrings(doc, item, [...path, i], depth + 1);
    }
  } else if (isObject(v)) {
    for (const [k, item] of Object.entries(v)) {
      if (k.startsWith('x-')) continue;
      const node = valueNode(doc, v, k);
      if (typeof item === 'string' && isScalar(node)) yield { path: [...path, k], value: item, node };
      else if (item && typeof item === 'object') yield* plainStrings(doc, item, [...path, k], depth + 1);
    }
  }
}

const yaml11Boolean: ComposeRule = {
  id: 'compose/yaml11-boolean',
  aliases: [],
  family: 'best-practice',
  defaultLevel: 'warning',
  title: 'YAML 1.1 boolean word (`yes`, `on`, ...) in a true/false field',
  explain: { docsUrl: 'https://docs.docker.com/reference/compose-file/' },
  check(ctx) {
    if (!/:\s+(y|yes|n|no|on|off)\s*(#.*)?$/im.test(ctx.model.text)) return;
    for (const { path, value, node } of plainStrings(ctx.doc, ctx.doc.root, [])) {
      if (!YAML11_BOOL.test(value) || (node as { type?: string }).type !== 'PLAIN') continue;
      const types = typesOf(schemaForPath(path));
      if (!types.includes('boolean') || types.some((t) => t !== 'boolean' && t !== 'string')) continue;
      const range = ctx.model.nodeRange(node);
      if (!range) continue;
      const b = /^(y|yes|on)$/i.test(value) ? 'true' : 'false';
      ctx.report({
        range,
        message: `\`${value}\` is a boolean only in YAML 1.1; Compose reads YAML 1.2, where it is the string "${value}", and warns that it is not supported. Write \`${b}\`.`,
        data: { fixes: [{ title: `Change to ${b}`, edits: [{ range, newText: b }], isPreferred: true }] },
      });
    }
  },
  fix: fixesFromData,
};

export const bestPracticeRules: ComposeRule[] = [
  portBase60,
  restartNoUnquoted,
  invalidRestart,
  imageLatest,
  privileged,
  dockerSocket,
  secretInEnvironment,
  portAllInterfaces,
  links,
  healthyWithoutHealthcheck,
  buildPathMissing,
  yaml11Boolean,
];
