export { createConsoleReporter, useColor } from './console.js';
export type { ConsoleReporter, ConsoleReporterOptions, TextStream } from './console.js';
export { writeJsonReport, JSON_REPORT_FILE } from './json.js';
export { renderJunit, writeJunitReport, xmlSafe, JUNIT_REPORT_FILE } from './junit.js';
export { exchangeLine, exchangeText, resultDetail, show } from './text.js';
