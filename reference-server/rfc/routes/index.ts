export { resourceRoutes } from './resource-routes.js';
export { discoveryRoutes } from './discovery-routes.js';
export { bulkRoutes } from './bulk-routes.js';
export { meRoutes } from './me-routes.js';
export { rootRoutes } from './root-routes.js';
