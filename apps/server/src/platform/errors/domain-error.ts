import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** The one error type domain code throws. Tests match `code`, never message text. */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
