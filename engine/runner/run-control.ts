/**
 * How a run is stopped: the caller's AbortSignal, SIGINT/SIGTERM (CLI use), --max-time and the breaker all
 * end in one AbortController; the first reason is the one the report gives as `interrupted`.
 * @module
 */
import type { Report } from './report.js';
import { laterCleanupHint } from './run-guard.js';

export interface RunControl {
  /** Aborted when the run must stop starting checks (in-flight requests are cancelled too). */
  readonly signal: AbortSignal;
  /** Why the run was stopped, once it was. */
  interrupted(): Report['interrupted'];
  /** Stops the run for `why` (the first reason wins). */
  stop(why: NonNullable<Report['interrupted']>): void;
  /** Stops listening to the caller's AbortSignal (the checks are done; cleanup is not abortable by it). */
  detach(): void;
  /** Removes the SIGINT/SIGTERM handlers (after cleanup: a second Ctrl-C during cleanup still gets the hint). */
  dispose(): void;
}

export function createRunControl(options: {
  signal?: AbortSignal | undefined;
  handleSignals?: boolean | undefined;
  baseUrl: string;
  prefix: string;
}): RunControl {
  const controller = new AbortController();
  let interrupted: Report['interrupted'];
  const stop = (why: NonNullable<Report['interrupted']>) => {
    interrupted ??= why;
    controller.abort();
  };
  const onAbort = () => stop('ABORTED');
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  if (options.handleSignals) {
    for (const [sig, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const handler = () => {
        // A second signal while cleaning up means "stop now": say how to remove what may be left.
        if (interrupted) {
          process.stderr.write(`\n${laterCleanupHint(options.baseUrl, options.prefix)}\n`);
          process.exit(code);
        }
        interrupted = sig;
        controller.abort();
      };
      process.on(sig, handler);
      signalHandlers.push([sig, handler]);
    }
  }
  return {
    signal: controller.signal,
    interrupted: () => interrupted,
    stop,
    detach: () => options.signal?.removeEventListener('abort', onAbort),
    dispose: () => {
      for (const [sig, handler] of signalHandlers) process.off(sig, handler);
    },
  };
}
