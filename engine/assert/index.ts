export {
  about,
  describeExchange,
  expectResponse,
  expectStatus,
  expectHeader,
  expectContentType,
  expectJson,
  expectErrorBody,
  lostAnswer,
  mediaType,
} from './http.js';
export type { HeaderExpectation } from './http.js';
export { expectValue, expectAttribute, expectNoAttribute, jsonEqual, verdict } from './values.js';
export { pointerGet, pointerHas, parsePointer, escapeToken } from './pointer.js';
export type { PointerOptions } from './pointer.js';
