/**
 * Value checks for the label schema (settings.labelSchema). Each returns undefined when the value
 * is fine, otherwise a short reason. Values are the label values after the builder's unquoting.
 */

/** An absolute URI: a scheme, then something; web schemes also need a host. */
export function urlProblem(v: string): string | undefined {
  if (/\s/.test(v)) return 'a URL cannot contain spaces';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(v);
  if (!m) return 'it has no scheme such as https:';
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (!rest) return 'nothing follows the scheme';
  if ((scheme === 'http' || scheme === 'https' || scheme === 'ftp' || scheme === 'git' || scheme === 'ssh') && !/^\/\/[^/?#]+/.test(rest)) {
    return `a ${scheme} URL needs a host after "${scheme}://"`;
  }
  return undefined;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 date-time: `2024-05-01T12:30:00Z`, optional fraction, `Z` or `±hh:mm` offset. */
export function rfc3339Problem(v: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return 'expected a date-time like 2024-05-01T12:30:00Z';
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return 'the month is out of range';
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : DAYS[month - 1]!;
  if (day < 1 || day > maxDay) return 'the day does not exist in that month';
  if (hour > 23 || minute > 59 || second > 60) return 'the time of day is out of range';
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return 'the UTC offset is out of range';
  return undefined;
}

/** A git commit id: lowercase hex, abbreviated (7+) or full SHA-1 (40) or SHA-256 (64). */
export function gitHashProblem(v: string): string | undefined {
  if (!/^[0-9a-f]+$/.test(v)) return 'a git hash only has lowercase hex digits (0-9, a-f)';
  if (v.length < 7 || (v.length > 40 && v.length !== 64)) return 'a git hash has 7 to 40 hex digits (64 for SHA-256 repositories)';
  return undefined;
}

const NUM = '(?:0|[1-9]\\d*)';
const PRE_ID = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER_RE = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-${PRE_ID}(?:\\.${PRE_ID})*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`);

/** Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, optional -prerelease and +build. */
export function semverProblem(v: string): string | undefined {
  if (SEMVER_RE.test(v)) return undefined;
  if (/^v/i.test(v) && SEMVER_RE.test(v.slice(1))) return 'the leading "v" is not part of a semantic version';
  return 'expected MAJOR.MINOR.PATCH, e.g. 1.4.2 or 2.0.0-rc.1 (no leading zeros)';
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*';
const LITERAL = '\\[[^\\[\\]\\\\\\s]*\\]';
const EMAIL_RE = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOMAIN}|${LITERAL})$`);

/** An RFC 5322 addr-spec (`local@domain`), without display name or comments. */
export function emailProblem(v: string): string | undefined {
  if (EMAIL_RE.test(v) && v.length <= 254) return undefined;
  if (/<[^>]*@[^>]*>/.test(v)) return 'only the address itself belongs here, without a name or angle brackets';
  return 'expected an address like team@example.com';
}

/**
 * Common SPDX license ids (lower-cased). The full SPDX list has about 700 entries and grows;
 * rarer ids are reported as unknown, and any `LicenseRef-…` is accepted for custom licenses.
 */
const SPDX_IDS = new Set([
  '0bsd', 'aal', 'afl-1.1', 'afl-1.2', 'afl-2.0', 'afl-2.1', 'afl-3.0', 'agpl-1.0', 'agpl-1.0-only', 'agpl-1.0-or-later',
  'agpl-3.0', 'agpl-3.0-only', 'agpl-3.0-or-later', 'apache-1.0', 'apache-1.1', 'apache-2.0', 'apsl-1.0', 'apsl-2.0',
  'artistic-1.0', 'artistic-1.0-perl', 'artistic-2.0', 'beerware', 'blessing', 'blueoak-1.0.0', 'bsd-1-clause',
  'bsd-2-clause', 'bsd-2-clause-patent', 'bsd-3-clause', 'bsd-3-clause-clear', 'bsd-3-clause-lbnl', 'bsd-4-clause',
  'bsd-source-code', 'bsl-1.0', 'busl-1.1', 'bzip2-1.0.6', 'cal-1.0', 'cc-by-1.0', 'cc-by-2.0', 'cc-by-2.5', 'cc-by-3.0',
  'cc-by-4.0', 'cc-by-nc-4.0', 'cc-by-nc-nd-4.0', 'cc-by-nc-sa-4.0', 'cc-by-nd-4.0', 'cc-by-sa-2.0', 'cc-by-sa-2.5',
  'cc-by-sa-3.0', 'cc-by-sa-4.0', 'cc-pddc', 'cc0-1.0', 'cddl-1.0', 'cddl-1.1', 'cecill-2.1', 'cecill-b', 'cecill-c',
  'cpal-1.0', 'cpl-1.0', 'cua-opl-1.0', 'curl', 'ecl-1.0', 'ecl-2.0', 'efl-2.0', 'elastic-2.0', 'entessa', 'epl-1.0',
  'epl-2.0', 'eudatagrid', 'eupl-1.0', 'eupl-1.1', 'eupl-1.2', 'fair', 'frameworx-1.0', 'ftl', 'gfdl-1.1-only',
  'gfdl-1.1-or-later', 'gfdl-1.2-only', 'gfdl-1.2-or-later', 'gfdl-1.3-only', 'gfdl-1.3-or-later', 'gpl-1.0',
  'gpl-1.0-only', 'gpl-1.0-or-later', 'gpl-2.0', 'gpl-2.0-only', 'gpl-2.0-or-later', 'gpl-3.0', 'gpl-3.0-only',
  'gpl-3.0-or-later', 'hpnd', 'icu', 'ijg', 'imagemagick', 'info-zip', 'intel', 'ipa', 'ipl-1.0', 'isc', 'jasper-2.0',
  'json', 'lgpl-2.0', 'lgpl-2.0-only', 'lgpl-2.0-or-later', 'lgpl-2.1', 'lgpl-2.1-only', 'lgpl-2.1-or-later', 'lgpl-3.0',
  'lgpl-3.0-only', 'lgpl-3.0-or-later', 'lgpllr', 'libpng', 'libpng-2.0', 'libtiff', 'liliq-p-1.1', 'liliq-r-1.1',
  'liliq-rplus-1.1', 'lpl-1.0', 'lpl-1.02', 'lppl-1.3c', 'miros', 'mit', 'mit-0', 'mit-cmu', 'mit-modern-variant',
  'motosoto', 'mpl-1.0', 'mpl-1.1', 'mpl-2.0', 'mpl-2.0-no-copyleft-exception', 'ms-pl', 'ms-rl', 'mulanpsl-1.0',
  'mulanpsl-2.0', 'multics', 'nasa-1.3', 'naumen', 'ncsa', 'ngpl', 'nokia', 'nposl-3.0', 'npl-1.0', 'npl-1.1', 'ntp',
  'odbl-1.0', 'ofl-1.0', 'ofl-1.1', 'ogtsl', 'oldap-2.8', 'openssl', 'osl-1.0', 'osl-2.0', 'osl-2.1', 'osl-3.0',
  'pddl-1.0', 'php-3.0', 'php-3.01', 'postgresql', 'psf-2.0', 'python-2.0', 'python-2.0.1', 'qpl-1.0', 'rpl-1.1',
  'rpl-1.5', 'rpsl-1.0', 'rscpl', 'ruby', 'sgi-b-2.0', 'simpl-2.0', 'sissl', 'sleepycat', 'smlnj', 'spl-1.0', 'sspl-1.0',
  'tcl', 'ucl-1.0', 'unicode-3.0', 'unicode-dfs-2015', 'unicode-dfs-2016', 'unlicense', 'upl-1.0', 'vim', 'vsl-1.0',
  'w3c', 'w3c-19980720', 'w3c-20150513', 'watcom-1.0', 'wtfpl', 'x11', 'xfree86-1.1', 'xnet', 'zend-2.0', 'zlib',
  'zlib-acknowledgement', 'zpl-1.1', 'zpl-2.0', 'zpl-2.1',
]);

const SPDX_EXCEPTIONS = new Set([
  '389-exception', 'autoconf-exception-2.0', 'autoconf-exception-3.0', 'bison-exception-2.2', 'bootloader-exception',
  'classpath-exception-2.0', 'ecos-exception-2.0', 'font-exception-2.0', 'freertos-exception-2.0', 'gcc-exception-2.0',
  'gcc-exception-3.1', 'gpl-cc-1.0', 'libtool-exception', 'linux-syscall-note', 'llvm-exception', 'lzma-exception',
  'openjdk-assembly-exception-1.0', 'qt-gpl-exception-1.0', 'qt-lgpl-exception-1.1', 'swift-exception',
  'u-boot-exception-2.0', 'universal-foss-exception-1.0', 'wxwindows-exception-3.1',
]);

const REF_RE = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

/** An SPDX license expression: ids joined by AND/OR, optional `+`, `WITH <exception>`, parentheses. */
export function spdxProblem(v: string): string | undefined {
  const tokens = v.replace(/[()]/g, ' $& ').trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return 'the value is empty';
  let i = 0;
  let problem: string | undefined;
  const peek = (): string | undefined => tokens[i];
  const isOp = (t: string | undefined, op: string): boolean => t === op || t === op.toLowerCase();
  const simple = (): boolean => {
    const t = peek();
    if (t === undefined) return fail('the expression ends too early');
    if (t === '(') {
      i++;
      if (!compound()) return false;
      if (peek() !== ')') return fail('a parenthesis is not closed');
      i++;
      return true;
    }
    i++;
    if (REF_RE.test(t)) return true;
    const id = t.endsWith('+') ? t.slice(0, -1) : t;
    if (!SPDX_IDS.has(id.toLowerCase())) return fail(`"${t}" is not a license id we know from the SPDX list (custom licenses can be written LicenseRef-<name>)`);
    if (isOp(peek(), 'WITH')) {
      i++;
      const e = peek();
      if (e === undefined || !SPDX_EXCEPTIONS.has(e.toLowerCase())) return fail(`"${e ?? ''}" is not a license exception we know from the SPDX list`);
      i++;
    }
    return true;
  };
  const compound = (): boolean => {
    if (!simple()) return false;
    while (isOp(peek(), 'AND') || isOp(peek(), 'OR')) {
      i++;
      if (!simple()) return false;
    }
    return true;
  };
  function fail(reason: string): false {
    problem ??= reason;
    return false;
  }
  if (!compound()) return problem;
  if (i < tokens.length) return `unexpected "${tokens[i]}" (join licenses with AND or OR)`;
  return undefined;
}
