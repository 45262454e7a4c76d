/**
 * `--profile ./my-idp.ts`: loads a profile module (TypeScript through ts-node, or JavaScript) and
 * hands its data to the profile loader (YAML/JSON rules: JSON Schema, variants, semantic checks),
 * so a profile written in code ends up exactly as a profile file would.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { ProfileData } from '../profile/index.js';
import { importUserModule, JS_EXTENSIONS, TS_EXTENSIONS } from './import-module.js';
import { UserFileError, type UserFileProblem } from './user-file-error.js';
import { isObject } from '../../protocol/json.js';

/** True for paths `--profile` loads as code rather than as a YAML/JSON data file. */
export function isProfileModule(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ([...TS_EXTENSIONS, ...JS_EXTENSIONS] as readonly string[]).includes(ext) && !path.endsWith('.d.ts');
}

interface LoadProfileOptions {
  transpileOnly?: boolean;
  /**
   * The profile loader of YAML/JSON files (profiles/: `loadProfileFile`); it resolves `variantOf`
   * and validates. Injected because engine/ never imports profiles/.
   */
  loadDataFile(path: string): ProfileData;
}

interface LoadedProfile {
  profile: ProfileData;
  compileMs: number;
  totalMs: number;
}

function pick(exports: Record<string, unknown>): Record<string, unknown> | string {
  if ('default' in exports) {
    return isObject(exports['default'])
      ? exports['default']
      : 'the default export is not a profile object (use defineProfile({...}))';
  }
  const named = Object.values(exports).filter((v) => isObject(v) && typeof v['name'] === 'string');
  if (named.length === 1 && named[0]) return named[0] as Record<string, unknown>;
  return named.length === 0
    ? 'exports no profile: use `export default defineProfile({...})`'
    : 'exports several profile-like objects: make the profile the default export';
}

/** The place in the source of the last key of a JSON pointer such as `/patch/opCase`. */
function positionOfPointer(source: string, pointer: string): Pick<UserFileProblem, 'line' | 'column'> {
  const key = pointer.split('/').pop()?.replace(/~1/g, '/').replace(/~0/g, '~');
  if (!key) return {};
  for (const needle of [`${key}:`, `'${key}'`, `"${key}"`]) {
    const at = source.indexOf(needle);
    if (at >= 0) {
      const before = source.slice(0, at).split('\n');
      return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
    }
  }
  return {};
}

/** Loads, resolves and validates a profile module; UserFileError (exit 2) naming the file when it cannot. */
export async function loadProfileModule(path: string, options: LoadProfileOptions): Promise<LoadedProfile> {
  const file = resolve(path);
  const imported = await importUserModule(file, { transpileOnly: options.transpileOnly ?? false });
  const chosen = pick(imported.exports);
  if (typeof chosen === 'string') throw new UserFileError(file, [{ message: chosen }]);
  const dir = mkdtempSync(join(tmpdir(), 'scimulator-profile-'));
  const data = join(dir, `${basename(file, extname(file))}.json`);
  try {
    writeFileSync(data, JSON.stringify(chosen, null, 2));
    const profile = options.loadDataFile(data);
    return { profile, compileMs: imported.compileMs, totalMs: imported.totalMs };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!message.includes(data)) throw err;
    // The profile loader's message names the stand-in JSON file and a pointer: point at the user's file.
    const detail = message.replace(`${data}: `, '').replaceAll(data, file);
    const pointer = (err as { pointer?: unknown }).pointer;
    const source = readFileSync(file, 'utf8');
    const where = typeof pointer === 'string' ? positionOfPointer(source, pointer) : {};
    throw new UserFileError(file, [{ ...where, message: `invalid profile: ${detail}` }], { cause: err });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
