/**
 * Reading a request body with a size cap and a deadline. Every read of one listener has the same timeout, so
 * deadlines fall due in the order reads start: one timer, set for the oldest read still waiting, stands in for
 * a timer per request (setting and clearing one per request was a measurable part of every write).
 */
import type { IncomingMessage } from 'node:http';
import { ScimError } from './scim-error.js';

/** A failure of the body read itself, answered before the request reaches a handler. */
export class BodyError extends Error {
  constructor(readonly scimError: ScimError) {
    super(scimError.detail);
  }
}

interface BodyWait {
  readonly deadline: number;
  /** Cleared once the read ends, one way or the other. */
  expire: (() => void) | undefined;
}

/** The deadlines of one listener's body reads, oldest first. */
export class BodyDeadlines {
  readonly #waits: BodyWait[] = [];
  #head = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly timeoutMs: number) {}

  start(expire: () => void): BodyWait {
    const wait: BodyWait = { deadline: performance.now() + this.timeoutMs, expire };
    this.#waits.push(wait);
    // Unref'd like a socket's own timeout: a read in progress keeps its socket, and so the process, alive.
    if (this.#timer === undefined) this.#timer = setTimeout(this.#fire, this.timeoutMs).unref();
    return wait;
  }

  finish(wait: BodyWait): void {
    wait.expire = undefined;
    this.#dropFinished();
  }

  #dropFinished(): void {
    const waits = this.#waits;
    while (this.#head < waits.length && (waits[this.#head] as BodyWait).expire === undefined) this.#head++;
    if (this.#head === waits.length) {
      waits.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > waits.length) {
      waits.splice(0, this.#head);
      this.#head = 0;
    }
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    this.#dropFinished();
    for (let wait = this.#waits[this.#head]; wait !== undefined; wait = this.#waits[this.#head]) {
      if (wait.deadline > now) {
        // Never early: what is left of the oldest deadline, in whole milliseconds.
        this.#timer = setTimeout(this.#fire, Math.max(1, Math.ceil(wait.deadline - now))).unref();
        return;
      }
      const expire = wait.expire;
      this.finish(wait);
      expire?.();
    }
  };
}

/** A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3), so nothing is awaited. */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
}

/** Reads the whole body, then calls `done` with it; `failed` gets a BodyError (413, 408, or a cut-off body). */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  deadlines: BodyDeadlines,
  done: (body: Buffer) => void,
  failed: (error: BodyError) => void,
): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    failed(new BodyError(ScimError.payloadTooLarge(`Request body exceeds ${maxBytes} bytes`)));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const wait = deadlines.start(() => {
    cleanup();
    failed(
      new BodyError(ScimError.requestTimeout(`Request body not received within ${deadlines.timeoutMs} ms`)),
    );
  });
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBytes) {
      cleanup();
      failed(new BodyError(ScimError.payloadTooLarge(`Request body exceeds ${maxBytes} bytes`)));
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = (): void => {
    cleanup();
    done(Buffer.concat(chunks, size));
  };
  const onError = (): void => {
    cleanup();
    // The client went away or broke the framing mid-body: its mistake, never a 500.
    failed(new BodyError(ScimError.invalidSyntax('The request body was cut off')));
  };
  function cleanup(): void {
    deadlines.finish(wait);
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
  }
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
}
