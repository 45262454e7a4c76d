/**
 * The run's cleanup ledger: everything a scenario created is deleted at the end, newest first, even after
 * failures or Ctrl-C. Nothing that was not tracked is ever deleted.
 * @module
 */
import type { CleanupLedger, HttpClient } from '../model/index.js';

/**
 * One resource the run leaves on the target (or refused to touch): reported, never changes a check's outcome.
 * `message` says why it could not be removed.
 */
export interface CleanupIssue {
  /** Path below the base URL (or the absolute URL when it is elsewhere). */
  path: string;
  /** Resource type, e.g. `User` or `Group`, when known. */
  resourceType?: string;
  id?: string;
  /** userName or displayName, when known. */
  name?: string;
  status?: number;
  code?: string;
  message: string;
}

export class RunLedger implements CleanupLedger {
  private readonly paths: string[] = [];

  track(path: string): void {
    if (!this.paths.includes(path)) this.paths.push(path);
  }

  forget(path: string): void {
    const i = this.paths.indexOf(path);
    if (i >= 0) this.paths.splice(i, 1);
  }

  /** Tracked paths, oldest first. */
  list(): readonly string[] {
    return [...this.paths];
  }

  /** DELETEs every tracked path in reverse order; 2xx, 404 and 410 count as gone. */
  async cleanup(http: HttpClient, baseUrl?: string): Promise<{ deleted: string[]; issues: CleanupIssue[] }> {
    const deleted: string[] = [];
    const issues: CleanupIssue[] = [];
    while (this.paths.length > 0) {
      const path = this.paths.pop() as string;
      // An absolute URL outside the target is never deleted (it would not be something this run created there).
      if (baseUrl !== undefined && /^https?:\/\//i.test(path) && !path.startsWith(`${baseUrl}/`)) {
        issues.push({ path, code: 'CLEANUP_REFUSED', message: `not deleting ${path}: outside ${baseUrl}` });
        continue;
      }
      try {
        const res = await http.request({ method: 'DELETE', path });
        const status = res.status;
        if (status !== undefined && ((status >= 200 && status < 300) || status === 404 || status === 410)) {
          deleted.push(path);
        } else if (status !== undefined) {
          issues.push({ path, status, message: `DELETE ${path} answered ${status}` });
        } else {
          const error = res.exchange.error;
          issues.push({
            path,
            code: error?.code ?? 'NO_RESPONSE',
            message: `DELETE ${path}: ${error?.message ?? 'no response'}`,
          });
        }
      } catch (err) {
        issues.push({ path, code: 'HARNESS_BUG', message: `DELETE ${path}: ${String(err)}` });
      }
    }
    return { deleted, issues };
  }
}
