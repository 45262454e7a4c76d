/**
 * Writes a recording file as exchanges arrive. Every exchange rewrites the whole file through a temporary
 * file and a rename, so the file on disk is always a complete, valid recording (Ctrl-C loses nothing and a
 * reader never sees half a document); writes that pile up while one is running are coalesced into one.
 * @module
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { redactExchange } from './redact-exchange.js';
import {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type Recording,
  type RecordingExchange,
  type RecordingSource,
} from './types.js';

/** An exchange before it has a place in the session. */
export type NewExchange = Omit<RecordingExchange, 'seq'>;

interface RecordingWriterOptions {
  source: RecordingSource;
  /** Strings that must never reach the file (e.g. the token of `serve --token`). */
  secrets?: string[];
}

/** Serialises a recording the way every writer does (2-space JSON, final newline). */
function serialiseRecording(recording: Recording): string {
  return `${JSON.stringify(recording, null, 2)}\n`;
}

/** Writes `text` to `file` atomically: a sibling temporary file renamed over it. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, target);
}

/** Collects exchanges in arrival order and keeps `file` up to date. */
export class RecordingWriter {
  readonly file: string;
  private readonly recording: Recording;
  private readonly secrets: string[];
  private writing: Promise<void> | undefined;
  private dirty = false;
  private failure: unknown;

  constructor(file: string, options: RecordingWriterOptions) {
    this.file = file;
    this.secrets = options.secrets ?? [];
    this.recording = {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      createdAt: new Date().toISOString(),
      source: options.source,
      exchanges: [],
    };
  }

  /** The exchanges so far (already redacted). */
  get exchanges(): readonly RecordingExchange[] {
    return this.recording.exchanges;
  }

  /** Redacts and appends one exchange, then schedules a write of the file. */
  append(exchange: NewExchange): RecordingExchange {
    const seq = this.recording.exchanges.length + 1;
    const redacted = redactExchange({ seq, ...exchange }, this.secrets);
    this.recording.exchanges.push(redacted);
    this.schedule();
    return redacted;
  }

  /** Writes the empty recording at start, so the file exists as soon as recording begins. */
  async start(): Promise<void> {
    this.schedule();
    await this.flush();
  }

  /** Resolves once everything appended so far is on disk; rejects if a write failed. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  /** The final write. */
  async close(): Promise<Recording> {
    this.schedule();
    await this.flush();
    return this.recording;
  }

  private schedule(): void {
    this.dirty = true;
    if (this.writing) return;
    this.writing = (async () => {
      while (this.dirty) {
        this.dirty = false;
        try {
          await writeFileAtomic(this.file, serialiseRecording(this.recording));
        } catch (err) {
          this.failure = err;
        }
      }
      this.writing = undefined;
    })();
  }
}
