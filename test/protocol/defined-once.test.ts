/**
 * protocol/ is the one home of the SCIM vocabulary (URNs, the media type), the JSON object guard and the
 * small HTTP helpers (media type of a header, 2xx):
 * a second definition elsewhere drifts from the first, so the source tree is read and any copy fails.
 * String literals in data (request bodies, expectations in tests) are not definitions and stay allowed.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGE_URN_PREFIX, SCIM_MEDIA_TYPE, URN } from '../../protocol/urns.js';
import { sourceFiles } from '../support/source-files.js';

const SHARED_VALUES = new Set(
  [...Object.values(URN), MESSAGE_URN_PREFIX, SCIM_MEDIA_TYPE].map((v) => v.toLowerCase()),
);

/** `const NAME = 'value'` or a table member `name: 'value',` alone on its line. */
const CONSTANT = /^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)(?:\s*:[^=]+)?\s*=\s*(['"`])([^'"`]*)\2/;
const MEMBER = /^\s*(\w+)\s*:\s*(['"`])([^'"`]*)\2\s*,?\s*$/;
const GUARD_NAME = /\b(?:function|const|let|var)\s+(is(?:Object|Record|PlainObject|JsonObject))\b/;
/** The HTTP helpers of protocol/http.ts under their usual names. */
const HTTP_HELPER = /\bfunction\s+(is2xx|mediaType(?:Of)?)\b/;
/** The guard's body under any name: not null, of type object, not an array. */
const GUARD_BODY = /typeof (\w+) === 'object' && \1 !== null && !Array\.isArray\(\1\)\s*;?\s*$/;

/** Lines of `text` that define a shared value or the object guard a second time. */
function secondDefinitions(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const constant = CONSTANT.exec(line) ?? MEMBER.exec(line);
    if (constant && SHARED_VALUES.has(constant[3]!.toLowerCase())) found.push(`${i + 1}: ${constant[1]}`);
    const guard = GUARD_NAME.exec(line) ?? HTTP_HELPER.exec(line);
    if (guard) found.push(`${i + 1}: ${guard[1]}`);
    if (GUARD_BODY.test(line) && /\breturn\b|=>/.test(line)) found.push(`${i + 1}: object guard`);
  });
  return found;
}

describe('protocol/ defines the SCIM vocabulary and the JSON object guard once', () => {
  it('no source file outside protocol/ defines them again', () => {
    const copies = sourceFiles()
      .filter((file) => !file.path.startsWith('protocol/'))
      .flatMap((file) => secondDefinitions(file.text).map((where) => `${file.path}:${where}`));
    expect(copies).toEqual([]);
  });

  it('recognises each kind of copy, and leaves data literals alone', () => {
    expect(secondDefinitions("const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';")).toHaveLength(
      1,
    );
    expect(
      secondDefinitions("export const X: string = 'urn:ietf:params:scim:schemas:core:2.0:user';"),
    ).toHaveLength(1);
    expect(secondDefinitions("  user: 'urn:ietf:params:scim:schemas:core:2.0:User',")).toHaveLength(1);
    expect(secondDefinitions("const JSON_TYPE = 'application/scim+json';")).toHaveLength(1);
    expect(secondDefinitions('function isRecord(value: unknown): value is Obj {')).toHaveLength(1);
    expect(
      secondDefinitions('export function mediaType(header: string | undefined): string | undefined {'),
    ).toHaveLength(1);
    expect(secondDefinitions('export const mediaType: ClientCheck = {')).toEqual([]);
    expect(
      secondDefinitions(
        "const ok = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);",
      ),
    ).toHaveLength(1);
    expect(
      secondDefinitions("  return typeof value === 'object' && value !== null && !Array.isArray(value);"),
    ).toHaveLength(1);
    expect(
      secondDefinitions(
        "  body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'a' },",
      ),
    ).toEqual([]);
    expect(secondDefinitions("  attributes: 'urn:ietf:params:scim:schemas:core:2.0:User:userName',")).toEqual(
      [],
    );
    expect(secondDefinitions('import { isObject } from "../../protocol/json.js";')).toEqual([]);
  });
});
