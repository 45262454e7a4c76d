/**
 * An append-only JSONL journal: one framed record per committed change, each written with a single
 * `write` and flushed with `fdatasync` before the change is applied (and so before the client is answered).
 * A line is `<byte length>\t<sha256 prefix>\t<json>\n`; on open, a torn or garbled *last* line (a crash
 * mid-write) is dropped and cut off the file, while damage anywhere else refuses to load the store.
 * No native dependencies: node:fs only.
 * @module
 */
import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Why a journal could not be loaded; thrown at start-up (a misconfiguration, never an HTTP answer). */
export class JournalError extends TypeError {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`data file ${file} is corrupt at line ${line}: ${reason}`);
    this.name = 'JournalError';
  }
}

interface Journal<R> {
  /** The records found on open, oldest first (a torn last record excluded). */
  readonly records: readonly R[];
  /** True when a torn last record was found and cut off. */
  readonly recovered: boolean;
  /** Appends one record durably; throws if the write or the flush fails. */
  append(record: R): void;
  close(): void;
}

const checksum = (json: string): string =>
  createHash('sha256').update(json, 'utf8').digest('hex').slice(0, 16);

/** Frames one record as a single line. */
export function frame(record: unknown): Buffer {
  const json = JSON.stringify(record);
  return Buffer.from(`${Buffer.byteLength(json, 'utf8')}\t${checksum(json)}\t${json}\n`, 'utf8');
}

type Parsed<R> = { ok: true; record: R } | { ok: false; reason: string };

function parseLine<R>(line: Buffer): Parsed<R> {
  const text = line.toString('utf8');
  const first = text.indexOf('\t');
  const second = text.indexOf('\t', first + 1);
  if (first < 0 || second < 0) return { ok: false, reason: 'no frame header' };
  const length = Number(text.slice(0, first));
  const sum = text.slice(first + 1, second);
  const json = text.slice(second + 1);
  if (!Number.isInteger(length) || Buffer.byteLength(json, 'utf8') !== length)
    return { ok: false, reason: 'length mismatch' };
  if (checksum(json) !== sum) return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, record: JSON.parse(json) as R };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}

/** Opens (or creates) the journal at `file` and reads what it holds. */
export function openJournal<R>(file: string): Journal<R> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    data = Buffer.alloc(0);
  }
  const records: R[] = [];
  let good = 0;
  let recovered = false;
  let lineNo = 0;
  while (good < data.length) {
    lineNo++;
    const end = data.indexOf(0x0a, good);
    const last = end < 0 || end === data.length - 1;
    const parsed =
      end < 0 ? ({ ok: false, reason: 'no newline' } as const) : parseLine<R>(data.subarray(good, end));
    if (!parsed.ok) {
      // Only the final record can be torn by a crash; anything earlier means the file was damaged.
      if (!last) throw new JournalError(file, lineNo, parsed.reason);
      recovered = true;
      break;
    }
    records.push(parsed.record);
    good = end + 1;
  }
  const fd = openSync(file, 'a+');
  if (recovered) {
    ftruncateSync(fd, good);
    fdatasyncSync(fd);
  }
  let closed = false;
  return {
    records,
    recovered,
    append(record) {
      if (closed) throw new Error('journal is closed');
      const bytes = frame(record);
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fdatasyncSync(fd);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
