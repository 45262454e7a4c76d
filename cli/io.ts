/** Shared plumbing of the command line: streams, exit codes, small output helpers. */
import type { TextStream } from '../engine/reporters/index.js';

export interface CliIo {
  stdout: TextStream;
  stderr: TextStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes of the command line (docs/cli.md, "Exit codes"). */
export const EXIT = { OK: 0, CHECKS_FAILED: 1, USAGE: 2, SIGINT: 130, SIGTERM: 143 } as const;

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function write(stream: TextStream, line: string): void {
  stream.write(line.endsWith('\n') ? line : `${line}\n`);
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/** An "Examples:" block for `--help` (commander's addHelpText('after', …)). */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
