export { createConsoleReporter, useColor } from './console.js';
export type { ConsoleReporter, ConsoleReporterOptions, TextStream } from './console.js';
export { writeJsonReport, JSON_REPORT_FILE } from './json.js';
export { renderJunit, writeJunitReport, xmlSafe, JUNIT_REPORT_FILE } from './junit.js';
export { decisiveExchange, exchangeLine, exchangeText, resultDetail, show, verdictPhrase } from './text.js';
export { renderHtml, writeHtmlReport, HTML_REPORT_FILE } from './html/index.js';
export { renderMarkdown, writeMarkdownReport, MARKDOWN_REPORT_FILE } from './markdown/index.js';
export { renderHar, writeHar, HAR_REPORT_FILE } from './har/index.js';
export { cleanupCommand, leftoverLine, leftoverWarning } from './leftovers.js';
