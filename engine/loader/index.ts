/**
 * User-authored checks, suites and profiles: loading TypeScript (ts-node) and JavaScript modules,
 * validating what they export, and reporting unusable files with file, line and column.
 * @module
 */
export { UserFileError, displayPath } from './user-file-error.js';
export type { UserFileProblem } from './user-file-error.js';
export { loadCheckFiles, suiteNameFromFile } from './load-checks.js';
export { loadProfileModule, isProfileModule } from './load-profile.js';
export { defineProfile } from './define-profile.js';
export type { ProfileDefinition, ProfileVariant, DeepPartial } from './define-profile.js';
export { packageEntry } from './package-entry.js';
