/**
 * Console reporter: one live line per finished check, then a summary per suite, the per-profile
 * verdicts and the failures with code, message and the request that showed them.
 * Colours honour NO_COLOR / FORCE_COLOR and are off when the stream is not a TTY.
 * @module
 */
import pc from 'picocolors';
import type { CheckResult } from '../model/index.js';
import type { FailOn, Report } from '../runner/report.js';
import { gates } from '../runner/report.js';
import { leftoverLine, leftoverWarning } from './leftovers.js';
import { exchangeLine, levelTag, plural, resultDetail } from './text.js';

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
  /** Print passing checks too (default true; with the progress line, passes only move the counter). */
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
  const showPasses = (options.showPasses ?? true) && !progress;
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
        if (!progress) out(`  ${c.dim('-')} ${c.dim(label(r))} ${c.dim(`skipped: ${r.message ?? ''}`)}`);
        break;
      case 'error':
        out(`  ${c.yellow('!')} ${label(r)} ${c.yellow(r.code ?? 'ERROR')} ${ms}`);
        break;
      case 'blocked':
        if (!progress) out(`  ${c.dim('○')} ${c.dim(label(r))} ${c.dim(`blocked by ${r.blockedBy ?? '?'}`)}`);
        break;
      case 'inconclusive':
        out(`  ${c.yellow('?')} ${label(r)} ${c.dim(`inconclusive: ${r.message ?? ''}`)}`);
        break;
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
      out();
      // Summary per suite.
      type Row = { passed: number; failed: number; skipped: number; errored: number; known?: number };
      const suites = new Map<string, Row>();
      const withKnown = report.summary.known !== undefined;
      for (const r of report.results) {
        const row = suites.get(r.suite) ?? { passed: 0, failed: 0, skipped: 0, errored: 0 };
        if (withKnown) row.known ??= 0;
        if (r.known && row.known !== undefined) row.known++;
        else if (r.outcome === 'pass') row.passed++;
        else if (r.outcome === 'fail') row.failed++;
        else if (r.outcome === 'skip') row.skipped++;
        else row.errored++;
        suites.set(r.suite, row);
      }
      const width = Math.max(5, ...[...suites.keys()].map((s) => s.length));
      out(c.bold(`${pad('suite', width)}  passed  failed  skipped  errored${withKnown ? '  known' : ''}`));
      const row = (name: string, v: Row) =>
        `${pad(name, width)}  ${padStart(String(v.passed), 6)}  ${padStart(String(v.failed), 6)}  ${padStart(String(v.skipped), 7)}  ${padStart(String(v.errored), 7)}${v.known !== undefined ? `  ${padStart(String(v.known), 5)}` : ''}`;
      for (const [name, v] of suites) out(row(name, v));
      out(c.bold(row('total', report.summary)));

      // Failures and errors, with what the target was asked and answered.
      const problems = report.results.filter(
        (r) => (r.outcome === 'fail' || r.outcome === 'error') && !r.known,
      );
      if (problems.length > 0) {
        out();
        out(c.bold('Failures'));
        for (const r of problems) {
          const mark = r.outcome === 'fail' ? c.red('✗') : c.yellow('!');
          const gate = gates(r.level, failOn) ? '' : c.dim(' (does not gate)');
          out(`${mark} ${c.bold(label(r))} ${c.dim(levelTag(r))}${gate}`);
          for (const line of resultDetail(r)) out(`    ${line}`);
          const last = r.exchanges[r.exchanges.length - 1];
          if (last) out(`    ${c.dim(exchangeLine(last))}`);
        }
      }

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

      out();
      out(c.bold('Verdicts'));
      const names = Object.keys(report.verdicts);
      const vw = Math.max(...names.map((n) => n.length));
      for (const name of names) {
        const v = report.verdicts[name];
        if (!v) continue;
        out(
          `  ${pad(name, vw)}  ${v.compatible ? c.green('compatible') : c.red(`not compatible (${v.failed.length} failed)`)}`,
        );
      }

      if (report.cleanup.length > 0) {
        out();
        out(c.yellow(`Cleanup: ${plural(report.cleanup.length, 'resource')} left on the target`));
        for (const issue of report.cleanup) out(`  ${leftoverLine(issue)}`);
      }
      if (report.interrupted) out(c.yellow(`\nInterrupted (${report.interrupted}); cleanup ran.`));
      const s = report.summary;
      out();
      out(
        `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored${s.known !== undefined ? `, ${s.known} known` : ''}${report.baseline?.fixed.length ? `, ${report.baseline.fixed.length} fixed` : ''} in ${(report.durationMs / 1000).toFixed(1)}s (seed ${report.seed})`,
      );
      // The one line a reader of the console must not miss: what is left, and the command that removes it.
      if (report.cleanup.length > 0) out(c.yellow(leftoverWarning(report)));
    },
  };
}
