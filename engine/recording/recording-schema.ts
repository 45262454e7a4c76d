/**
 * JSON Schema (draft-07) of the recording format, and the check every loaded recording passes.
 * @module
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { RECORDING_FORMAT, RECORDING_VERSION, type Recording } from './types.js';

const headers = {
  type: 'object',
  description: 'Lower-cased header names; secret values redacted.',
  additionalProperties: { type: 'string' },
} as const;

/** An object with exactly these properties, `required` among them. */
function closed<P extends Record<string, unknown>>(required: Array<keyof P & string>, properties: P) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}

/** The schema of a version 1 recording file (docs/recording.md). */
const RECORDING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://scimulator.dev/schemas/recording.schema.json',
  title: 'scimulator recording',
  description: 'HTTP exchanges between a SCIM client (an IdP) and a SCIM service provider, in order.',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'version', 'createdAt', 'source', 'exchanges'],
  properties: {
    format: { const: RECORDING_FORMAT },
    version: { const: RECORDING_VERSION },
    createdAt: { type: 'string', minLength: 1 },
    source: closed(['kind'], {
      kind: { enum: ['proxy', 'server', 'har'] },
      upstream: { type: 'string' },
    }),
    exchanges: {
      type: 'array',
      items: closed(['seq', 'startedAt', 'ms', 'request', 'response'], {
        seq: { type: 'integer', minimum: 1 },
        startedAt: { type: 'string' },
        ms: { type: 'number', minimum: 0 },
        request: closed(['method', 'path', 'query', 'headers'], {
          method: { type: 'string', pattern: '^[A-Za-z]+$' },
          path: {
            type: 'string',
            pattern: '^/',
            description: 'Relative to the SCIM base URL; percent-encoding kept as sent.',
          },
          query: {
            type: ['string', 'null'],
            description: 'Raw text after "?", byte for byte; "" is a bare "?", null means no "?".',
          },
          headers,
          body: { type: 'string' },
        }),
        response: closed(['status', 'headers'], {
          status: { type: 'integer', minimum: 100, maximum: 599 },
          headers,
          body: { type: 'string' },
        }),
        error: closed(['code', 'message'], { code: { type: 'string' }, message: { type: 'string' } }),
      }),
    },
  },
} as const;

let validator: ValidateFunction | undefined;

/** Problems of `data` as a recording (`instancePath: message`), empty when it is valid. */
export function recordingProblems(data: unknown): string[] {
  validator ??= new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(RECORDING_SCHEMA);
  if (validator(data)) return [];
  return (validator.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '(root)'}: ${e.message ?? 'is invalid'}`,
  );
}

/** Narrows a parsed document to a recording. */
export function isRecording(data: unknown): data is Recording {
  return recordingProblems(data).length === 0;
}
