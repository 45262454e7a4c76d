/** Every breakage row of the extended suites, one file per suite. */
import { FILTER_ROWS } from './rows-filter.js';
import { PAGING_ROWS } from './rows-paging.js';
import { RESOURCE_ROWS } from './rows-resources.js';
import { PATCH_ROWS } from './rows-patch.js';
import { MORE_ROWS } from './rows-more.js';
import type { BreakageRow } from './support/row.js';

export const ALL_ROWS: BreakageRow[] = [
  ...FILTER_ROWS,
  ...PAGING_ROWS,
  ...RESOURCE_ROWS,
  ...PATCH_ROWS,
  ...MORE_ROWS,
];
