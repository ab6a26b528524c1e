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

/** The part of a `LanguageClient` the controller needs; tests pass a fake. */
export interface ClientLike {
  start(): Promise<void>;
  dispose(timeout?: number): Promise<void>;
}

export interface ServerControllerDeps<C extends ClientLike> {
  readonly serverModule: string;
  bundleExists(path: string): boolean;
  createClient(): C;
  /** Tells the user; must not throw. */
  showError(message: string): void;
  readonly log: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

const STOP_TIMEOUT_MS = 2000;

/**
 * Starts, restarts and stops the language client, one operation at a time. A failed start is
 * reported once and leaves no half-started client behind; nothing here throws to the caller,
 * so a broken server can never take the extension down with it.
 */
export class ServerController<C extends ClientLike> {
  private readonly queue = new SerialQueue();
  private client: C | undefined;
  private shutDown = false;

  constructor(private readonly deps: ServerControllerDeps<C>) {}

  /** The running (or starting) client, if any. */
  get current(): C | undefined {
    return this.client;
  }

  start(): Promise<void> {
    return this.queue.run(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.queue.run(async () => {
      if (this.shutDown) return;
      this.deps.log.info('restarting the language server');
      await this.doStop();
      await this.doStart();
    });
  }

  /** Stops for good: later start/restart calls do nothing. */
  shutdown(): Promise<void> {
    this.shutDown = true;
    return this.queue.run(() => this.doStop());
  }

  private async doStart(): Promise<void> {
    if (this.shutDown || this.client) return;
    const { serverModule } = this.deps;
    if (!this.deps.bundleExists(serverModule)) {
      this.report(undefined, false);
      return;
    }
    let next: C;
    try {
      next = this.deps.createClient();
    } catch (err) {
      this.report(err, true);
      return;
    }
    this.client = next;
    try {
      await next.start();
      this.deps.log.info(`language server started (${serverModule})`);
    } catch (err) {
      this.report(err, true);
      await this.doStop();
    }
  }

  private async doStop(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (!old) return;
    try {
      await old.dispose(STOP_TIMEOUT_MS);
    } catch (err) {
      this.deps.log.warn(`stopping the language server: ${errorText(err)}`);
    }
  }

  private report(err: unknown, bundleExists: boolean): void {
    const message = startFailureMessage(err, this.deps.serverModule, bundleExists);
    this.deps.log.error(message);
    try {
      this.deps.showError(message);
    } catch (e) {
      this.deps.log.error(`could not show the error: ${errorText(e)}`);
    }
  }
}
