import type { Node as YamlNode } from 'yaml';
import { isScalar } from 'yaml';
import type { Hover, Position } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { composeKeys } from '../../generated/composeKeys';
import { composeKeyCards, studyDeckSection } from '../content/hoverCards';
import type { ComposeModel } from './model';
import type { FileAccess } from '../dockerfile/rules/types';
import { locate } from './locate';
import { entityAt } from './navigation';
import { describe, enumValues, schemaForPath, typesOf } from './schemaInfo';
import { parsePort, parseVolume, scanInterpolations } from './syntax';

const TYPE_WORDS: Record<string, string> = { string: 'string', number: 'number', integer: 'integer', boolean: 'boolean', object: 'mapping', array: 'list', null: 'empty' };

/** `services.web.ports[0]` -> `services.*.ports` (the pattern our content is keyed by). */
export function keyPattern(path: readonly (string | number)[]): string {
  const parts: string[] = [];
  path.forEach((p, i) => {
    if (typeof p === 'number') return;
    parts.push(i === 1 && path[0] === 'services' ? '*' : p);
  });
  return parts.join('.');
}

function docsLink(path: readonly (string | number)[]): string {
  const top = String(path[0] ?? '');
  if (top === 'services' && typeof path[2] === 'string') {
    if (path[2] === 'build' && typeof path[3] === 'string') return `https://docs.docker.com/reference/compose-file/build/#${path[3]}`;
    if (path[2] === 'deploy' && typeof path[3] === 'string') return `https://docs.docker.com/reference/compose-file/deploy/#${path[3]}`;
    return `https://docs.docker.com/reference/compose-file/services/#${path[2]}`;
  }
  if (['networks', 'volumes', 'secrets', 'configs', 'include', 'models'].includes(top)) return `https://docs.docker.com/reference/compose-file/${top}/`;
  return 'https://docs.docker.com/reference/compose-file/';
}

function keyHover(path: readonly (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  if (typeof last === 'string' && last.startsWith('x-')) return `**${last}**: an extension field. Compose ignores keys starting with \`x-\`; they hold your own data, often anchors (\`&name\`) reused elsewhere with \`<<: *name\`.`;
  if (path.length === 2 && ['services', 'networks', 'volumes', 'secrets', 'configs'].includes(String(path[0]))) return undefined;
  const ours = composeKeys[keyPattern(path)];
  const schema = schemaForPath(path);
  const lines: string[] = [];
  const title = `**${String(last)}**`;
  if (ours) {
    lines.push(`${title}: ${ours.summary}`, '', ours.body.trim());
    if (ours.example) lines.push('', '```yaml', ours.example.trimEnd(), '```');
  } else {
    const d = describe(schema);
    if (!d && !schema) return undefined;
    lines.push(d ? `${title}: ${d}` : title);
  }
  const types = typesOf(schema).map((t) => TYPE_WORDS[t] ?? t);
  const enums = enumValues(schema);
  const facts: string[] = [];
  if (types.length) facts.push(`Type: ${types.join(' | ')}`);
  if (enums.length) facts.push(`Allowed: ${enums.map((e) => `\`${e}\``).join(', ')}`);
  if (schema?.default !== undefined) facts.push(`Default: \`${String(schema.default)}\``);
  if (schema?.deprecated) facts.push('**Deprecated**');
  if (facts.length) lines.push('', facts.join(' · '));
  lines.push('', `[Compose file reference](${ours?.docs ?? docsLink(path)})`);
  // Cards link keys by name, not list position: `services.*.volumes[0].type` is `services.*.volumes.type`.
  const deck = studyDeckSection([composeKeyCards(path.filter((p): p is string => typeof p === 'string'))]);
  if (deck) lines.push('', deck);
  return lines.join('\n');
}

function portHover(spec: string): string | undefined {
  const p = parsePort(spec);
  if ('error' in p) return `**Port mapping** \`${spec}\`: not valid (${p.error}).`;
  const rows = [
    `- host IP: ${p.hostIp ? `\`${p.hostIp}\`` : 'all interfaces (0.0.0.0 and ::)'}`,
    `- host port: ${p.published ? `\`${p.published}\`` : 'none fixed: Docker picks a free one (see `docker compose port`)'}`,
    `- container port: \`${p.target}\``,
    `- protocol: \`${p.protocol ?? 'tcp'}\``,
  ];
  const reach = p.published ? `Open \`${p.hostIp && p.hostIp !== '0.0.0.0' ? p.hostIp : 'localhost'}:${p.published.split('-')[0]}\` on the host to reach port ${p.target.split('-')[0]} in the container.` : '';
  return [`**Port mapping** \`${spec}\``, '', ...rows, '', reach].join('\n').trim();
}

function volumeHover(spec: string, model: ComposeModel): string | undefined {
  const v = parseVolume(spec);
  if ('error' in v) return `**Volume** \`${spec}\`: not valid (${v.error}).`;
  const mode = v.mode ? `- mode: \`${v.mode}\`${/\bro\b/.test(v.mode) ? ' (read-only)' : ''}` : '- mode: read-write';
  if (v.kind === 'anonymous') return [`**Anonymous volume** at \`${v.target}\``, '', 'Docker creates a fresh unnamed volume for this path; it is hard to find again and reuse. Give it a name to keep the data.'].join('\n');
  if (v.kind === 'named') {
    const declared = model.defs.volumes.has(v.source!);
    return [`**Named volume** \`${v.source}\` → \`${v.target}\``, '', `- source: the volume \`${v.source}\`${declared ? ' (declared under top-level `volumes:`)' : ' — **not declared** under top-level `volumes:`'}`, `- target in the container: \`${v.target}\``, mode, '', 'Docker manages the storage; it survives `docker compose down` (only `down --volumes` removes it).'].join('\n');
  }
  return [`**Bind mount** \`${v.source}\` → \`${v.target}\``, '', `- source on the host: \`${v.source}\` (relative paths start at the compose file's folder)`, `- target in the container: \`${v.target}\``, mode, '', 'The host folder or file appears inside the container: changes are visible on both sides at once.'].join('\n');
}

/** The file path of a `file:` URI, without Node APIs (the service also runs in browsers). */
export function fsPathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const p = decodeURIComponent(new URL(uri).pathname);
    return /^\/[a-zA-Z]:\//.test(p) ? p.slice(1) : p;
  } catch {
    return undefined;
  }
}

/** Variables of the `.env` file beside the compose file (what Compose reads for interpolation). */
export function readDotEnv(model: ComposeModel, files: FileAccess | undefined): Map<string, string> | undefined {
  const p = fsPathOfUri(model.uri);
  if (!p || !files) return undefined;
  const dir = p.slice(0, Math.max(p.lastIndexOf('/'), 0));
  const text = files.readText(`${dir}/.env`);
  if (text === undefined) return undefined;
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
    else v = v.replace(/\s+#.*$/, '');
    vars.set(m[1]!, v);
  }
  return vars;
}

function interpolationHover(value: string, env?: Map<string, string>): string | undefined {
  const items = scanInterpolations(value).filter((x) => x.name || x.error);
  if (!items.length) return undefined;
  const lines = ['**Variable substitution** (done by Compose from your shell and the `.env` file, before anything runs)', ''];
  for (const it of items) {
    const text = value.slice(it.start, it.end);
    if (it.error) lines.push(`- \`${text}\`: invalid, ${it.error}`);
    else if (!it.operator) lines.push(`- \`${text}\`: the value of \`${it.name}\`; empty (with a warning) when it is not set`);
    else {
      const arg = it.argument ?? '';
      const meaning: Record<string, string> = {
        ':-': `\`${arg}\` when \`${it.name}\` is unset or empty, else its value`,
        '-': `\`${arg}\` when \`${it.name}\` is unset, else its value (even empty)`,
        ':?': `the value of \`${it.name}\`; Compose stops with the error "${arg}" when it is unset or empty`,
        '?': `the value of \`${it.name}\`; Compose stops with the error "${arg}" when it is unset`,
        ':+': `\`${arg}\` when \`${it.name}\` is set and not empty, else nothing`,
        '+': `\`${arg}\` when \`${it.name}\` is set, else nothing`,
      };
      lines.push(`- \`${text}\`: ${meaning[it.operator] ?? 'a substitution'}`);
    }
  }
  if (env) {
    const names = [...new Set(items.map((i) => i.name).filter((n): n is string => !!n))];
    const known = names.map((n) => (env.has(n) ? `\`${n}=${env.get(n)}\`` : `\`${n}\` is not set there`));
    if (known.length) lines.push('', `In \`.env\`: ${known.join(', ')} (a variable set in your shell takes precedence).`);
  }
  lines.push('', 'Write `$$` for a literal `$`.');
  return lines.join('\n');
}

function octalHover(source: string, value: unknown): string | undefined {
  const src = source.replace(/^["']|["']$/g, '');
  let n: number | undefined;
  if (/^0[0-7]+$/.test(src) || /^0o[0-7]+$/i.test(src)) n = parseInt(src.replace(/^0o/i, ''), 8);
  else if (typeof value === 'number') n = value;
  if (n === undefined || n < 0 || n > 0o7777) return undefined;
  const octal = n.toString(8).padStart(4, '0');
  const rwx = (d: number) => `${d & 4 ? 'r' : '-'}${d & 2 ? 'w' : '-'}${d & 1 ? 'x' : '-'}`;
  const digits = octal.slice(-3).split('').map(Number);
  const note = /^0[0-7]+$/.test(src) ? '' : `\n\nWritten without a leading 0, Compose reads \`${src}\` as the decimal number ${n}, i.e. octal ${octal}: write \`0${src}\` if you meant octal.`;
  return `**File mode** \`${octal}\` (octal) = \`${digits.map(rwx).join('')}\`: owner ${rwx(digits[0]!)}, group ${rwx(digits[1]!)}, others ${rwx(digits[2]!)}.${note}`;
}

const RESTART_MEANING: Record<string, string> = {
  no: 'never restart the container (the default)',
  always: 'restart whenever it stops, and start it again when the Docker daemon starts',
  'on-failure': 'restart only when it exits with a non-zero code',
  'unless-stopped': 'like `always`, except after you stopped it yourself',
};

function previewOf(model: ComposeModel, position: Position): string | undefined {
  const hit = entityAt(model, position);
  if (!hit || !hit.entity.decl) return undefined;
  const declLine = hit.entity.decl.start.line;
  if (hit.range.start.line === declLine && hit.range.start.character === hit.entity.decl.start.character) return undefined;
  const lines: string[] = [];
  const first = model.lineText(declLine);
  const indent = /^\s*/.exec(first)![0].length;
  lines.push(first.slice(indent));
  for (let l = declLine + 1; l < declLine + 16; l++) {
    const t = model.lineText(l);
    if (l >= model.textDocument.lineCount) break;
    if (t.trim() && /^\s*/.exec(t)![0].length <= indent) break;
    lines.push(t.slice(Math.min(indent, /^\s*/.exec(t)![0].length)));
  }
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop();
  const what = hit.entity.kind === 'anchor' ? 'anchor' : hit.entity.kind.slice(0, -1);
  return [`**${what}** \`${hit.entity.name}\` (defined on line ${declLine + 1})`, '', '```yaml', ...lines, '```'].join('\n');
}

const SECTION_WORDS: Record<string, string> = {
  services: 'Service', networks: 'Network', volumes: 'Named volume', secrets: 'Secret', configs: 'Config', anchor: 'Anchor',
};

/** On a definition's own name: what it is and where it is used. */
function definitionHover(model: ComposeModel, position: Position): string | undefined {
  const hit = entityAt(model, position);
  if (!hit?.entity.decl || hit.range !== hit.entity.decl) return undefined;
  const { kind, name, refs } = hit.entity;
  const lines = refs.map((r) => r.start.line + 1);
  const used = refs.length
    ? `Used ${refs.length === 1 ? 'once' : `${refs.length} times`} (line${lines.length > 1 ? 's' : ''} ${[...new Set(lines)].join(', ')}). Rename it with F2 to update every use.`
    : kind === 'services' ? 'No other service refers to it by this name.' : kind === 'anchor' ? 'No alias uses it yet.' : `No service uses this ${kind.slice(0, -1)} yet.`;
  const intro = kind === 'services'
    ? `Other containers of the project reach it at the host name \`${name}\`.`
    : kind === 'anchor' ? `Reuse this value elsewhere with \`*${name}\` (or merge a map with \`<<: *${name}\`).` : '';
  return [`**${SECTION_WORDS[kind] ?? kind}** \`${name}\``, '', [intro, used].filter(Boolean).join(' ')].join('\n');
}

export function hoverAt(model: ComposeModel, position: Position, files?: FileAccess): Hover | null {
  const offset = model.offsetAt(position);
  const loc = locate(model, offset);
  if (!loc) {
    // Anchors (`&name`) sit outside the node ranges.
    const text = definitionHover(model, position);
    const hit = text ? entityAt(model, position) : undefined;
    return text && hit ? { contents: { kind: MarkupKind.Markdown, value: text }, range: hit.range } : null;
  }
  const range = model.nodeRange(loc.node);
  const md = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });
  if (loc.on === 'key' || !isScalar(loc.node)) {
    const preview = previewOf(model, position);
    if (preview) return md(preview);
  }
  if (loc.on === 'key') {
    const text = keyHover(loc.path) ?? definitionHover(model, position);
    return text ? md(text) : null;
  }
  const node = loc.node as YamlNode;
  if (!isScalar(node)) return null;
  const value = node.value;
  const src = model.text.slice(node.range![0], node.range![1]);
  const p = loc.path;
  const inService = p[0] === 'services' && p.length >= 3;
  if (inService && p[2] === 'ports' && typeof p[3] === 'number' && p.length === 4 && (typeof value === 'number' || (typeof value === 'string' && !value.includes('$')))) {
    const t = portHover(String(value));
    if (t) return md(t);
  }
  if (inService && p[2] === 'volumes' && typeof p[3] === 'number' && p.length === 4 && typeof value === 'string' && !value.includes('${')) {
    const t = volumeHover(value, model);
    if (t) return md(t);
  }
  const preview = previewOf(model, position);
  if (preview) return md(preview);
  if (typeof value === 'string' && value.includes('$')) {
    const t = interpolationHover(value, readDotEnv(model, files));
    if (t) return md(t);
  }
  const last = p[p.length - 1];
  if (last === 'mode') {
    const t = octalHover(src, value);
    if (t) return md(t);
  }
  if (inService && p[2] === 'restart' && p.length === 3 && typeof value === 'string') {
    const base = value.replace(/:\d+$/, '');
    const m = RESTART_MEANING[base];
    if (m) return md(`**restart: ${value}**: ${m}${/:\d+$/.test(value) ? `, at most ${value.split(':')[1]} times` : ''}.`);
  }
  const schema = schemaForPath(p);
  const enums = enumValues(schema);
  if (enums.length && typeof value === 'string') return md(`\`${value}\`${enums.includes(value) ? '' : ' (not an allowed value)'}. Allowed for **${String(last)}**: ${enums.map((e) => `\`${e}\``).join(', ')}.`);
  return null;
}
