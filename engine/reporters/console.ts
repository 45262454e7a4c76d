/**
 * Console reporter, failures first: the failures grouped by cause (each with expected/actual, the request that
 * decided it and the fix; blocked dependents under their cause), one summary line, then the verdicts.
 * `verbose` also prints a live line per check and the suite table.
 * Colours honour NO_COLOR / FORCE_COLOR and are off when the stream is not a TTY.
 * @module
 */
import pc from 'picocolors';
import type { CheckResult } from '../model/index.js';
import { groupByCause } from '../runner/causes.js';
import type { FailOn, Report } from '../runner/report.js';
import { gates } from '../runner/report.js';
import { describeVerdictEvidence } from '../runner/verdict-evidence.js';
import { leftoverLine, leftoverWarning } from './leftovers.js';
import { pacingLine } from './pacing.js';
import { levelTag, plural, resultDetail, verdictPhrase } from './text.js';

export interface TextStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ConsoleReporterOptions {
  stream: TextStream;
  /** Force colours on or off; default from the stream and the environment. */
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  /**
   * A live line per finished check (passes, skips and blocked too) and the suite table, as `--verbose`; default
   * off: only failures are printed as they happen.
   */
  verbose?: boolean;
  /** Print passing checks live (default: `verbose`; with the progress line, passes only move the counter). */
  showPasses?: boolean;
  /** One status line redrawn in place instead of a line per passing check; default on a TTY outside CI. */
  progress?: boolean;
}

/** Colours on for a TTY unless NO_COLOR is set; FORCE_COLOR (not "0") forces them on. */
export function useColor(stream: TextStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/** `218 passed, 67 failed, 12 skipped, 0 errored (67 failures, 40 causes), 9 blocked, 3 inconclusive in 1.2s (seed 7)`; `known` and `fixed` follow `errored` with a baseline. */
function summaryLine(report: Report): string {
  const s = report.summary;
  const failures = s.failed + s.errored;
  const parts = [
    `${s.passed} passed`,
    `${s.failed} failed`,
    `${s.skipped} skipped`,
    `${s.errored} errored${s.causes !== undefined && failures > 0 ? ` (${failures} failures, ${s.causes} cause${s.causes === 1 ? '' : 's'})` : ''}`,
    ...(s.known !== undefined ? [`${s.known} known`] : []),
    ...(report.baseline?.fixed.length ? [`${report.baseline.fixed.length} fixed`] : []),
    ...(s.blocked ? [`${s.blocked} blocked`] : []),
    ...(s.inconclusive ? [`${s.inconclusive} inconclusive`] : []),
  ];
  return `${parts.join(', ')} in ${(report.durationMs / 1000).toFixed(1)}s (seed ${report.seed})`;
}

export interface ConsoleReporter {
  start(info: { target: string; seed: number; planned: number; version: string }): void;
  result(result: CheckResult): void;
  end(report: Report, failOn: FailOn): void;
}

export function createConsoleReporter(options: ConsoleReporterOptions): ConsoleReporter {
  const c = pc.createColors(options.color ?? useColor(options.stream, options.env));
  const env = options.env ?? process.env;
  const progress =
    options.progress ?? (options.stream.isTTY === true && env.CI === undefined && env.TERM !== 'dumb');
  // The status line is erased before any other output, so lines never interleave with it.
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) options.stream.write('\r\x1b[2K');
    statusShown = false;
  };
  const out = (line = '') => {
    clearStatus();
    options.stream.write(`${line}\n`);
  };
  const verbose = options.verbose === true;
  const showPasses = (options.showPasses ?? verbose) && !progress;
  let planned = 0;
  const seen = { done: 0, pass: 0, fail: 0, skip: 0, error: 0, blocked: 0, inconclusive: 0 };
  const drawStatus = (current: string) => {
    const counts = `[${seen.done}/${planned}] ${seen.pass} passed, ${seen.fail} failed, ${seen.skip} skipped, ${seen.error} errored`;
    const width = Math.max(20, (options.stream.columns ?? 100) - 1);
    const line = `${counts}  ${current}`.slice(0, width);
    options.stream.write(`\r\x1b[2K${c.dim(line)}`);
    statusShown = true;
  };
  const label = (r: Pick<CheckResult, 'id' | 'profile'>) =>
    r.profile === 'rfc' ? r.id : `${r.id} [${r.profile}]`;

  const writeResult = (r: CheckResult): void => {
    const ms = c.dim(`${Math.round(r.ms)}ms`);
    if (r.known) {
      out(
        `  ${c.dim('~')} ${label(r)} ${c.dim(`${r.level} ${r.code ?? ''} (known failure, in the baseline)`)} ${ms}`,
      );
      return;
    }
    switch (r.outcome) {
      case 'pass':
        if (showPasses) out(`  ${c.green('✓')} ${label(r)} ${ms}`);
        break;
      case 'fail':
        out(`  ${c.red('✗')} ${label(r)} ${c.red(`${r.level} ${r.code ?? ''}`.trim())} ${ms}`);
        break;
      case 'skip':
        if (!progress && verbose)
          out(`  ${c.dim('-')} ${c.dim(label(r))} ${c.dim(`skipped: ${r.message ?? ''}`)}`);
        break;
      case 'error':
        out(`  ${c.yellow('!')} ${label(r)} ${c.yellow(r.code ?? 'ERROR')} ${ms}`);
        break;
      case 'blocked':
        if (!progress && verbose)
          out(`  ${c.dim('○')} ${c.dim(label(r))} ${c.dim(`blocked by ${r.blockedBy ?? '?'}`)}`);
        break;
      case 'inconclusive':
        if (verbose) out(`  ${c.yellow('?')} ${label(r)} ${c.dim(`inconclusive: ${r.message ?? ''}`)}`);
        break;
    }
  };

  const writeSuiteTable = (report: Report): void => {
    out();
    type Row = { passed: number; failed: number; skipped: number; errored: number; known?: number };
    const suites = new Map<string, Row>();
    const withKnown = report.summary.known !== undefined;
    for (const r of report.results) {
      const row = suites.get(r.suite) ?? { passed: 0, failed: 0, skipped: 0, errored: 0 };
      if (withKnown) row.known ??= 0;
      if (r.known && row.known !== undefined) row.known++;
      else if (r.outcome === 'pass') row.passed++;
      else if (r.outcome === 'fail') row.failed++;
      else if (r.outcome === 'skip' || r.outcome === 'blocked' || r.outcome === 'inconclusive') row.skipped++;
      else row.errored++;
      suites.set(r.suite, row);
    }
    const width = Math.max(5, ...[...suites.keys()].map((s) => s.length));
    out(c.bold(`${pad('suite', width)}  passed  failed  skipped  errored${withKnown ? '  known' : ''}`));
    const row = (name: string, v: Row) =>
      `${pad(name, width)}  ${padStart(String(v.passed), 6)}  ${padStart(String(v.failed), 6)}  ${padStart(String(v.skipped), 7)}  ${padStart(String(v.errored), 7)}${v.known !== undefined ? `  ${padStart(String(v.known), 5)}` : ''}`;
    for (const [name, v] of suites) out(row(name, v));
    const s = report.summary;
    out(c.bold(row('total', { ...s, skipped: s.skipped + (s.blocked ?? 0) + (s.inconclusive ?? 0) })));
  };

  /** Failures grouped by cause: the root in full, same-cause failures and blocked dependents one line each. */
  const writeFailures = (report: Report, failOn: FailOn): void => {
    const { causes } = groupByCause(report.results);
    const open = causes.filter((cause) => !cause.known);
    if (open.length === 0) return;
    const failedCount = open.reduce((n, cause) => n + cause.failed.filter((r) => !r.known).length, 0);
    out();
    out(c.bold(`Failures: ${failedCount} failed check(s), ${open.length} cause(s)`));
    for (const cause of open) {
      const [root, ...same] = cause.failed.filter((r) => !r.known);
      if (!root) continue;
      out();
      const mark = root.outcome === 'fail' ? c.red('✗') : c.yellow('!');
      const gate = gates(root.level, failOn) ? '' : c.dim(' (does not gate)');
      out(`${mark} ${c.bold(label(root))} ${c.dim(levelTag(root))}${gate}`);
      for (const line of resultDetail(root)) out(`    ${line}`);
      for (const r of same)
        out(`  ${c.red('✗')} ${label(r)} ${c.dim(`[${r.level}] same request, same ${r.code ?? 'failure'}`)}`);
      for (const r of cause.blocked)
        out(`  ${c.dim('○')} ${label(r)} ${c.dim(`[${r.level}] blocked by ${r.blockedBy ?? root.id}`)}`);
    }
  };

  return {
    start(info) {
      planned = info.planned;
      out(
        `${c.bold('scimulator')} ${info.version} → ${info.target}  ${c.dim(`(seed ${info.seed}, ${plural(info.planned, 'check')})`)}`,
      );
    },

    result(r) {
      seen.done++;
      seen[r.outcome]++;
      writeResult(r);
      if (progress) drawStatus(label(r));
    },

    end(report, failOn) {
      if (verbose) writeSuiteTable(report);
      writeFailures(report, failOn);

      const baseline = report.baseline;
      if (baseline) {
        const known = report.results.filter((r) => r.known);
        out();
        out(c.bold(`Baseline ${baseline.file}`));
        for (const r of known) out(`  ${c.dim('~')} ${label(r)} ${c.dim(`${r.code ?? ''} (known failure)`)}`);
        for (const e of baseline.fixed)
          out(
            `  ${c.green('✓')} ${label({ id: e.id, profile: e.profile ?? 'rfc' })} ${c.green('fixed: remove it from the baseline')}`,
          );
        for (const { entry, code } of baseline.changed)
          out(
            `  ${c.red('✗')} ${label({ id: entry.id, profile: entry.profile ?? 'rfc' })} ${c.red(`reason changed: the baseline says ${entry.code}, now ${code} (a failure)`)}`,
          );
        if (baseline.notRun.length > 0)
          out(c.dim(`  ${plural(baseline.notRun.length, 'listed check')} did not run`));
      }

      if (report.cleanup.length > 0) {
        out();
        out(c.yellow(`Cleanup: ${plural(report.cleanup.length, 'resource')} left on the target`));
        for (const issue of report.cleanup) out(`  ${leftoverLine(issue)}`);
      }
      if (report.interrupted) out(c.yellow(`\nInterrupted (${report.interrupted}); cleanup ran.`));
      out();
      if (report.pacing) out(c.dim(pacingLine(report.pacing)));
      out(summaryLine(report));
      out();
      out(c.bold(`Verdicts${report.strict ? ' (--strict levels)' : ''}`));
      const names = Object.keys(report.verdicts);
      const vw = Math.max(...names.map((n) => n.length));
      for (const name of names) {
        const v = report.verdicts[name];
        if (!v) continue;
        const phrase = verdictPhrase(v);
        const paint = v.judged === false ? c.yellow : v.compatible ? c.green : c.red;
        // How much of the verdict rests on documented steps (verdict-evidence.ts).
        const evidence = v.evidence ? c.dim(` — ${describeVerdictEvidence(v.evidence)}`) : '';
        out(`  ${pad(name, vw)}  ${paint(phrase)}${evidence}`);
      }
      // The one line a reader of the console must not miss: what is left, and the command that removes it.
      if (report.cleanup.length > 0) out(c.yellow(leftoverWarning(report)));
    },
  };
}
