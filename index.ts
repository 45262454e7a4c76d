/**
 * The public API of the `scimulator` package: the check model for custom checks, the assertion
 * helpers, and `run()` (the library form of `scimulator run`).
 * @module
 */
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
export type { PacingStats } from './engine/transport/index.js';
export {
  renderJunit,
  writeJsonReport,
  writeJunitReport,
  createConsoleReporter,
} from './engine/reporters/index.js';
export { toolVersion } from './engine/version.js';
export { SUITES };

// Authoring API for user-written checks, suites and profiles (docs/authoring.md).
export { defineProfile, UserFileError } from './engine/loader/index.js';
export type {
  ProfileDefinition,
  ProfileVariant,
  DeepPartial,
  UserFileProblem,
} from './engine/loader/index.js';
export type {
  ProfileData,
  ProfileHeaders,
  ProfileQuery,
  ProfileUser,
  ProfileGroup,
  ProfilePatch,
  ProfileResponses,
  ProfileFeatures,
  ProfileThroughput,
  ProfilePhase,
  ProfileStep,
  StepAction,
  Evidence,
} from './engine/profile/index.js';

export { run, randomToken, REPORTER_NAMES, writeReports } from './integrations/library/index.js';
export type { RunOptions, ReporterName } from './integrations/library/index.js';
export {
  createInProcessTransport,
  fetchDispatch,
  listenerDispatch,
  IN_PROCESS_BASE_URL,
  HttpTransport,
} from './engine/transport/index.js';
export type { FetchHandler, InProcessTarget, TransportOptions } from './engine/transport/index.js';
export { dockerAvailable, startContainerTarget, withContainerTarget } from './engine/container/index.js';
export type {
  ContainerTargetOptions,
  DockerAvailability,
  StartedContainerTarget,
} from './engine/container/index.js';
export { CONFIG_SCHEMA } from './engine/config/config-schema.js';

// Judging SCIM clients (docs/judging-clients.md): the library form of `scimulator judge`.
export { judgeRequests, createJudge, gatingFailures, startJudgeServer } from './integrations/judge/index.js';
export type { Judge, JudgeSetup, JudgeServer, JudgeServerOptions } from './integrations/judge/index.js';
export { runClientChecks } from './engine/judge/index.js';
export type {
  ClientCheck,
  ClientExchange,
  ClientRequest,
  ClientSession,
  ClientVerdict,
  JudgeContext,
} from './engine/judge/index.js';
export { CLIENT_CHECKS } from './suites/client/index.js';
