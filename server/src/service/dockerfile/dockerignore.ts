/**
 * `.dockerignore` matching as the Docker CLI and BuildKit do it (moby/patternmatcher):
 * one pattern a line, `#` comments, `!` re-includes, patterns cleaned like Go's filepath.Clean
 * with a leading `/` dropped, `*` and `?` stop at `/`, `**` spans directories, `[...]` classes,
 * `\` escapes. A path is ignored when the last pattern that matches it, or one of its parent
 * directories, is not an exception.
 */
export interface IgnorePattern {
  /** Cleaned pattern text, without the `!`. */
  readonly text: string;
  readonly exclusion: boolean;
  readonly line: number;
  readonly regex: RegExp | undefined;
}

export interface IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  readonly hasExclusions: boolean;
  /** The pattern that decides that `path` (slash-separated, relative to the context) is ignored, if it is. */
  ignoredBy(path: string): IgnorePattern | undefined;
}

/** Go's path.Clean for slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? '/' + joined : joined || '.';
}

const REGEX_SPECIAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

/** Translates one cleaned pattern into an anchored regular expression (undefined when malformed). */
export function compilePattern(pattern: string): RegExp | undefined {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      re += next.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return undefined;
      // Go's syntax: `[^...]` negates; `[!...]` is not special there, so it is not here either.
      const cls = pattern.slice(i + 1, close);
      re += '[' + cls.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else if (REGEX_SPECIAL.has(c)) {
      re += '\\' + c;
    } else {
      re += c;
    }
  }
  try {
    return new RegExp(re + '$');
  } catch {
    return undefined;
  }
}

export function parseDockerignore(text: string): IgnoreMatcher {
  const patterns: IgnorePattern[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let p = lines[i]!.trim();
    if (!p || p.startsWith('#')) continue;
    let exclusion = false;
    if (p.startsWith('!')) {
      exclusion = true;
      p = p.slice(1).trim();
    }
    p = cleanPath(p);
    if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    if (!p) continue;
    patterns.push({ text: p, exclusion, line: i, regex: compilePattern(p) });
  }
  return {
    patterns,
    hasExclusions: patterns.some((p) => p.exclusion),
    ignoredBy(path) {
      const file = cleanPath(path);
      const parents = file.split('/').slice(0, -1);
      let decided: IgnorePattern | undefined;
      for (const pat of patterns) {
        // Only a pattern that could flip the current answer matters (last match wins).
        if (pat.exclusion !== (decided !== undefined) || !pat.regex) continue;
        let match = pat.regex.test(file);
        for (let i = 1; !match && i <= parents.length; i++) match = pat.regex.test(parents.slice(0, i).join('/'));
        if (match) decided = pat.exclusion ? undefined : pat;
      }
      return decided;
    },
  };
}
