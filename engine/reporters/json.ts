/**
 * JSON reporter: `<out>/scimulator-report.json`, exactly the report contract.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../runner/report.js';

export const JSON_REPORT_FILE = 'scimulator-report.json';

export async function writeJsonReport(report: Report, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, JSON_REPORT_FILE);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return file;
}
