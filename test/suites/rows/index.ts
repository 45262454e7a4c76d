import type { BreakageRow } from '../../support/breakages.js';
import { DISCOVERY_ROWS } from './discovery-rows.js';
import { ERRORS_ROWS } from './errors-rows.js';
import { SECURITY_ROWS } from './security-rows.js';
import { USERS_ROWS } from './users-rows.js';

/** Every breakage row of the discovery, users, errors and security suites. */
export const ALL_ROWS: BreakageRow[] = [...DISCOVERY_ROWS, ...USERS_ROWS, ...ERRORS_ROWS, ...SECURITY_ROWS];
