export { createDataGenerator } from './generator.js';
