/**
 * Compiles one user TypeScript file to an ES module with ts-node's `create()` service: type-checked
 * by default, or only transpiled (`--transpile-only`). The compiler options are fixed (the user's
 * tsconfig.json is not read) and `scimulator` resolves to the running package (package-entry.ts).
 * @module
 */
import { createRequire } from 'node:module';
import type { create, Service, TSError } from 'ts-node';
import { packageEntry } from './package-entry.js';
import { UserFileError, type UserFileProblem } from './user-file-error.js';

const require = createRequire(import.meta.url);

/** The compiler options user files are checked with: strict ES2022 modules, bundler-style resolution. */
function userCompilerOptions(): Record<string, unknown> {
  return {
    target: 'es2022',
    module: 'es2022',
    moduleResolution: 'bundler',
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    allowJs: true,
    sourceMap: true,
    paths: { scimulator: [packageEntry().types] },
  };
}

const services = new Map<boolean, Service>();

function service(file: string, transpileOnly: boolean): Service {
  let svc = services.get(transpileOnly);
  if (!svc) {
    try {
      // Loaded on first use: runs without user TypeScript never pay for the compiler.
      const tsNode = require('ts-node') as { create: typeof create };
      svc = tsNode.create({ skipProject: true, transpileOnly, compilerOptions: userCompilerOptions() });
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
      throw new UserFileError(
        file,
        [
          {
            message: missing
              ? `loading TypeScript needs the "typescript" and "ts-node" packages (npm install --save-dev typescript): ${(err as Error).message.split('\n')[0]}`
              : `cannot start the TypeScript compiler: ${(err as Error).message}`,
          },
        ],
        { cause: err },
      );
    }
    services.set(transpileOnly, svc);
  }
  return svc;
}

function isTsError(err: unknown): err is TSError {
  return err instanceof Error && Array.isArray((err as Partial<TSError>).diagnostics);
}

function problemsOf(svc: Service, file: string, err: TSError): UserFileProblem[] {
  const ts = svc.ts;
  return err.diagnostics.map((d) => {
    const text = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    if (!d.file || d.start === undefined) return { message: text };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    if (d.file.fileName === file.replace(/\\/g, '/') || d.file.fileName === file) {
      return { line: line + 1, column: character + 1, message: text };
    }
    return { message: `${d.file.fileName}:${line + 1}:${character + 1}: ${text}` };
  });
}

/** The ES module text of `file` (with an inline source map), or UserFileError naming each diagnostic. */
export function compileTypeScript(file: string, source: string, transpileOnly: boolean): string {
  const svc = service(file, transpileOnly);
  try {
    return svc.compile(source, file);
  } catch (err) {
    if (isTsError(err)) throw new UserFileError(file, problemsOf(svc, file, err), { cause: err });
    throw err;
  }
}
