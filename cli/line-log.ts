/**
 * `serve`'s log: lines are batched and written together, so a busy server makes one write per batch
 * instead of one blocking write per request (stdout and stderr are synchronous for files and pipes).
 */
import type { TextStream } from '../engine/reporters/index.js';

interface LineLog {
  /** Queues one line; it is written within `maxDelayMs`, or at once in `immediate` mode. */
  line(text: string): void;
  /** Writes every queued line now. */
  flush(): void;
  /** Flushes and stops watching for the process's exit; lines after this are written at once. */
  close(): void;
}

interface LineLogOptions {
  /** Write each line as it comes (no batching). */
  immediate?: boolean;
  /** Longest time a line waits in the batch; default 100 ms. */
  maxDelayMs?: number;
  /** A batch this large (in characters) is written at once; default 64 KiB, one pipe buffer. */
  maxChars?: number;
}

export function createLineLog(stream: TextStream, options: LineLogOptions = {}): LineLog {
  const maxDelayMs = options.maxDelayMs ?? 100;
  const maxChars = options.maxChars ?? 65_536;
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending === '') return;
    const out = pending;
    pending = '';
    stream.write(out);
  };
  // A last batch still queued when the process ends is written on the way out (a sync write on a pipe or file).
  process.once('exit', flush);
  return {
    line(text) {
      pending += text.endsWith('\n') ? text : `${text}\n`;
      if (closed || options.immediate === true || pending.length >= maxChars) flush();
      // Unref'd: a queued line never keeps the process alive; 'exit' and an explicit flush write it.
      else if (timer === undefined) timer = setTimeout(flush, maxDelayMs).unref();
    },
    flush,
    close() {
      flush();
      closed = true;
      process.off('exit', flush);
    },
  };
}
