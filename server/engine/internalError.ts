/**
 * Errors of this program (a TypeError, a RangeError, something thrown that is not an Error) in
 * words a user can act on. Their own text ("Cannot read properties of undefined") explains nothing
 * and is never shown; the run is rolled back and audited like any other failure.
 */

const PROGRAM_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

export function isInternalError(error: unknown): boolean {
  return !(error instanceof Error) || PROGRAM_ERRORS.some((kind) => error instanceof kind);
}

export const INTERNAL_ERROR = 'an internal error in safe-sql (a defect of the program, not of the SQL or the database)';

/** One line: what failed, and that nothing was committed. */
export function describeInternalError(error: unknown): string {
  if (isInternalError(error)) return `the run stopped because of ${INTERNAL_ERROR}; the transaction was rolled back, nothing was committed`;
  return `the run failed: ${oneLine((error as Error).message)}; nothing was committed`;
}

/** The message of a database or network error, on one line; an internal error's message is replaced. */
export function plainMessage(error: unknown): string {
  return isInternalError(error) ? INTERNAL_ERROR : oneLine((error as Error).message);
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
