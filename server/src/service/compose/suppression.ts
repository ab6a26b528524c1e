import type { RuleMeta } from '../types';
import { DerivedSlot } from '../derived';
import type { ComposeModel } from './model';

/**
 * In-file suppressions for Compose, in YAML comments:
 * `# docker-tutor ignore=compose/a,b` silences those rules on the next non-comment line (and the
 * block it opens, e.g. a whole service when placed above its name); `# docker-tutor global ignore=...`
 * silences them in the whole file. Names match the id, the bare name or an alias, case-insensitively.
 */
export interface ComposeSuppressions {
  readonly file: ReadonlySet<string>;
  /** Ranges of lines [from, to] with the names ignored there. */
  readonly blocks: readonly { from: number; to: number; names: ReadonlySet<string> }[];
}

const PRAGMA = /^\s*#\s*docker-tutor\s+(global\s+)?ignore\s*=\s*([^\s#]+)/i;
const cache = new DerivedSlot<ComposeModel, ComposeSuppressions>();

export function composeSuppressions(model: ComposeModel): ComposeSuppressions {
  let s = cache.get(model);
  if (s) return s;
  const file = new Set<string>();
  const blocks: { from: number; to: number; names: Set<string> }[] = [];
  if (model.text.includes('docker-tutor')) {
    const lines = model.text.split(/\r?\n/);
    lines.forEach((text, i) => {
      const m = PRAGMA.exec(text);
      if (!m) return;
      const names = new Set(m[2]!.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean));
      if (m[1]) {
        for (const n of names) file.add(n);
        return;
      }
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
      if (target >= lines.length) return;
      const indent = /^\s*/.exec(lines[target]!)![0].length;
      let end = target;
      for (let j = target + 1; j < lines.length; j++) {
        const l = lines[j]!;
        if (/^\s*(#.*)?$/.test(l)) continue;
        if (/^\s*/.exec(l)![0].length <= indent && !/^\s*-/.test(l.slice(indent))) break;
        if (/^\s*/.exec(l)![0].length <= indent) break;
        end = j;
      }
      blocks.push({ from: target, to: end, names });
    });
  }
  s = { file, blocks };
  cache.set(model, s);
  return s;
}

export function isComposeSuppressed(s: ComposeSuppressions, rule: RuleMeta, line: number): boolean {
  if (!s.file.size && !s.blocks.length) return false;
  const names = [rule.id.toLowerCase(), rule.id.slice(rule.id.indexOf('/') + 1).toLowerCase(), ...rule.aliases.map((a) => a.toLowerCase())];
  if (names.some((n) => s.file.has(n))) return true;
  return s.blocks.some((b) => line >= b.from && line <= b.to && names.some((n) => b.names.has(n)));
}
