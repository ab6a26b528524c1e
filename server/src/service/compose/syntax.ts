/** Parsers for the small languages inside Compose values: ports, volumes, durations, interpolation. */

export interface PortSpec {
  readonly hostIp?: string;
  readonly published?: string;
  readonly target: string;
  readonly protocol?: string;
}

const PORT_RANGE = /^(\d+)(?:-(\d+))?$/;

function checkRange(s: string, what: string): { lo: number; hi: number } | string {
  const m = PORT_RANGE.exec(s);
  if (!m) return `\`${s}\` is not a valid ${what} (a number from 1 to 65535, or a range like 8000-8010)`;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (lo > 65535 || hi > 65535) return `${what} ${s} is out of range: ports go up to 65535`;
  if (hi < lo) return `the ${what} range ${s} goes backwards`;
  return { lo, hi };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

/** Short port syntax `[HOST_IP:][HOST[-RANGE]:]CONTAINER[-RANGE][/PROTOCOL]`. Returns the parts or an error in words. */
export function parsePort(spec: string): PortSpec | { error: string } {
  let rest = spec.trim();
  if (!rest) return { error: 'the port mapping is empty' };
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
    if (!/^(tcp|udp|sctp)$/i.test(protocol)) return { error: `\`${protocol}\` is not a protocol Docker knows: use tcp, udp or sctp` };
  }
  let hostIp: string | undefined;
  let parts: string[];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return { error: 'an IPv6 host address in brackets must be followed by `:`' };
    hostIp = rest.slice(1, close);
    parts = rest.slice(close + 2).split(':');
    if (parts.length === 1) parts.unshift('');
  } else {
    parts = rest.split(':');
    if (parts.length > 3) {
      // An unbracketed IPv6 address: everything but the last two parts.
      hostIp = parts.slice(0, -2).join(':');
      parts = parts.slice(-2);
    } else if (parts.length === 3) {
      hostIp = parts.shift();
    }
  }
  const target = parts[parts.length - 1] ?? '';
  const published = parts.length === 2 ? parts[0] : undefined;
  if (hostIp !== undefined) {
    if (!hostIp) return { error: 'the host IP before the first `:` is empty' };
    if (!IPV4.test(hostIp) && !(hostIp.includes(':') && IPV6.test(hostIp))) return { error: `\`${hostIp}\` is not a valid IP address to bind to` };
  }
  if (!target) return { error: 'no container port is given' };
  const t = checkRange(target, 'container port');
  if (typeof t === 'string') return { error: t };
  if (published) {
    const p = checkRange(published, 'host port');
    if (typeof p === 'string') return { error: p };
    if (t.hi !== t.lo && p.hi - p.lo !== t.hi - t.lo) return { error: `the host range ${published} and the container range ${target} have different sizes` };
  }
  return { hostIp, published: published || undefined, target, protocol };
}

export interface VolumeSpec {
  readonly source?: string;
  readonly target: string;
  readonly mode?: string;
  readonly kind: 'named' | 'bind' | 'anonymous';
}

/** Short volume syntax `[SOURCE:]TARGET[:MODE]`, Windows drive letters included. */
export function parseVolume(spec: string): VolumeSpec | { error: string } {
  if (!spec.trim()) return { error: 'the volume spec is empty' };
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    // `C:\` or `C:/` at the start of a section is a drive letter, not a separator.
    if (c === ':' && !(cur.length === 1 && /[a-zA-Z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  if (parts.length > 3) return { error: `\`${spec}\` has too many \`:\` separators: the short form is SOURCE:TARGET[:MODE]` };
  if (parts.some((p) => p === '')) return { error: `\`${spec}\` has an empty section between \`:\` separators` };
  if (parts.length === 1) return { target: parts[0]!, kind: 'anonymous' };
  const [source, target, mode] = parts as [string, string, string | undefined];
  return { source, target, mode, kind: isNamedVolume(source) ? 'named' : 'bind' };
}

/** A source that is neither a path nor interpolated is the name of a volume. */
export function isNamedVolume(source: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source);
}

export function isAbsoluteContainerPath(p: string): boolean {
  return p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/** Go `time.ParseDuration` syntax (what Compose uses): `1m30s`, `500ms`, `2h`; `0` alone is allowed. */
export function isValidDuration(s: string): boolean {
  if (s === '0') return true;
  return /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(s);
}

export interface Interpolation {
  /** Offset of the `$` in the string. */
  readonly start: number;
  readonly end: number;
  readonly name?: string;
  /** `:-`, `-`, `:?`, `?`, `:+`, `+` */
  readonly operator?: string;
  readonly argument?: string;
  readonly error?: string;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Every `$` expression of a value, with errors for the ones Compose rejects. `$$` is a literal `$`. */
export function scanInterpolations(value: string): Interpolation[] {
  const out: Interpolation[] = [];
  let i = value.indexOf('$');
  while (i >= 0 && i < value.length) {
    const next = value[i + 1];
    if (next === '$') {
      i = value.indexOf('$', i + 2);
      continue;
    }
    if (next === '{') {
      // Find the matching `}` (defaults may nest other expressions).
      let depth = 1;
      let j = i + 2;
      for (; j < value.length && depth > 0; j++) {
        if (value[j] === '{') depth++;
        else if (value[j] === '}') depth--;
      }
      if (depth > 0) {
        out.push({ start: i, end: value.length, error: '`${` is never closed with `}`' });
        break;
      }
      const inner = value.slice(i + 2, j - 1);
      const m = NAME.exec(inner);
      if (!m) out.push({ start: i, end: j, error: inner ? `\`\${${inner}}\` does not start with a variable name` : '`${}` names no variable' });
      else {
        const after = inner.slice(m[0].length);
        const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(after);
        if (!after) out.push({ start: i, end: j, name: m[0] });
        else if (op) out.push({ start: i, end: j, name: m[0], operator: op[1], argument: after.slice(op[1]!.length) });
        else out.push({ start: i, end: j, name: m[0], error: `\`${after[0]}\` after the variable name is not one of the operators :- - :? ? :+ +` });
      }
      i = value.indexOf('$', j);
      continue;
    }
    const m = NAME.exec(value.slice(i + 1));
    if (m) out.push({ start: i, end: i + 1 + m[0].length, name: m[0] });
    i = value.indexOf('$', i + 1);
  }
  return out;
}
