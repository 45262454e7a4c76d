/**
 * `--out`: proves before the first request that the report folder can be created and written, so a
 * mistyped or unwritable folder is one sentence and exit 2 instead of a crash after the whole run.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { HarnessError } from '../errors.js';

/** Deeper than any real report folder; bounds the walk so no path can loop (Node 20's recursive mkdir can). */
const MAX_NEW_LEVELS = 64;

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENOENT':
      return 'the file system does not allow new folders or files there';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

function unusable(out: string, why: string, cause?: unknown): HarnessError {
  return new HarnessError('USAGE', `cannot write reports to --out ${out}: ${why}`, { cause });
}

async function kind(path: string): Promise<'dir' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file higher up; the walk upwards finds and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw err;
  }
}

/**
 * Creates `out` level by level (bounded), writes and removes a probe file, and returns the folders it
 * created (deepest last). Throws `USAGE` with one sentence when the folder cannot hold reports: it is a file,
 * lies below a file, or sits on a pseudo file system such as /proc or /sys that refuses new files.
 * With `keep: false` the folders it created are removed again, so a check leaves nothing behind.
 */
export async function prepareOutFolder(out: string, { keep = true } = {}): Promise<string[]> {
  if (out.trim() === '') throw new HarnessError('USAGE', '--out must name a folder, got an empty string');
  const target = resolve(out);
  const missing: string[] = [];
  let existing = target;
  try {
    for (;;) {
      const k = await kind(existing);
      if (k === 'dir') break;
      if (k === 'other')
        throw unusable(
          out,
          existing === target ? 'it is a file, not a folder' : `${existing} is a file, not a folder`,
        );
      missing.unshift(existing);
      const parent = dirname(existing);
      if (parent === existing || missing.length > MAX_NEW_LEVELS)
        throw unusable(out, 'too many folders would have to be created');
      existing = parent;
    }
  } catch (err) {
    if (err instanceof HarnessError) throw err;
    throw unusable(out, reason(err), err);
  }
  const created: string[] = [];
  const undo = async () => {
    for (const dir of [...created].reverse()) await rmdir(dir).catch(() => undefined);
  };
  try {
    for (const dir of missing) {
      await mkdir(dir);
      created.push(dir);
    }
    // Only a real write proves the folder usable: /proc and /sys accept stat and open but refuse files.
    const probe = resolve(target, `.scimulator-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, 'probe\n', { flag: 'wx' });
    await unlink(probe);
  } catch (err) {
    await undo();
    throw unusable(out, reason(err), err);
  }
  if (!keep) await undo();
  return keep ? created : [];
}
