interface ErrorDefinition {
  retriable: boolean;
  description: string;
}

/** Every error the pipeline can report; `retriable` decides retry-with-backoff versus straight to the DLQ. */
export const ErrorCatalog = {
  CONTRACT_VIOLATION: { retriable: false, description: 'Payload does not match the topic contract.' },
  UNDECODABLE_RECORD: { retriable: false, description: 'Record value is not valid JSON or not UTF-8.' },
  ENVELOPE_INVALID: { retriable: false, description: 'CloudEvents attributes are missing or malformed.' },
  PAYLOAD_TOO_LARGE: { retriable: false, description: 'Record or request body exceeds the size limit.' },
  UNKNOWN_EVENT_TYPE: { retriable: false, description: 'No mapping rule exists for the event type.' },
  MISSING_RECIPIENT: { retriable: false, description: 'Event carries no recipient phone number.' },
  INVALID_PHONE: { retriable: false, description: 'Phone number cannot be normalized to E.164.' },
  UNKNOWN_TEMPLATE: { retriable: false, description: 'No template for the key in any fallback locale.' },
  MISSING_VARIABLE: { retriable: false, description: 'Template references a variable the event lacks.' },
  TEMPLATE_RENDER_FAILED: { retriable: false, description: 'Template engine failed to render the body.' },
  TOO_MANY_SEGMENTS: { retriable: false, description: 'Rendered body exceeds the segment limit.' },
  UNKNOWN_MESSAGE: { retriable: false, description: 'No message matches the id or carrier message id.' },
  DLR_UNPARSEABLE: { retriable: false, description: 'Delivery receipt text cannot be parsed.' },
  CARRIER_PERMANENT: { retriable: false, description: 'Carrier rejected the message permanently.' },
  CARRIER_TRANSIENT: { retriable: true, description: 'Carrier failed temporarily (bind lost, timeout, system error).' },
  CARRIER_THROTTLED: { retriable: true, description: 'Carrier asked us to slow down (ESME_RTHROTTLED, HTTP 429).' },
  DB_UNAVAILABLE: { retriable: true, description: 'PostgreSQL is unreachable or timed out.' },
  BROKER_UNAVAILABLE: { retriable: true, description: 'Kafka is unreachable or the produce timed out.' },
  HANDLER_FAILED: { retriable: true, description: 'Unexpected error inside a handler.' },
  RETRIES_EXHAUSTED: { retriable: false, description: 'A retriable error kept failing until the retry bound.' },
  CONFIG_INVALID: { retriable: false, description: 'Configuration or rule data is invalid.' },
  UNKNOWN_BRAND: { retriable: false, description: 'The brand is not in the brands file.' },
  BRAND_NOT_ALLOWED: { retriable: false, description: 'The API key may not send for this brand.' },
  VARIABLE_INVALID: {
    retriable: false,
    description: "A variable's value breaks its template declaration (type or maxLength).",
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ErrorCatalog;

export const ErrorCodes = Object.keys(ErrorCatalog) as ErrorCode[];

/** What an HTTP API answers in `error` besides the codes above (which it answers too: INVALID_PHONE, UNKNOWN_TEMPLATE...). */
export const HttpErrorCatalog = {
  BAD_REQUEST: 'The request is malformed (path, query or body).',
  VALIDATION_FAILED: 'The request breaks its declared schema; `fields` says where.',
  INVALID_JSON: 'The request body is not valid JSON.',
  INVALID_REQUEST: 'A request header is malformed.',
  UNSUPPORTED_MEDIA_TYPE: 'The Content-Type is not one the route takes.',
  UNAUTHENTICATED: 'No API key or bearer token was sent.',
  UNAUTHORIZED: "A webhook's signature does not verify.",
  FORBIDDEN: 'The API key or token is unknown, revoked, or lacks the scope.',
  ADMIN_API_DISABLED: 'The admin API is off: no admin token is configured.',
  NOT_FOUND: 'No such route or resource.',
  METHOD_NOT_ALLOWED: 'The route does not take this method.',
  IDEMPOTENCY_CONFLICT: 'The Idempotency-Key is in use or was used with another body.',
  API_KEY_EXISTS: 'An API key of that name exists.',
  TEMPLATE_NOT_ALLOWED: 'The template may not be sent through this API (a system template).',
  TEMPLATE_REJECTED: 'The template draft fails its checks; `fields` says where.',
  RATE_LIMITED: 'Too many requests; retry after Retry-After seconds.',
  QUOTA_EXCEEDED: "The API key's daily quota is used up; it resets at 00:00 UTC.",
  CONSENT_UNAVAILABLE: 'Consent could not be recorded now; retry after Retry-After seconds.',
  INVALID_WEBHOOK: 'A platform webhook cannot be read; `fields` says where.',
  INTERNAL: 'An unexpected error, logged with the request.',
} as const satisfies Record<string, string>;

export type HttpErrorCode = keyof typeof HttpErrorCatalog;

/** Every code an HTTP error body may carry: the pipeline's errors and the HTTP-only ones. */
export type ApiErrorCode = ErrorCode | HttpErrorCode;

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return isErrorCode(code) || Object.prototype.hasOwnProperty.call(HttpErrorCatalog, code);
}

export interface HeraldErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class HeraldError extends Error {
  override readonly name = 'HeraldError';
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: HeraldErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = ErrorCatalog[code].retriable;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isHeraldError(e: unknown): e is HeraldError {
  return e instanceof HeraldError;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ErrorCatalog, code);
}

export function toHeraldError(e: unknown): HeraldError {
  if (e instanceof HeraldError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new HeraldError('HANDLER_FAILED', message, { cause: e });
}
