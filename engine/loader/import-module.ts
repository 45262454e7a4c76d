/**
 * Imports a user module (TypeScript compiled by compile-ts.ts, or plain .js/.mjs) and turns a throw
 * on load into a UserFileError with the file, line and column.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTypeScript } from './compile-ts.js';
import { packageEntry } from './package-entry.js';
import { UserFileError, type UserFileProblem } from './user-file-error.js';

/** Extensions compiled with ts-node. */
export const TS_EXTENSIONS = ['.ts', '.mts'] as const;
/** Extensions imported as they are. */
export const JS_EXTENSIONS = ['.js', '.mjs'] as const;

const BARE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])scimulator\2/g;

/** Binds `import … from 'scimulator'` to the running package, whether or not the file's folder has node_modules. */
function bindScimulatorImports(js: string): string {
  const target = packageEntry().runtime;
  return js.replace(
    BARE_SPECIFIER,
    (_match, keyword: string, quote: string) => `${keyword}${quote}${target}${quote}`,
  );
}

interface ImportedModule {
  exports: Record<string, unknown>;
  /** Milliseconds spent compiling (0 for JavaScript). */
  compileMs: number;
  /** Milliseconds spent compiling and evaluating. */
  totalMs: number;
}

/** Writes the module beside the user's file (so relative and node_modules imports resolve), else in tmpdir. */
function writeTemp(file: string, js: string): { path: string; dispose(): void } {
  const name = `.${basename(file)}.scimulator-${process.pid}-${randomBytes(4).toString('hex')}.mjs`;
  const beside = join(dirname(file), name);
  try {
    writeFileSync(beside, js, { flag: 'wx' });
    return { path: beside, dispose: () => unlinkSync(beside) };
  } catch {
    const dir = mkdtempSync(join(tmpdir(), 'scimulator-user-'));
    const path = join(dir, name);
    writeFileSync(path, js);
    return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Maps a 1-based position in compiled JavaScript back to the TypeScript source through its inline source map. */
function mapToSource(js: string, line: number, column: number): Pick<UserFileProblem, 'line' | 'column'> {
  const inline =
    /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
  if (!inline?.[1]) return { line, column };
  try {
    const map = new SourceMap(
      JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) as SourceMapPayload,
    );
    const entry = map.findEntry(line - 1, column - 1) as Partial<SourceMapping>;
    if (typeof entry.originalLine !== 'number' || typeof entry.originalColumn !== 'number') return {};
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return {};
  }
}

/**
 * Where in `file` the error was raised, from the stack trace: a frame of the user's file (Node maps
 * compiled frames back when source maps are on), else a frame of the compiled stand-in `temp`.
 */
function positionOf(
  err: unknown,
  file: string,
  temp: string | undefined,
  js: string,
): Pick<UserFileProblem, 'line' | 'column'> {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const at = (name: string) =>
    new RegExp(`${escapeRegExp(name)}(?:\\?[^:\\s)]*)?:(\\d+)(?::(\\d+))?`).exec(stack);
  for (const name of [pathToFileURL(file).href, file]) {
    const m = at(name);
    if (m?.[1]) return { line: Number(m[1]), ...(m[2] ? { column: Number(m[2]) } : {}) };
  }
  if (temp) {
    for (const name of [pathToFileURL(temp).href, temp]) {
      const m = at(name);
      if (m?.[1]) return mapToSource(js, Number(m[1]), Number(m[2] ?? 1));
    }
  }
  return {};
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Compiles (TypeScript) or reads (JavaScript) `file` and imports it. UserFileError when it does not
 * compile or throws while loading.
 */
export async function importUserModule(
  file: string,
  options: { transpileOnly?: boolean } = {},
): Promise<ImportedModule> {
  const started = performance.now();
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserFileError(file, [{ message: `cannot read the file (${describeError(err)})` }], {
      cause: err,
    });
  }
  const ext = extname(file).toLowerCase();
  let js: string;
  let compileMs = 0;
  if ((TS_EXTENSIONS as readonly string[]).includes(ext)) {
    js = compileTypeScript(file, source, options.transpileOnly ?? false);
    compileMs = performance.now() - started;
  } else {
    js = source;
  }
  const bound = bindScimulatorImports(js);
  // Stack traces of compiled files point into the .ts source through the inline source map.
  process.setSourceMapsEnabled(true);
  const temp = bound === source ? undefined : writeTemp(file, bound);
  // A query makes every load a fresh module instance (a changed file in the same process, tests).
  const url = `${pathToFileURL(temp?.path ?? file).href}?load=${randomBytes(4).toString('hex')}`;
  try {
    const exports = (await import(url)) as Record<string, unknown>;
    return { exports: { ...exports }, compileMs, totalMs: performance.now() - started };
  } catch (err) {
    const where = positionOf(err, file, temp?.path, bound);
    throw new UserFileError(file, [{ ...where, message: `throws while loading: ${describeError(err)}` }], {
      cause: err,
    });
  } finally {
    try {
      temp?.dispose();
    } catch {
      // Already gone: nothing to clean.
    }
  }
}
