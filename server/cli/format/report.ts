/** What the formatters print: one checked file, its findings and the line index of its text. */
import { Environment, Finding } from '../../analysis/types';
import { LineIndex } from '../../analysis/lines';

export interface FileReport {
  /** The path as given on the command line (or found under a given directory); `-` for stdin. */
  path: string;
  environment: Environment;
  findings: Finding[];
  lines: LineIndex;
}

/** How text output names a file: stdin has no path. */
export function displayPath(report: FileReport): string {
  return report.path === '-' ? '<stdin>' : report.path;
}
