/**
 * Errors cross every transport as this envelope, never as stack traces.
 * `message` is Chinese and says what is wrong and what is expected.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION', // input does not fit the schema, or rows of a file are wrong (details: field or row problems)
  'REFUSED', // a rule says no (duplicate name, closed record…)
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED', // signed in with a temporary password: only auth.changePassword (and logout, status) until it is changed
  'DATABASE', // the database cannot be used (damaged, newer version, a failing disk)
  'DISK_FULL', // the disk is full: nothing was written (main/db/faults.ts)
  'READ_ONLY', // the data folder cannot be written
  'BUSY', // another writer held the database longer than the wait
  'CONFLICT', // the record changed since the form was opened (its revision, issue 17): nothing was written; details name it (kind 'conflict'), the message who and when
  'LOCKED', // another program locks the database file
  'SCREEN_LOCKED', // the session's screen locked after idle minutes: only unlock, logout and status until the password is given again
  'OFFLINE', // the office server cannot be reached (the client retries the same call, with its idempotency key)
  'CERTIFICATE_CHANGED', // the office server shows another certificate than the one paired: refused, never retried
  'RATE_LIMITED', // one address made more calls than the office server takes (main/transport/rate-limit.ts)
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What a refusal names, so that every screen and the CLI place it the same way
 * (docs/architecture.md §2). Each problem says where it is:
 * - `row`: a row of a file, as Excel numbers it (header = 1), and the header of
 *   its column; row null for the file as a whole;
 * - `field`: a field of the method's input, as its dotted path
 *   ('items.0.category'); `label` is the field's Chinese name where the
 *   message alone does not say it (the CLI shows it as the column);
 * - `rule`: a procedural rule (notice period, quorum…); the same call with an
 *   `overrideReason` goes past every rule problem (main/services/rule-overrides.ts);
 * - `conflict`: a record that is already there (its entity and id), for the
 *   screen to show beside what was typed;
 * - `input`: the input as a whole (no single field or row).
 */
export const problemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('row'), row: z.number().int().nullable(), column: z.string().optional(), message: z.string() }),
  z.object({ kind: z.literal('field'), field: z.string(), label: z.string().optional(), message: z.string() }),
  z.object({ kind: z.literal('rule'), rule: z.string(), message: z.string() }),
  z.object({ kind: z.literal('conflict'), entity: z.string(), id: z.string(), message: z.string() }),
  z.object({ kind: z.literal('input'), message: z.string() }),
]);
export type Problem = z.infer<typeof problemSchema>;
export type RowProblem = Extract<Problem, { kind: 'row' }>;
export type FieldProblem = Extract<Problem, { kind: 'field' }>;
export type RuleProblem = Extract<Problem, { kind: 'rule' }>;
export type ConflictProblem = Extract<Problem, { kind: 'conflict' }>;

/** A file's row errors as the parsers find them ({ row, column, message }), as problems. */
export function rowProblems(errors: readonly { row: number | null; column?: string; message: string }[]): RowProblem[] {
  return errors.map((e) => (e.column === undefined ? { kind: 'row', row: e.row, message: e.message } : { kind: 'row', row: e.row, column: e.column, message: e.message }));
}

/** One field's problem; the label only where the message does not name the field. */
export function fieldProblem(field: string, message: string, label?: string): FieldProblem {
  return label === undefined ? { kind: 'field', field, message } : { kind: 'field', field, label, message };
}

/** Problems of the input as a whole, one per message. */
export function inputProblems(messages: readonly string[]): Problem[] {
  return messages.map((message) => ({ kind: 'input', message }));
}

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: Problem[];
}

/** Thrown by services; the transports turn it into an ErrorEnvelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Problem[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** A refusal of one field: the message above the form and on the field are the same. */
  static field(code: ErrorCode, field: string, message: string, label?: string): AppError {
    return new AppError(code, message, [fieldProblem(field, message, label)]);
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
