/**
 * The request-rewriting proxy of the extended suites' tests: the shared mutating proxy, which can rewrite
 * the request (a filter, a PatchOp body, a Bulk request) as well as answer or rewrite the response.
 * @module
 */
export {
  startMutatingProxy as startRewritingProxy,
  type Breakage,
  type MutatingProxy as RewritingProxy,
  type ProxiedRequest,
  type ProxiedResponse,
  type RequestRewrite,
} from '../../support/mutating-proxy.js';
