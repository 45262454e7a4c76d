/**
 * The public API of the `scimulator` package: the check model for custom checks, the assertion
 * helpers, and `run()` (the library form of `scimulator run`).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { runChecks, type RunChecksOptions } from './engine/runner/index.js';
import type { Report } from './engine/runner/index.js';
import type { SuiteDefinition } from './engine/model/index.js';
import { startServer } from './reference-server/index.js';
import { SUITES } from './suites/index.js';

export * from './engine/model/index.js';
export {
  HarnessError,
  isHarnessError,
  TargetFailure,
  isTargetFailure,
  failScenarioIf,
} from './engine/errors.js';
export type { HarnessErrorCode } from './engine/errors.js';
export * from './engine/assert/index.js';
export {
  URN,
  SCIM_TYPES,
  validateSchema,
  compileTargetSchema,
  SchemaValidator,
} from './engine/schemas/index.js';
export type { JsonSchema } from './engine/schemas/index.js';
export { runChecks, exitCodeFor, RFC_PROFILE } from './engine/runner/index.js';
export type {
  Report,
  ReportSummary,
  ProfileVerdict,
  FailOn,
  RunChecksOptions,
  RunTimeouts,
  CleanupIssue,
} from './engine/runner/index.js';
export {
  renderJunit,
  writeJsonReport,
  writeJunitReport,
  createConsoleReporter,
} from './engine/reporters/index.js';
export { toolVersion } from './engine/version.js';
export { SUITES };

export interface RunOptions extends Omit<RunChecksOptions, 'target' | 'suites'> {
  /** The target's SCIM base URL; without it the embedded rfc reference server is started and stopped. */
  target?: string;
  /** Default: every built-in suite (`SUITES`). */
  suites?: readonly SuiteDefinition[];
}

/** An unguessable bearer token for the embedded reference server. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Runs checks and returns the report. Without `target`, starts the rfc reference server on an
 * ephemeral loopback port, runs against it and stops it.
 */
export async function run(options: RunOptions = {}): Promise<Report> {
  const suites = options.suites ?? SUITES;
  if (options.target !== undefined) return runChecks({ ...options, target: options.target, suites });
  const token = options.token ?? randomToken();
  const server = await startServer({
    flavor: 'rfc',
    host: '127.0.0.1',
    port: 0,
    token,
    log: () => undefined,
  });
  try {
    return await runChecks({ ...options, target: server.url, token, suites });
  } finally {
    await server.close();
  }
}
