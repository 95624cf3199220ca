import { isErrorEnvelope, type ErrorCode, type ErrorEnvelope } from '../../../shared/contract/errors';
import type { RowError } from '../../../shared/domain/roster-rows';

/** An error from main, carrying its envelope (code, Chinese message, details). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ApiError';
    this.code = envelope.code;
    this.details = envelope.details;
  }

  /** Row errors of an import (VALIDATION with RowError[] details), else []. */
  get rowErrors(): RowError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is RowError => typeof d === 'object' && d !== null && typeof (d as RowError).message === 'string',
    );
  }
}

export function toApiError(value: unknown, fallback: string): ApiError {
  if (value instanceof ApiError) return value;
  if (isErrorEnvelope(value)) return new ApiError(value);
  const message = value instanceof Error && value.message ? `${fallback}（${value.message}）` : fallback;
  return new ApiError({ code: 'INTERNAL', message });
}

/** The Chinese message of anything thrown. */
export function errorMessage(value: unknown): string {
  if (value instanceof ApiError) return value.message;
  if (value instanceof Error) return value.message;
  return String(value);
}
