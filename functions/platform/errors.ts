import { messageId, type ApiMessageKey, type Message } from './i18n.js';

export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

const messageOf: Record<ErrorCode, ApiMessageKey> = {
  VALIDATION: 'validation',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  CONFLICT: 'conflict',
  RATE_LIMITED: 'rateLimited',
  PAYLOAD_TOO_LARGE: 'payloadTooLarge',
  HEADERS_TOO_LARGE: 'headersTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'unsupportedMediaType',
  INTERNAL: 'internal',
};

/**
 * An error the domain or an adapter raises on purpose. The HTTP layer turns it into
 * `{"error": {"code", "message", "details"}}` with the matching status, in the requester's language. Its message is
 * one of the platform's own (by key; each code has a default) or an area's (a reference from its messages.ts).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageKey: Message;
  readonly params: Record<string, string | number>;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: {
      messageKey?: Message;
      params?: Record<string, string | number>;
      details?: unknown;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(`${code}${options.messageKey ? `: ${messageId(options.messageKey)}` : ''}`, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = statusOf[code];
    this.messageKey = options.messageKey ?? messageOf[code];
    this.params = options.params ?? {};
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (path: string) => new AppError('NOT_FOUND', { params: { path } });
export const forbidden = (messageKey?: Message) => new AppError('FORBIDDEN', { messageKey });

/** A failed condition expression means someone else got there first: a 409, never a 500. */
export class ConflictError extends AppError {
  constructor(details?: unknown, cause?: unknown) {
    super('CONFLICT', { details, cause });
    this.name = 'ConflictError';
  }
}

export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** True when the error (or anything it wraps, e.g. an ElectroError around the SDK's) is a failed condition. */
export function isConditionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (isConditionalCheckFailure(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
