import type { Handler } from '../../core/index.js';
import type { RfcContext } from '../context.js';

/** What route builders receive: the state and the guard that authenticates and validates every request. */
export interface RouteDeps {
  ctx: RfcContext;
  guard: (handler: Handler) => Handler;
}
