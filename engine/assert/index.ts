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
} from './http.js';
/** The shared media-type parser (protocol/http.ts), part of the assertion helpers' public API. */
export { mediaType } from '../../protocol/http.js';
export type { HeaderExpectation } from './http.js';
export { expectValue, expectAttribute, expectNoAttribute, jsonEqual, verdict } from './values.js';
export { pointerGet, pointerHas, parsePointer, escapeToken } from './pointer.js';
export type { PointerOptions } from './pointer.js';
