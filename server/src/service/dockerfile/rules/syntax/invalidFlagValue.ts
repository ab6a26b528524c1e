import type { Flag } from 'dockerfile-ast';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { REFERENCE_DOCS } from '../types';
import type { Instr } from '../../model';
import type { FlagSpec } from './flagTables';
import { flagSpecs } from './flagTables';
import { parseGoDuration } from './goDuration';
import { hasVariable, isHeredocWord, plainArgs, mayHaveFlags, realFlags, selfAndTrigger } from './util';

const OCTAL = /^[0-7]+$/;
/** `u+x`, `a=rX,go-w`: BuildKit accepts symbolic modes since Dockerfile 1.14. */
const SYMBOLIC = /^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/;
const DIGEST = /^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/;
const GIT_COMMIT = /^[0-9a-f]{7,64}$/;

export function isOctalOrSymbolicMode(value: string): boolean {
  return OCTAL.test(value) || SYMBOLIC.test(value);
}

function isGitSource(src: string): boolean {
  return /^(git:\/\/|git@|ssh:\/\/)/.test(src) || /^https?:\/\/\S+\.git(#|$)/.test(src);
}

function valueRange(flag: Flag) {
  return flag.getValueRange() ?? flag.getRange();
}

function checkValue(instr: Instr, flag: Flag, spec: FlagSpec, ctx: DockerfileRuleContext): void {
  const name = `--${spec.name}`;
  const value = flag.getValue();
  if (spec.kind === 'boolean') {
    if (value === null) return;
    if (value === '') {
      ctx.report({ range: flag.getRange(), message: `${name}= has nothing after "=": write ${name} (or ${name}=true / ${name}=false), otherwise the build stops here.` });
    } else if (!/^(true|false)$/i.test(value) && !hasVariable(value)) {
      ctx.report({ range: valueRange(flag), message: `${name} is a switch and takes only true or false, not "${value}", so the build stops here.` });
    }
    return;
  }
  if (value === null || value === '') {
    ctx.report({ range: flag.getRange(), message: `${name} needs a value (${name}=<value>), so the build stops here.` });
    return;
  }
  if (hasVariable(value)) return;
  switch (spec.kind) {
    case 'enum':
      if (!spec.values?.includes(value)) {
        ctx.report({ range: valueRange(flag), message: `${name} accepts ${spec.values?.join(', ')}, not "${value}", so the build stops here.` });
      }
      return;
    case 'octal':
      if (!isOctalOrSymbolicMode(value)) {
        ctx.report({ range: valueRange(flag), message: `${name} expects permission bits in octal (e.g. 755 or 0644) or symbolic form (e.g. u+x), not "${value}", so the build stops here.` });
      }
      return;
    case 'integer':
      if (!/^[+-]?\d+$/.test(value)) {
        ctx.report({ range: valueRange(flag), message: `${name} expects a whole number, not "${value}", so the build stops here.` });
      } else if (Number(value) < 0) {
        ctx.report({ range: valueRange(flag), message: `${name} cannot be negative, so the build stops here.` });
      }
      return;
    case 'duration': {
      const d = parseGoDuration(value);
      if ('ns' in d) {
        if (d.ns !== 0 && d.ns < 1e6) {
          ctx.report({ range: valueRange(flag), message: `${name}=${value} is below 1ms (only 0, meaning "use the default", may be smaller), so the build stops here.` });
        }
        return;
      }
      const why = d.error === 'missing-unit'
        ? `"${value}" has no unit: write it as ${value}s, ${value}m or ${value}ms`
        : d.error === 'unknown-unit'
          ? `"${d.unit}" is not a duration unit (use ns, us, ms, s, m or h)`
          : `"${value}" is not a duration such as 30s, 1m30s or 500ms`;
      ctx.report({ range: valueRange(flag), message: `${name}: ${why}, so the build stops here.` });
      return;
    }
    case 'string':
      if (instr.keyword === 'ADD' && spec.name === 'checksum') checkChecksum(instr, flag, value, ctx);
      return;
  }
}

function checkChecksum(instr: Instr, flag: Flag, value: string, ctx: DockerfileRuleContext): void {
  const args = plainArgs(ctx.model, instr).map((a) => a.getValue().replace(/^["']|["']$/g, ''));
  const sources = args.slice(0, -1).filter((s) => !isHeredocWord(s));
  if (sources.length === 0 || sources.some(hasVariable)) return;
  if (sources.every(isGitSource)) {
    if (!GIT_COMMIT.test(value) && !DIGEST.test(value)) {
      ctx.report({ range: valueRange(flag), message: `--checksum for a Git source is the full commit hash it must resolve to, not "${value}", so the build stops here.` });
    }
    return;
  }
  if (!sources.every((s) => /^https?:\/\//i.test(s))) {
    ctx.report({ range: flag.getRange(), message: '--checksum only works for sources downloaded over HTTP(S) or from Git: a local file is already under your control, so the build stops here.' });
    return;
  }
  if (!DIGEST.test(value)) {
    ctx.report({ range: valueRange(flag), message: `--checksum expects a digest such as sha256:<64 hex digits>, not "${value}", so the build stops here.` });
  }
}

export const invalidFlagValue: DockerfileRule = {
  id: 'dockerfile/invalid-flag-value',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'Flag with a missing or invalid value',
  explain: { docsUrl: REFERENCE_DOCS('overview') },
  check: {
    instruction: {
      '*': (outer, ctx) => selfAndTrigger(outer).forEach((instr) => {
        if (!mayHaveFlags(ctx.model, instr)) return;
        const specs = flagSpecs(instr.keyword);
        if (!specs) return;
        for (const flag of realFlags(instr)) {
          const spec = specs.find((s) => s.name === flag.getName());
          if (spec) checkValue(instr, flag, spec, ctx);
        }
      }),
    },
  },
};
