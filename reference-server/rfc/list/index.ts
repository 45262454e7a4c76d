export { queryFromSearch, queryFromSearchRequest } from './list-query.js';
export { runQuery } from './run-query.js';
