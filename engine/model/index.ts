export type { Exchange, HttpResult, RecordedRequest, RecordedResponse } from './exchange.js';
export type {
  Level,
  OutcomeKind,
  Failure,
  Pass,
  Skip,
  Inconclusive,
  Blocked,
  Verdict,
  CheckResult,
} from './outcome.js';
export { pass, fail, skip, inconclusive, blocked } from './outcome.js';
export type {
  Requirement,
  RequestSpec,
  HttpClient,
  Capabilities,
  TargetInfo,
  CleanupLedger,
  DataGenerator,
  ProfileInfo,
  ScenarioContext,
  Scenario,
  ScenarioScope,
  AssertContext,
  CheckDefinition,
  AnyCheck,
  SuiteDefinition,
} from './check.js';
export { defineCheck, defineScenario, defineSuite } from './check.js';
