export { createRfcFlavour } from './create-rfc-flavour.js';
export { BASE_PATH, MAX_RESULTS, BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD } from './constants.js';
