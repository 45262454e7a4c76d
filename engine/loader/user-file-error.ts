/**
 * The error of a user-authored check, suite or profile file that cannot be used: it names the file
 * and, where known, the line and column, so the CLI can exit 2 before any request is sent.
 * @module
 */
import { isAbsolute, relative } from 'node:path';
import { HarnessError } from '../errors.js';

/** One reason a user file is unusable; `line` and `column` are 1-based. */
export interface UserFileProblem {
  line?: number;
  column?: number;
  message: string;
}

/** `path` relative to the working directory when it lies below it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function location(file: string, problem: UserFileProblem): string {
  if (problem.line === undefined) return file;
  return problem.column === undefined
    ? `${file}:${problem.line}`
    : `${file}:${problem.line}:${problem.column}`;
}

/** A user file that does not compile, throws on load or exports something unusable (CONFIG_INVALID, exit 2). */
export class UserFileError extends HarnessError {
  readonly file: string;
  readonly problems: readonly UserFileProblem[];

  constructor(file: string, problems: readonly UserFileProblem[], options?: { cause?: unknown }) {
    const shown = displayPath(file);
    super('CONFIG_INVALID', problems.map((p) => `${location(shown, p)}: ${p.message}`).join('\n'), options);
    this.name = 'UserFileError';
    this.file = file;
    this.problems = problems;
  }
}
