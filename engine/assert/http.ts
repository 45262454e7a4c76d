/**
 * Pure assertions on one HTTP result. Each returns a `Failure` value (never throws) or undefined,
 * with a stable code; combine them with `verdict(...)`.
 * @module
 */
import type { Failure, HttpResult, Inconclusive } from '../model/index.js';
import { fail, inconclusive } from '../model/index.js';
import { rfcValidator } from '../schemas/validator.js';
import { URN } from '../../protocol/urns.js';
import { mediaType } from '../../protocol/http.js';

/** `POST https://host/scim/v2/Users → 400` (or the transport error code), for messages. */
export function describeExchange(res: HttpResult): string {
  const { request, response, error } = res.exchange;
  const outcome = error ? error.code : response ? String(response.status) : 'no response';
  return `${request.method} ${request.url} → ${outcome}`;
}

/**
 * The failure with the exchange it judged attached (unless it names one already), so reports mark the request
 * that decided the check instead of the scenario's last one.
 */
export function about(res: HttpResult, failure: Failure): Failure;
export function about(res: HttpResult, failure: Failure | undefined): Failure | undefined;
export function about(res: HttpResult, failure: Failure | undefined): Failure | undefined {
  if (!failure || failure.exchange !== undefined) return failure;
  return { ...failure, exchange: res.exchange };
}

/** NO_RESPONSE when the request got no complete response (the target's fault, never a harness error). */
export function expectResponse(res: HttpResult): Failure | undefined {
  if (res.status !== undefined) return undefined;
  const error = res.exchange.error;
  const code = error?.code ?? 'NO_RESPONSE';
  return about(
    res,
    fail(
      'NO_RESPONSE',
      `no response to ${res.exchange.request.method} ${res.exchange.request.url}: ${code}${error ? ` (${error.message})` : ''}`,
      { expected: 'an HTTP response', actual: code },
    ),
  );
}

/**
 * ANSWER_LOST, an inconclusive verdict, when a request the target may refuse mid-body got a reset instead of an
 * answer: closing with unread request bytes resets the connection, and the reset discards the answer (RFC 9112 §9.6).
 */
export function lostAnswer(res: HttpResult): Inconclusive | undefined {
  const error = res.exchange.error;
  if (res.status !== undefined || error?.code !== 'TARGET_RESET') return undefined;
  const { method, url } = res.exchange.request;
  return inconclusive(
    `Answer lost in transit: the target reset the connection while ${method} ${url} was ` +
      `being sent (${error.message}), so whether it refused the request as required cannot be told. A server ` +
      'that answers before reading the whole body should keep reading and discarding it before it closes ' +
      '(a lingering close, RFC 9112 §9.6); otherwise its clients see a network error, retry, and never learn the limit.',
    res.exchange,
    'ANSWER_LOST',
  );
}

function scimDetail(res: HttpResult): string {
  const body = res.json as { detail?: unknown; scimType?: unknown } | undefined;
  if (body && typeof body === 'object') {
    const parts = [body.scimType, body.detail].filter((p) => typeof p === 'string' && p !== '');
    if (parts.length > 0) return ` (${parts.join(': ')})`;
  }
  return '';
}

/** STATUS_MISMATCH unless the status is `expected` (or one of them). */
export function expectStatus(res: HttpResult, expected: number | readonly number[]): Failure | undefined {
  const missing = expectResponse(res);
  if (missing) return missing;
  const allowed = typeof expected === 'number' ? [expected] : [...expected];
  if (allowed.includes(res.status as number)) return undefined;
  const want = allowed.length === 1 ? String(allowed[0]) : allowed.join(' or ');
  return about(
    res,
    fail(
      'STATUS_MISMATCH',
      `${res.exchange.request.method} ${res.exchange.request.url} answered ${res.status}, expected ${want}${scimDetail(res)}`,
      { expected: allowed.length === 1 ? allowed[0] : allowed, actual: res.status },
    ),
  );
}

/** A string (case-insensitive equality), a RegExp, or a predicate. */
export type HeaderExpectation = string | RegExp | ((value: string) => boolean);

/** HEADER_MISSING when absent; HEADER_MISMATCH when present but not as expected. */
export function expectHeader(
  res: HttpResult,
  name: string,
  expectation?: HeaderExpectation,
  description?: string,
): Failure | undefined {
  const missing = expectResponse(res);
  if (missing) return missing;
  const value = res.headers[name.toLowerCase()];
  if (value === undefined) {
    return about(
      res,
      fail('HEADER_MISSING', `response has no ${name} header`, {
        expected:
          description ?? (typeof expectation === 'function' ? 'present' : String(expectation ?? 'present')),
        actual: undefined,
      }),
    );
  }
  if (expectation === undefined) return undefined;
  const ok =
    typeof expectation === 'string'
      ? value.toLowerCase() === expectation.toLowerCase()
      : expectation instanceof RegExp
        ? expectation.test(value)
        : expectation(value);
  if (ok) return undefined;
  const want = description ?? (typeof expectation === 'function' ? 'a matching value' : String(expectation));
  return about(
    res,
    fail('HEADER_MISMATCH', `${name} is "${value}", expected ${want}`, { expected: want, actual: value }),
  );
}

/** CONTENT_TYPE_MISMATCH unless the media type (parameters ignored) is one of `expected` (RFC 7644 §3.1/§8.1). */
export function expectContentType(
  res: HttpResult,
  expected: string | readonly string[] = 'application/scim+json',
): Failure | undefined {
  const missing = expectResponse(res);
  if (missing) return missing;
  const allowed = (typeof expected === 'string' ? [expected] : [...expected]).map((t) => t.toLowerCase());
  const actual = res.headers['content-type'];
  if (actual !== undefined && allowed.includes(mediaType(actual) ?? '')) return undefined;
  return about(
    res,
    fail(
      'CONTENT_TYPE_MISMATCH',
      actual === undefined
        ? `response has no Content-Type, expected ${allowed.join(' or ')}`
        : `Content-Type is "${actual}", expected ${allowed.join(' or ')}`,
      { expected: allowed.length === 1 ? allowed[0] : allowed, actual },
    ),
  );
}

/** BODY_NOT_JSON unless the body parsed as JSON. */
export function expectJson(res: HttpResult): Failure | undefined {
  const missing = expectResponse(res);
  if (missing) return missing;
  if (res.jsonError === undefined) return undefined;
  const sample = (res.text ?? '').slice(0, 200);
  return about(
    res,
    fail('BODY_NOT_JSON', `the response body is not JSON: ${res.jsonError}`, {
      expected: 'a JSON body',
      actual: sample,
    }),
  );
}

/**
 * A SCIM error response (RFC 7644 §3.12): the status, a JSON body valid against the Error schema
 * (`status` a string equal to the HTTP status) and, when given, the scimType.
 */
export function expectErrorBody(res: HttpResult, status: number, scimType?: string): Failure | undefined {
  return about(res, errorBodyFailure(res, status, scimType));
}

function errorBodyFailure(res: HttpResult, status: number, scimType?: string): Failure | undefined {
  const first = expectStatus(res, status) ?? expectJson(res);
  if (first) return first;
  const body = res.json;
  const schemaFailure = rfcValidator().validate(URN.error, body)[0];
  if (schemaFailure) return schemaFailure;
  const record = body as { status: string; scimType?: unknown };
  if (record.status !== String(status)) {
    return fail('VALUE_MISMATCH', `Error body status is "${record.status}", the HTTP status is ${status}`, {
      expected: String(status),
      actual: record.status,
      pointer: '/status',
    });
  }
  if (scimType !== undefined) {
    if (record.scimType === undefined) {
      return fail('ATTRIBUTE_MISSING', `Error body has no scimType, expected "${scimType}"`, {
        expected: scimType,
        pointer: '/scimType',
      });
    }
    if (record.scimType !== scimType) {
      return fail('VALUE_MISMATCH', `scimType is "${String(record.scimType)}", expected "${scimType}"`, {
        expected: scimType,
        actual: record.scimType,
        pointer: '/scimType',
      });
    }
  }
  return undefined;
}
