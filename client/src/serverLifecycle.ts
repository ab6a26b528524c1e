// Pure client logic around the language server's life: no `vscode` import, so unit tests run in Node.

/** Runs async jobs one at a time, in call order; a failed job never blocks the ones after it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The text of an error of any shape, on one line, without a stack trace. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.trim() || err.name;
  if (typeof err === 'string') return err.trim();
  if (err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    return (err as { message: string }).message.trim();
  }
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/**
 * What the user reads when the server does not start. It says what no longer works and what to
 * try, because a bare "start failed" leaves them guessing whether the extension is active at all.
 */
export function startFailureMessage(err: unknown, serverModule: string, bundleExists: boolean): string {
  const effect = 'Checks, hovers and quick fixes for Dockerfiles and Compose files are off until it runs.';
  if (!bundleExists) {
    return `Docker Tutor: the language server bundle is missing (${serverModule}). ${effect} ` +
      'In a source checkout, run "npm run build"; otherwise reinstall the extension.';
  }
  const detail = errorText(err);
  return `Docker Tutor: the language server could not start${detail ? ` (${detail})` : ''}. ${effect} ` +
    'See the Docker Tutor output for details, then try "Docker Tutor: Restart Language Server".';
}
