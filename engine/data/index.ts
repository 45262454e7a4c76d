export { createDataGenerator, runIdFor, randomSeed, DATA_PREFIX } from './generator.js';
export type { SeededDataGenerator } from './generator.js';
