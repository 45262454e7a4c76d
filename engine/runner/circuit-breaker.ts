/**
 * The run's circuit breaker: after a few consecutive requests without any answer (timeouts, refused or reset
 * connections) the target is gone, and running the rest of the catalogue would only multiply the waiting.
 * Any HTTP answer (a 429 or a 500 included) resets the count: those are verdicts, not a dead target.
 * @module
 */
import { HarnessError } from '../errors.js';
import type { Exchange } from '../model/index.js';

const DEAD = new Set(['TARGET_TIMEOUT', 'TARGET_UNREACHABLE', 'TARGET_RESET', 'TARGET_PROTOCOL_ERROR']);

export class CircuitBreaker {
  private consecutive = 0;
  private last: { code: string; message: string; url: string } | undefined;
  private tripped = false;

  /** `limit`: consecutive unanswered requests that trip it; `onTrip` stops the run. */
  constructor(
    private readonly limit: number,
    private readonly onTrip: () => void,
  ) {}

  observe(exchange: Exchange): void {
    if (this.tripped) return;
    if (exchange.response && !exchange.error) {
      this.consecutive = 0;
      return;
    }
    const error = exchange.error;
    if (!error || !DEAD.has(error.code)) return;
    this.consecutive++;
    this.last = { code: error.code, message: error.message, url: exchange.request.url };
    if (this.consecutive >= this.limit) {
      this.tripped = true;
      this.onTrip();
    }
  }

  get isTripped(): boolean {
    return this.tripped;
  }

  /** The error the run ends with once tripped. */
  error(hint?: string): HarnessError {
    const last = this.last;
    const code = last?.code === 'TARGET_TIMEOUT' ? 'TARGET_TIMEOUT' : 'TARGET_STOPPED_ANSWERING';
    return new HarnessError(
      code,
      `stopped the run: ${this.limit} requests in a row got no answer from the target (last: ${last?.code ?? 'unknown'} on ${last?.url ?? '?'})${hint ? `; ${hint}` : ''}`,
    );
  }
}
