import type { Disposable, LogOutputChannel } from 'vscode';
import { commands, window } from 'vscode';

export interface Output extends Disposable {
  /** What the extension and the server log. */
  readonly log: LogOutputChannel;
  /** LSP message trace, active when `dockerTutor.trace.server` is on and this channel's level is Trace. */
  readonly trace: LogOutputChannel;
}

/** The output channels and the `dockerTutor.output.show` command. */
export function registerOutput(): Output {
  const log = window.createOutputChannel('Docker Tutor', { log: true });
  const trace = window.createOutputChannel('Docker Tutor (LSP trace)', { log: true });
  const show = commands.registerCommand('dockerTutor.output.show', () => log.show(true));
  return {
    log,
    trace,
    dispose: () => {
      show.dispose();
      trace.dispose();
      log.dispose();
    },
  };
}
