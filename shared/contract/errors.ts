/**
 * Errors cross every transport as this envelope, never as stack traces.
 * `message` is Chinese and says what is wrong and what is expected.
 */
export const ERROR_CODES = [
  'VALIDATION', // input does not fit the schema, or rows of a file are wrong (details: RowError[])
  'REFUSED', // a rule says no (duplicate name, closed record…)
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'DATABASE', // the database cannot be used (damaged, newer version, a failing disk)
  'DISK_FULL', // the disk is full: nothing was written (main/db/faults.ts)
  'READ_ONLY', // the data folder cannot be written
  'BUSY', // another writer held the database longer than the wait
  'LOCKED', // another program locks the database file
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services; the transports turn it into an ErrorEnvelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toEnvelope(): ErrorEnvelope {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as ErrorEnvelope).code === 'string' && typeof (value as ErrorEnvelope).message === 'string'
  );
}
