/**
 * The extended RFC 7643/7644 coverage suites; the lead wires them into the catalogue (suites/index.ts).
 * @module
 */
import type { SuiteDefinition } from './support/index.js';
import { filterSuite } from './filter/index.js';
import { paginationSuite } from './pagination/index.js';
import { sortingSuite } from './sorting/index.js';
import { attributesSuite } from './attributes/index.js';
import { putSuite } from './put/index.js';
import { etagSuite } from './etag/index.js';
import { patchSuite } from './patch/index.js';
import { groupsSuite } from './groups/index.js';
import { bulkSuite } from './bulk/index.js';
import { searchSuite } from './search/index.js';

export const EXTENDED_SUITES: SuiteDefinition[] = [
  filterSuite,
  paginationSuite,
  sortingSuite,
  attributesSuite,
  putSuite,
  etagSuite,
  patchSuite,
  groupsSuite,
  bulkSuite,
  searchSuite,
];
