/**
 * The editing features answer empty instead of throwing into the editor; this lets a test see
 * the errors they swallowed, so a bug cannot hide behind an empty answer.
 */
let sink: ((err: unknown) => void) | undefined;

export function setSwallowedErrorSink(f: ((err: unknown) => void) | undefined): void {
  sink = f;
}

export function swallowed(err: unknown): void {
  sink?.(err);
}
