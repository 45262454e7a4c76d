/** GET /Schemas/{id} checks (RFC 7644 §4, §3.1; RFC 7643 §7). */
import { checkRows, fail, isObject, onBody, statusVerdict, URN } from '../support/index.js';
import type { AnyCheck, JsonObject } from '../support/index.js';
import { messageSchema, userSchema } from './scenarios.js';

const SUITE = 'discovery';
const BY_ID_STATUS_ID = 'discovery.schemas.get-by-id-returns-200';

const check = checkRows({ level: 'MUST', suite: SUITE, scenario: userSchema });

export const schemaByIdChecks: AnyCheck[] = [
  check({
    id: BY_ID_STATUS_ID,
    title: 'GET /Schemas/{User schema URN} answers 200',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-c'],
    explanation:
      'RFC 7644 §4 defines /Schemas/{schema URI} as the way to retrieve one schema; clients fetch the User schema by its URN.',
    assert: (res) => statusVerdict(res, 200),
  }),
  check({
    id: 'discovery.schemas.get-by-id-returns-schema',
    title: 'GET /Schemas/{User schema URN} returns that schema, not a list',
    rfc: 'RFC7644 4',
    requirements: ['7644-4-c', '7644-4-e'],
    explanation:
      'RFC 7644 §4 says a single schema is returned as the resource itself, without a ListResponse envelope; its id is the URN asked for.',
    assert: (res) =>
      onBody(res, 200, BY_ID_STATUS_ID, (body) =>
        body['id'] === URN.user
          ? undefined
          : fail('VALUE_MISMATCH', 'The body is not the User schema', {
              expected: URN.user,
              actual: body['id'] ?? body['schemas'],
              pointer: '/id',
            }),
      ),
  }),
  check({
    id: 'discovery.schemas.user-schema-defines-username',
    title: 'The User schema defines userName as a required string',
    rfc: 'RFC7643 7',
    requirements: ['7643-7-e', '7643-4.1.1-a'],
    explanation:
      'RFC 7643 §7 requires a schema to list its attributes with name and type, and §4.1.1 makes userName a REQUIRED string; schema-driven clients build their mapping from this.',
    assert: (res) =>
      onBody(res, 200, BY_ID_STATUS_ID, (body) => {
        const attributes = body['attributes'];
        if (!Array.isArray(attributes)) {
          return fail('ATTRIBUTE_MISSING', 'The User schema has no attributes array', {
            pointer: '/attributes',
          });
        }
        const index = attributes.findIndex(
          (a) => isObject(a) && typeof a['name'] === 'string' && a['name'].toLowerCase() === 'username',
        );
        const attribute = attributes[index] as JsonObject | undefined;
        if (!attribute) {
          return fail('ATTRIBUTE_MISSING', 'The User schema does not define userName', {
            pointer: '/attributes',
          });
        }
        if (attribute['type'] !== 'string' || attribute['required'] !== true) {
          return fail('VALUE_MISMATCH', 'userName is not defined as a required string', {
            expected: { type: 'string', required: true },
            actual: { type: attribute['type'], required: attribute['required'] },
            pointer: `/attributes/${index}`,
          });
        }
        return undefined;
      }),
  }),
  check({
    id: 'discovery.schemas.message-schema-not-found',
    title: 'GET /Schemas/{ListResponse URN} answers 404',
    rfc: 'RFC7644 3.1',
    requirements: ['7644-3.1-b'],
    explanation:
      'RFC 7644 §3.1 says message schemas SHALL NOT be discoverable via /Schemas, so fetching one by its URN must find nothing.',
    scenario: messageSchema,
    assert: (res) => statusVerdict(res, 404),
  }),
];
