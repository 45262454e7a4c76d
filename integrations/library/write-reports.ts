/**
 * Report files of a run, as `--report` and `--out` write them.
 * @module
 */
import { appendFile } from 'node:fs/promises';
import { prepareOutFolder } from '../../engine/config/index.js';
import { HarnessError, isHarnessError } from '../../engine/errors.js';
import {
  HTML_REPORT_FILE,
  renderMarkdown,
  writeHar,
  writeHtmlReport,
  writeJsonReport,
  writeJunitReport,
  writeMarkdownReport,
} from '../../engine/reporters/index.js';
import type { Report } from '../../engine/runner/index.js';
import type { ReporterName } from '../options/index.js';

/** The reporters that write files into `--out` (console writes to a stream). */
function fileReporters(reporters: readonly ReporterName[]): ReporterName[] {
  return reporters.filter((r) => r !== 'console');
}

/**
 * Proves before the run that `out` can hold the report files of `reporters` (nothing to prove for console
 * alone); leaves the file system as it was. Throws `USAGE` with one sentence otherwise.
 */
export async function checkOutFolder(reporters: readonly ReporterName[], out: string): Promise<void> {
  if (fileReporters(reporters).length > 0) await prepareOutFolder(out, { keep: false });
}

/**
 * Writes the file reporters among `reporters` to `out` and returns the paths written. With `md` and a
 * `githubStepSummary` file, the markdown summary is also appended there.
 */
export async function writeReports(
  report: Report,
  reporters: readonly ReporterName[],
  out: string,
  githubStepSummary?: string,
): Promise<string[]> {
  const written: string[] = [];
  if (fileReporters(reporters).length === 0) return written;
  // Level by level: the writers' own recursive mkdir then finds the folder and cannot loop.
  await prepareOutFolder(out);
  try {
    await writeFiles(report, reporters, out, written, githubStepSummary);
  } catch (err) {
    if (isHarnessError(err)) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new HarnessError(
      'USAGE',
      `cannot write reports to ${out}: ${code ?? (err instanceof Error ? err.message : String(err))}`,
      { cause: err },
    );
  }
  return written;
}

async function writeFiles(
  report: Report,
  reporters: readonly ReporterName[],
  out: string,
  written: string[],
  githubStepSummary: string | undefined,
): Promise<void> {
  if (reporters.includes('json')) written.push(await writeJsonReport(report, out));
  if (reporters.includes('junit')) written.push(await writeJunitReport(report, out));
  if (reporters.includes('html')) written.push(await writeHtmlReport(report, out));
  const htmlLink = reporters.includes('html') ? { htmlReportPath: HTML_REPORT_FILE } : {};
  if (reporters.includes('md')) written.push(await writeMarkdownReport(report, out, htmlLink));
  if (reporters.includes('har')) written.push(await writeHar(report, out));
  if (reporters.includes('md') && githubStepSummary)
    await appendFile(githubStepSummary, renderMarkdown(report, htmlLink));
}
