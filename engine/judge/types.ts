/**
 * The model of client judging: what a SCIM client sent (and was answered), the server knowledge a check
 * may consult, and a client check as data plus one assertion focus.
 * @module
 */
import type { Capabilities, Level, ProfileInfo, Verdict } from '../model/index.js';
import type { RecordingExchange } from '../recording/index.js';

/** One request a client sent and the answer it got, unredacted (redaction happens when evidence is built). */
export type ClientExchange = RecordingExchange;

/** A filter parser the composition root injects (the engine never imports the reference server). */
export interface FilterSyntax {
  /** Attribute paths as written (`name.givenName`, `emails.value`, URN-qualified ones), or why it is malformed. */
  parse(text: string): { ok: true; attributes: string[] } | { ok: false; message: string };
}

/** What the checks may know besides the traffic. */
export interface JudgeContext {
  /** The server's discovery documents; `discovered: false` when they are unknown. */
  capabilities: Capabilities;
  /** `--as <idp>`: the IdP profile whose habits the client is compared with. */
  profile?: ProfileInfo;
  filter?: FilterSyntax;
}

/** A verdict plus the `seq` numbers of the exchanges it rests on. */
export type ClientVerdict = Verdict & { evidence?: readonly number[] };

/** A client requirement: data plus one assertion over the whole session (house style §2.4). */
export interface ClientCheck {
  /** `client.<area>.<assertion>`; public API, never reused. */
  id: string;
  title: string;
  level: Level;
  /** The RFC section of the behaviour judged, e.g. `RFC7644 3.5.2`; never anything else (test/suites). */
  rfc: string;
  /** As CheckDefinition.source: repository documents (`path#anchor`) describing non-RFC behaviour judged. */
  source?: readonly string[];
  /** Row ids of docs/requirements/rfc7644.md (or rfc7643.md) this check covers. */
  requirements?: readonly string[];
  /** One or two sentences: what is checked, why, and how the level was read from the RFC. */
  explanation: string;
  /** One sentence: what to change in the client when this check fails. */
  fix?: string;
  /** True when the check compares the client with the `--as` profile: skipped without one, counts against it. */
  profileLevel?: boolean;
  assert(session: ClientSession, ctx: JudgeContext): ClientVerdict;
}

/** What a request addresses, read from its path relative to the SCIM base URL. */
export type RequestKind = 'collection' | 'resource' | 'search' | 'bulk' | 'discovery' | 'me' | 'other';

/** One exchange with everything the checks keep asking for worked out once. */
export interface ClientRequest {
  seq: number;
  exchange: ClientExchange;
  method: string;
  path: string;
  /** Raw query (`null` without `?`). */
  rawQuery: string | null;
  query: URLSearchParams;
  kind: RequestKind;
  /** The collection path, e.g. `/Users` (for collection, resource and endpoint search requests). */
  endpoint?: string;
  /** The resource id of a `resource` request. */
  id?: string;
  /** Epoch ms the request arrived and the answer was complete. */
  at: number;
  end: number;
  /** Lower-cased media type without parameters, or undefined. */
  contentType: string | undefined;
  body: string | undefined;
  /** The parsed body when it is JSON; undefined otherwise. */
  json: unknown;
  status: number;
  responseJson: unknown;
}

export interface ClientSession {
  requests: readonly ClientRequest[];
}
