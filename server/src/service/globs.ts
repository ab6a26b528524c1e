// Glob patterns as VS Code's document selectors read them (`*`, `?`, `**`, `{a,b}`, `[a-z]`, `[!a]`),
// matched against a whole path with `/` separators. Used for the `dockerTutor.compose.files` setting.

/** Longer patterns are refused: nobody needs one, and the regex stays small. */
const MAX_GLOB_LENGTH = 1000;
/** Each `*` in a segment multiplies the regex's backtracking on a near-miss: real patterns use one or two. */
const MAX_STARS = 6;

const compiled = new Map<string, RegExp | null>();

/** The pattern as an anchored regular expression, or null when it is malformed (unbalanced `{`, too long). */
export function globToRegExp(glob: string): RegExp | null {
  let hit = compiled.get(glob);
  if (hit === undefined) {
    hit = compile(glob);
    // Settings hold a handful of patterns; the bound only guards against a client sending thousands.
    if (compiled.size > 200) compiled.clear();
    compiled.set(glob, hit);
  }
  return hit;
}

function compile(glob: string): RegExp | null {
  if (!glob || glob.length > MAX_GLOB_LENGTH) return null;
  if ((glob.replace(/\*\*+/g, '').match(/\*/g)?.length ?? 0) > MAX_STARS) return null;
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        while (glob[i + 1] === '*') i++;
        // `**/` is zero or more whole folders; a `**` elsewhere is anything, separators included.
        if (glob[i + 1] === '/') {
          re += '(?:[^/]*/)*';
          i++;
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      braces++;
    } else if (c === '}' && braces > 0) {
      re += ')';
      braces--;
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      // Inside a class only `\`, `]` and `^` are special to RegExp; a range never crosses a folder.
      re += `(?!/)[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  if (braces !== 0) return null;
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return null;
  }
}

/** Whether `path` (any separators) matches one of `globs`; malformed patterns match nothing. */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const p = path.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g)?.test(p) ?? false);
}

/** The path a URI names, for glob matching: decoded, `/`-separated, without the scheme. */
export function uriPath(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?([^?#]*)/i.exec(uri);
  const raw = m ? m[1]! : uri;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    path = raw;
  }
  // `file:///c:/x` is `c:/x` on Windows, as VS Code's fsPath has it.
  return /^\/[a-z]:\//i.test(path) ? path.slice(1) : path;
}
