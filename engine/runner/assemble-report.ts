/**
 * The last step of a run: the report from the results (in plan order), verdicts and their evidence.
 * @module
 */
import type { AnyCheck, CheckResult, ProfileInfo } from '../model/index.js';
import { toolVersion } from '../version.js';
import { causeEntries } from './causes.js';
import { summarise, type FailOn, type Report } from './report.js';
import { decisiveChecks, verdictEvidence } from './verdict-evidence.js';
import { computeVerdicts } from './verdicts.js';

interface ReportInput {
  baseUrl: string;
  startedAt: Date;
  durationMs: number;
  seed: number;
  strict: boolean;
  failOn: FailOn;
  profiles: readonly ProfileInfo[];
  results: CheckResult[];
  checksById: ReadonlyMap<string, AnyCheck>;
  catalogue: readonly AnyCheck[];
  customSuites: readonly string[];
  withKnown: boolean;
  cleanup: Report['cleanup'];
  prefix: string;
  interrupted: Report['interrupted'];
  /** What pacing did; absent when nothing was paced (transport.pacingStats()). */
  pacing: Report['pacing'];
}

export function assembleReport(input: ReportInput): Report {
  const { results } = input;
  const report: Report = {
    tool: { name: 'scimulator', version: toolVersion() },
    target: input.baseUrl,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    seed: input.seed,
    ...(input.strict ? { strict: true as const } : {}),
    summary: summarise(results, input.withKnown),
    verdicts: computeVerdicts(
      results,
      input.checksById,
      input.profiles.map((p) => p.name),
      input.failOn,
      { catalogue: input.catalogue, customSuites: input.customSuites },
    ),
    causes: causeEntries(results),
    results,
    cleanup: input.cleanup,
    prefix: input.prefix,
  };
  for (const [name, evidence] of Object.entries(verdictEvidence(results))) {
    const verdict = report.verdicts[name];
    if (!verdict) continue;
    verdict.evidence = evidence;
    // Passes on inferred steps only say what we guessed the IdP does: no decisive check, no verdict.
    if (verdict.judged && decisiveChecks(evidence) === 0) {
      verdict.judged = false;
      verdict.compatible = false;
      verdict.reason = `no documented or observed step decided (${evidence.inferred} inferred)`;
    }
  }
  if (input.pacing) report.pacing = input.pacing;
  if (input.interrupted) report.interrupted = input.interrupted;
  return report;
}
