/** Nanoseconds per unit, as Go's time.ParseDuration knows them. */
const UNITS: Readonly<Record<string, number>> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

export type DurationResult = { readonly ns: number } | { readonly error: 'invalid' | 'missing-unit'; } | { readonly error: 'unknown-unit'; readonly unit: string };

/** Go's time.ParseDuration: `300ms`, `1m30s`, `-1.5h`; a bare `0` is the only number without a unit. */
export function parseGoDuration(text: string): DurationResult {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0 };
  if (s === '') return { error: 'invalid' };
  let total = 0;
  const re = /^(\d*)(?:\.(\d*))?([^\d.]*)/;
  while (s !== '') {
    const m = re.exec(s);
    if (!m || m[0] === '') return { error: 'invalid' };
    const whole = m[1] ?? '';
    const frac = m[2];
    const unit = m[3] ?? '';
    if (whole === '' && (frac === undefined || frac === '')) return { error: 'invalid' };
    if (unit === '') return { error: 'missing-unit' };
    const factor = UNITS[unit];
    if (factor === undefined) return { error: 'unknown-unit', unit };
    total += Number(`${whole || '0'}.${frac ?? '0'}`) * factor;
    s = s.slice(m[0].length);
  }
  return { ns: sign * total };
}
