import type { TextEdit } from 'vscode-languageserver-types';
import type { ShellCommand } from '../../shell';
import { commandsNamed, hasFlag } from '../../shell';
import type { DockerfileRule } from '../types';
import { insertAfter, insertFix, meta, onRun, ruleState } from './common';

const POINTLESS: Readonly<Record<string, string>> = {
  ssh: 'a build has no interactive session and an image should not hold the keys to reach other hosts',
  vim: 'nobody edits files interactively during a build; edit them in the build context and COPY them',
  shutdown: 'there is no machine to shut down: the build step is a process in a container',
  service: 'services are not started during a build, and the process does not survive into the container; start it in CMD/ENTRYPOINT',
  ps: 'a build step sees only its own processes, so this tells you nothing about the running container',
  free: 'the memory seen during a build says nothing about the container that runs later',
  top: 'a build has no terminal to show it on',
  kill: 'no process started by an earlier step is still running in a build',
  mount: 'a build step may not mount file systems; use RUN --mount or volumes',
  ifconfig: 'the build network is not the network your container will have',
};

export const containerUnfriendlyCommand: DockerfileRule = {
  ...meta('container-unfriendly-command', 'DL3001', 'info', 'Command that makes no sense in a container build (ssh, vim, service, ps, …)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of view.commands) {
        const why = cmd.name !== undefined && Object.prototype.hasOwnProperty.call(POINTLESS, cmd.name) ? POINTLESS[cmd.name] : undefined;
        if (!why) continue;
        ctx.report({ range: cmd.words[0]!.range, message: `${cmd.name} makes little sense in an image build: ${why}.` });
      }
    }),
  },
};

interface CdData {
  readonly edits: TextEdit[];
  readonly dir: string;
}

export const cdInsteadOfWorkdir: DockerfileRule = {
  ...meta('cd-instead-of-workdir', 'DL3003', 'warning', 'Use WORKDIR to change directory, not cd (cd in a subshell is fine)'),
  check: {
    instruction: onRun((view, ctx) => {
      view.commands.forEach((cmd, i) => {
        if (cmd.name !== 'cd') return;
        // Better than hadolint: `(cd dir && make)` changes directory on purpose only inside the subshell.
        if (cmd.nesting.includes('subshell') || cmd.nesting.includes('substitution')) return;
        let data: CdData | undefined;
        const dir = cmd.words[1]?.value;
        const next = view.commands[i + 1];
        const instr = view.instr;
        if (i === 0 && view.form === 'shell' && !instr.parent && cmd.nesting.length === 0 && !cmd.inHeredoc && cmd.words.length === 2 &&
          dir !== undefined && !/[\s"'\\]/.test(dir) && cmd.next === '&&' && next && next.prev === '&&' && next.nesting.length === 0) {
          const doc = ctx.model.document;
          const indent = ' '.repeat(instr.keywordRange.start.character);
          data = {
            dir,
            edits: [
              { range: { start: instr.keywordRange.start, end: instr.keywordRange.start }, newText: `WORKDIR ${dir}\n${indent}` },
              { range: { start: doc.positionAt(cmd.start), end: doc.positionAt(next.start) }, newText: '' },
            ],
          };
        }
        ctx.report({
          range: cmd.words[0]!.range,
          message: 'cd only lasts until the end of this RUN, so later instructions silently run in the old directory; WORKDIR sets it for every following instruction and documents it.',
          data,
        });
      });
    }),
  },
  fix(_model, finding) {
    const d = finding.data as CdData | undefined;
    if (!d || !Array.isArray(d.edits)) return [];
    return [{ title: `Use WORKDIR ${d.dir} (later instructions also run there)`, isPreferred: true, edits: d.edits }];
  },
};

export const sudoInRun: DockerfileRule = {
  ...meta('sudo-in-run', 'DL3004', 'error', 'Do not use sudo'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['sudo'])) {
        const next = cmd.words[1];
        const fixable = next !== undefined && next.value !== undefined && !next.value.startsWith('-');
        ctx.report({
          range: cmd.words[0]!.range,
          message: 'sudo is pointless in a build (RUN already runs as the current USER, root by default) and leaves a privilege escalation path in the image; switch with USER, or use gosu at run time.',
          data: fixable ? { start: cmd.words[0]!.range.start, end: next.range.start } : undefined,
        });
      }
    }),
  },
  fix(_model, finding) {
    const d = finding.data as { start: { line: number; character: number }; end: { line: number; character: number } } | undefined;
    if (!d || !d.start || !d.end) return [];
    return [{ title: 'Remove sudo', isPreferred: true, edits: [{ range: { start: d.start, end: d.end }, newText: '' }] }];
  },
};

function flagValue(cmd: ShellCommand, short: string, long: string): string | undefined {
  const w = cmd.words;
  for (let i = 1; i < w.length; i++) {
    const v = w[i]!.value;
    if (v === undefined) continue;
    if (v === `-${short}` || v === `--${long}`) return w[i + 1]?.value;
    if (v.startsWith(`--${long}=`)) return v.slice(long.length + 3);
    if (v.startsWith(`-${short}`) && v.length > 2 && !v.startsWith('--')) return v.slice(2);
  }
  return undefined;
}

export const useraddWithoutL: DockerfileRule = {
  ...meta('useradd-without-l', 'DL3046', 'warning', 'useradd with a high UID needs -l (--no-log-init)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['useradd'])) {
        if (hasFlag(cmd, ['l'], ['no-log-init'])) continue;
        const uid = flagValue(cmd, 'u', 'uid');
        if (uid === undefined || uid.length <= 5) continue;
        const name = cmd.words[0]!;
        ctx.report({
          range: name.range,
          message: `useradd with UID ${uid} writes a lastlog/faillog entry at offset UID × record size: a sparse file the layer stores in full, often gigabytes. -l (--no-log-init) skips it.`,
          data: insertAfter(view, name, '-l', 'Add -l'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

export const wgetProgressBar: DockerfileRule = {
  ...meta('wget-progress-bar', 'DL3047', 'info', 'Use wget --progress=dot:giga (or -q/-nv)'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['wget'])) {
        if (hasFlag(cmd, ['q', 'o', 'a', 'nv'], ['progress', 'quiet', 'output-file', 'append-output', 'no-verbose'])) continue;
        const name = cmd.words[0]!;
        ctx.report({
          range: name.range,
          message: 'Without a terminal wget prints its progress bar as thousands of lines, which bloats and slows the build log; --progress=dot:giga keeps it short (-q or -nv silence it).',
          data: insertAfter(view, name, '--progress=dot:giga', 'Add --progress=dot:giga'),
        });
      }
    }),
  },
  fix: (_model, finding) => insertFix(finding),
};

const dl4001State = ruleState(() => ({ stage: -1, seen: new Set<string>() }));

export const curlAndWget: DockerfileRule = {
  ...meta('curl-and-wget', 'DL4001', 'warning', 'Use either wget or curl in a stage, not both'),
  check: {
    instruction: onRun((view, ctx) => {
      const st = dl4001State(ctx);
      const stage = view.instr.stage?.index ?? -1;
      if (st.stage !== stage) {
        st.stage = stage;
        st.seen.clear();
      }
      const here = commandsNamed(view, ['curl', 'wget']);
      if (here.length === 0) return;
      for (const c of here) st.seen.add(c.name!);
      if (st.seen.size < 2) return;
      const first = here[0]!;
      const other = first.name === 'curl' ? 'wget' : 'curl';
      ctx.report({
        range: first.words[0]!.range,
        message: `This stage uses both curl and wget: installing two download tools adds weight and attack surface for no gain; use ${other === 'wget' ? 'curl' : 'wget'} (or ${other}) throughout.`,
      });
    }),
  },
};

export const lnBinSh: DockerfileRule = {
  ...meta('ln-bin-sh', 'DL4005', 'warning', 'Use SHELL to change the default shell, not ln -s … /bin/sh'),
  check: {
    instruction: onRun((view, ctx) => {
      for (const cmd of commandsNamed(view, ['ln'])) {
        const operandsOnly = cmd.words.slice(1).filter((w) => !(w.value ?? '').startsWith('-'));
        const target = operandsOnly[operandsOnly.length - 1];
        if (target?.value !== '/bin/sh') continue;
        ctx.report({
          range: target.range,
          message: 'Replacing /bin/sh with a link changes the shell for every program in the image, not just your RUN lines; SHELL ["/bin/bash", "-c"] changes it for the Dockerfile only.',
        });
      }
    }),
  },
};

export const commandRules: readonly DockerfileRule[] = [containerUnfriendlyCommand, cdInsteadOfWorkdir, sudoInRun, useraddWithoutL, wgetProgressBar, curlAndWget, lnBinSh];
