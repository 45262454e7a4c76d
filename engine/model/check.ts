import type { Exchange, HttpResult } from './exchange.js';
import type { Failure, Level, Verdict } from './outcome.js';

/** What a check may need from the target; the planner skips the check with a reason when it is missing. */
export type Requirement =
  | 'discovery'
  | 'patch'
  | 'bulk'
  | 'filter'
  | 'sort'
  | 'etag'
  | 'changePassword'
  | 'cursor'
  | `resourceType:${string}`;

/** A request as a scenario asks for it; the transport adds the base URL, auth, profile headers and records it. */
export interface RequestSpec {
  method: string;
  /** Path relative to the target's SCIM base URL, e.g. `/Users` or `/Users/abc`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /**
   * A pre-encoded query string (without the `?`) sent byte for byte, overriding `query`; IdP profiles use it to
   * reproduce their encoders (`+` or `%20` for spaces, a trailing `&`, or `''` for a bare `?`).
   */
  rawQuery?: string;
  headers?: Record<string, string>;
  /** A JSON body; serialised by the transport. */
  json?: unknown;
  /** A raw body, sent as is (for malformed-input checks). */
  body?: string;
  /** `default` uses the run's token, `none` sends no Authorization header, `{token}` sends that bearer token. */
  auth?: 'default' | 'none' | { token: string } | { header: string };
  /**
   * `false`: a 429 is handed back at once instead of being waited out and sent again, because the caller
   * models a client's own retries (a lifecycle replay retries as its IdP does). Pacing still applies.
   */
  retryRateLimited?: boolean;
}

export interface HttpClient {
  request(spec: RequestSpec): Promise<HttpResult>;
}

/** What the planner learned from the target's discovery endpoints (RFC 7644 §4). */
export interface Capabilities {
  /** True when /ServiceProviderConfig answered with a usable document. */
  discovered: boolean;
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  sort: boolean;
  etag: boolean;
  changePassword: boolean;
  /** RFC 9865 §4 `pagination`, when ServiceProviderConfig advertises cursor paging (`cursor: true`). */
  pagination?: { cursor: boolean; index?: boolean; cursorTimeout?: number };
  /** Resource type name → endpoint path relative to the base URL, e.g. User → /Users. */
  resourceTypes: Record<string, { endpoint: string; schema: string; extensions: string[] }>;
  /** The target's own schema definitions by id, as served on /Schemas. */
  schemas: Record<string, unknown>;
}

export interface TargetInfo {
  baseUrl: string;
  capabilities: Capabilities;
}

/** Records what the run creates, so it can be deleted at the end (reverse order), after failures and on Ctrl-C. */
export interface CleanupLedger {
  /** Registers a resource path (relative to the base URL) that this run created. */
  track(path: string): void;
  /** Marks a tracked resource as already deleted by a check. */
  forget(path: string): void;
}

/** Seeded test data; every value carries the run's recognisable prefix. */
export interface DataGenerator {
  /** A unique, prefixed token such as `scimtest-3f9a2c`. */
  unique(label?: string): string;
  user(overrides?: Record<string, unknown>): Record<string, unknown>;
  group(overrides?: Record<string, unknown>): Record<string, unknown>;
}

/** The IdP dialect a scenario renders its requests in (issue 5 fills this in; `rfc` is plain RFC 7644). */
export interface ProfileInfo {
  name: string;
  /** Free-form profile data the lifecycle suite interprets. */
  data: Record<string, unknown>;
}

export interface ScenarioContext {
  http: HttpClient;
  target: TargetInfo;
  ledger: CleanupLedger;
  data: DataGenerator;
  profile: ProfileInfo;
  /** Runs another scenario once per run and profile and returns its memoised result. */
  use<U>(scenario: Scenario<U>): Promise<U>;
  /**
   * Runs independent requests or sequences (none needs another's answer, none changes what another reads)
   * and returns their results in task order, side by side: up to `--concurrency` tasks, and every request of
   * the run holds one of `--concurrency` permits while in flight, so the run never exceeds it. Tasks start in
   * task order, so data drawn at a task's start is drawn alike at any concurrency; draw nothing after a task's
   * first request, and run no two `all` at once in one scenario.
   */
  all<U>(tasks: ReadonlyArray<() => Promise<U>>): Promise<U[]>;
  /**
   * Says the scenario's writes are done: what is left only reads what it created, or waits. A `waits`
   * scenario calls it after its set-up, so collection-wide checks need not wait for its wait.
   */
  settled(): void;
  signal: AbortSignal;
}

/**
 * What a scenario's answer depends on. `own`: only the fixtures it creates (or none), so it may run beside
 * other scenarios. `collection`: collection-wide state — paging, sorting, totals, lists and filters over
 * /Users or /Groups — whose answer changes when another scenario creates or deletes a resource (and which
 * a broken filter or paging turns into "everything stored"), so the runner runs it alone, after every check
 * planned before it and before every check planned after it, as a sequential run would. `collection-read`:
 * collection-wide reads that write nothing (GET, POST /.search): such scenarios run after the `collection`
 * ones, side by side with each other and with nothing else, once the `fixtures` they name have been made
 * one after another; with no writes among them, each sees the collection a sequential run would see.
 */
export type ScenarioScope = 'own' | 'collection' | 'collection-read';

/** A named piece of setup + requests whose result several checks assert on; the runner runs it once. */
export interface Scenario<T> {
  id: string;
  requires?: readonly Requirement[];
  /** Default `own`; see ScenarioScope. A scenario that `use()`s a `collection` scenario is `collection` too. */
  scope?: ScenarioScope;
  /**
   * `collection-read` only: the scenarios it `use()`s that write (create its fixture Users, say). The runner
   * makes them, one after another and alone, before any reader beside it starts; a reader that writes
   * anything itself is a harness bug (HARNESS_BUG), never a racy run.
   */
  fixtures?: ReadonlyArray<Scenario<unknown>>;
  /**
   * True when the scenario only creates its own resources and reads nothing (its answers are those of its
   * own POSTs): as a reader's fixture it is made side by side with other such fixtures, since nothing it
   * sees can depend on them. A read from it is a harness bug (HARNESS_BUG).
   */
  createsOnly?: boolean;
  /**
   * True when the scenario takes long on its own — a wait (a cursor left to expire, RFC 9865 §4) or a long
   * sequence of requests that each need the last answer: it is started before other `own` scenarios, so its
   * time overlaps their requests instead of trailing them. A scheduling hint only; outcomes never depend on it.
   */
  long?: boolean;
  /**
   * True when the scenario mostly waits after a short set-up (a cursor left to expire, RFC 9865 §4) and calls
   * `ctx.settled()` once its writes are done: it starts before every other check, and collection-wide checks
   * start beside its wait (it only reads its own fixture from then on). A scheduling hint; outcomes never
   * depend on it.
   */
  waits?: boolean;
  /**
   * Scenarios that act on one fixture in turn (an IdP's user through its life cycle: create, update,
   * deactivate, add to a group, delete) name the same chain: per profile, they run one after another in plan
   * order, as a sequential run would, so a delete never overtakes a scenario still using the user.
   */
  chain?: string;
  run(ctx: ScenarioContext): Promise<T>;
}

export interface AssertContext {
  target: TargetInfo;
  /** Validates a value against a shipped JSON Schema (by $id) and returns one Failure per ajv error. */
  validate(schemaId: string, value: unknown, pointerPrefix?: string): Failure[];
  profile: ProfileInfo;
}

/** A check is data plus one assertion focus (house style §2.4). */
export interface CheckDefinition<T = unknown> {
  /** `area.operation.assertion`, e.g. `users.post.returns-201`; public API, never reused. */
  id: string;
  title: string;
  suite: string;
  /** The RFC section of the behaviour judged, e.g. `RFC7644 3.3`; never anything else (test/suites). */
  rfc: string;
  /**
   * Where the non-RFC behaviour a check judges is written down in this repository, as `path#anchor`, e.g.
   * `docs/idp/okta.md#group-push` for an IdP's expectation; every path and anchor exists (test/suites).
   */
  source?: readonly string[];
  /** Row ids of docs/requirements/rfc*.md this check covers, e.g. `7644-3.3-d` (test/engine/requirements checks they exist). */
  requirements?: readonly string[];
  level: Level;
  /**
   * The level under `--strict`, for checks whose reading of the RFC is contested or which the RFC states for
   * clients (docs/verdicts.md records each reading); default `level`.
   */
  strictLevel?: Level;
  /**
   * Check ids this check builds on (same profile): when one of them failed, errored or was blocked, this
   * check is `blocked` by it instead of failing for the same cause.
   */
  dependsOn?: readonly string[];
  /** One sentence: what to change on the server when this check fails. */
  fix?: string;
  /** The verdicts a failure counts against; default `['rfc']`. */
  profiles?: readonly string[];
  /** Run once per selected profile, in that profile's dialect, instead of once overall. */
  perProfile?: boolean;
  requires?: readonly Requirement[];
  /** One or two sentences: what is checked and why it matters. */
  explanation: string;
  scenario: Scenario<T>;
  assert(result: T, ctx: AssertContext): Verdict;
  /**
   * The exchanges this check's verdict rests on; default: every exchange of its scenario. `all` is that
   * default, in the order the requests were sent; what is returned is kept in that order, and anything not in
   * `all` is ignored. When this throws or returns nothing, the result carries `all`: it never fails the check.
   */
  evidence?: (result: T, all: readonly Exchange[]) => readonly Exchange[];
}

/** A check of any scenario result type, as suites and the runner hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list needs an existential type.
export type AnyCheck = CheckDefinition<any>;

export interface SuiteDefinition {
  name: string;
  title: string;
  description: string;
  checks: readonly AnyCheck[];
}

/** Identity helpers that keep the literal types; built-in and user checks use the same shapes. */
export function defineCheck<T>(check: CheckDefinition<T>): CheckDefinition<T> {
  return check;
}

export function defineScenario<T>(scenario: Scenario<T>): Scenario<T> {
  return scenario;
}

export function defineSuite(suite: SuiteDefinition): SuiteDefinition {
  return suite;
}

/** Scenarios return their HttpResults; this collects exchanges for the report. */
export type WithExchanges = { exchanges?: Exchange[] };
