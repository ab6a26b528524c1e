import type { Flag } from 'dockerfile-ast';
import { didYouMean } from '../../../text';
import type { DockerfileRule, DockerfileRuleContext } from '../types';
import { REFERENCE_DOCS } from '../types';
import type { MountType } from './flagTables';
import { MOUNT_OPTION_NAMES, MOUNT_TYPES, mountOption } from './flagTables';
import { hasVariable, mayHaveFlags } from './util';

const SIZE = /^\d+(\.\d+)?\s*([kmgtpe]i?b?|b)?$/i;

function checkMount(flag: Flag, ctx: DockerfileRuleContext): void {
  const options = flag.getOptions();
  if (options.length === 0) return; // an empty --mount is reported by invalid-flag-value
  let type: MountType | undefined = 'bind';
  for (const o of options) {
    if (o.getName().toLowerCase() !== 'type') continue;
    const v = (o.getValue() ?? '').toLowerCase();
    if (hasVariable(v)) type = undefined;
    else if ((MOUNT_TYPES as readonly string[]).includes(v)) type = v as MountType;
    else {
      const s = didYouMean(v, MOUNT_TYPES);
      ctx.report({
        range: o.getValueRange() ?? o.getRange(),
        message: `"${o.getValue() ?? ''}" is not a mount type: use bind, cache, tmpfs, secret or ssh, otherwise the build stops here.` + (s ? ` Did you mean ${s}?` : ''),
      });
      type = undefined;
    }
  }
  for (const o of options) {
    const key = o.getName();
    const value = o.getValue();
    const spec = mountOption(key);
    if (!spec) {
      if (key === '') continue;
      const s = didYouMean(key, MOUNT_OPTION_NAMES);
      ctx.report({ range: o.getNameRange(), message: `--mount has no "${key}" option, so the build stops here.` + (s ? ` Did you mean ${s}?` : '') });
      continue;
    }
    if (spec.name === 'type') continue;
    if (type && !spec.types.includes(type)) {
      ctx.report({ range: o.getNameRange(), message: `"${key}" does not apply to type=${type} mounts (only to ${spec.types.join(', ')}), so the build stops here.` });
      continue;
    }
    if (value === null) {
      if (!spec.bare) ctx.report({ range: o.getRange(), message: `--mount option "${key}" needs a value (${key}=<value>), so the build stops here.` });
      continue;
    }
    if (spec.name === 'from' && hasVariable(value)) {
      ctx.report({ range: o.getValueRange() ?? o.getRange(), message: '--mount from= cannot use a variable: name a stage (FROM ${VAR} AS src) and mount from=src instead, otherwise the build stops here.' });
      continue;
    }
    if (hasVariable(value)) continue;
    const range = o.getValueRange() ?? o.getRange();
    let problem: string | undefined;
    switch (spec.kind) {
      case 'boolean':
        if (!/^(1|0|t|f|true|false)$/i.test(value)) problem = `"${key}" takes true or false, not "${value}"`;
        break;
      case 'enum':
        if (!spec.values?.includes(value.toLowerCase())) problem = `"${key}" accepts ${spec.values?.join(', ')}, not "${value}"`;
        break;
      case 'octal':
        if (!/^[0-7]+$/.test(value)) problem = `"mode" expects octal permission bits such as 0440, not "${value}"`;
        break;
      case 'unsigned':
        if (!/^\d+$/.test(value)) problem = `"${key}" expects a numeric id, not "${value}"`;
        break;
      case 'string':
        if (spec.name === 'target' && /^\/+$/.test(value)) problem = 'A mount cannot cover the root directory "/" of the build container';
        else if (spec.name === 'size' && !SIZE.test(value)) problem = `"size" expects a size such as 64m or 1g, not "${value}"`;
        break;
      default:
        break;
    }
    if (problem) ctx.report({ range, message: `${problem}, so the build stops here.` });
  }
  if (type === 'secret') {
    const has = (n: string) => options.some((o) => mountOption(o.getName())?.name === n);
    if (!has('source') && !has('id') && !has('target')) {
      ctx.report({ range: flag.getValueRange() ?? flag.getRange(), message: 'A secret mount needs an id (or a target), otherwise the builder does not know which secret to mount, so the build stops here.' });
    } else if (has('source') && has('id')) {
      ctx.report({ range: flag.getValueRange() ?? flag.getRange(), message: 'A secret mount takes either id or source (they mean the same), not both, so the build stops here.' });
    }
  }
}

export const invalidMount: DockerfileRule = {
  id: 'dockerfile/invalid-mount',
  aliases: [],
  family: 'syntax',
  defaultLevel: 'error',
  title: 'RUN --mount with an unknown type, option or value',
  explain: { docsUrl: REFERENCE_DOCS('run---mount') },
  check: {
    instruction: {
      RUN: (instr, ctx) => {
        if (!mayHaveFlags(ctx.model, instr)) return;
        for (const flag of instr.flags) if (flag.getName() === 'mount') checkMount(flag, ctx);
      },
    },
  },
};
