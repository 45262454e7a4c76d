export { createRfcFlavour } from './create-rfc-flavour.js';
