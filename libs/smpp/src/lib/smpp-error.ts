interface SmppErrorDefinition {
  retriable: boolean;
  description: string;
}

/** Every error the SMPP client raises; `maybeSubmitted` is set per instance, never guessed by the caller. */
export const SmppErrorCatalog = {
  CONNECTION_LOST: { retriable: true, description: 'The TCP connection closed before the response arrived.' },
  TIMEOUT: { retriable: true, description: 'No response within responseTimeoutMs.' },
  NOT_BOUND: { retriable: true, description: 'The session is not bound (not yet, or no longer).' },
  SESSION_CLOSED: { retriable: true, description: 'close() was called; queued requests were never written.' },
  BIND_FAILED: { retriable: false, description: 'The SMSC refused the bind (credentials, system type, bind limit).' },
  INVALID_PDU: { retriable: false, description: 'A PDU could not be encoded or decoded.' },
} as const satisfies Record<string, SmppErrorDefinition>;

export type SmppErrorCode = keyof typeof SmppErrorCatalog;

export interface SmppErrorOptions {
  /** True once the submit_sm was written to the socket: the SMSC may have it, so resending may duplicate. */
  maybeSubmitted?: boolean;
  /** command_status of the response that caused the error, e.g. a refused bind. */
  commandStatus?: number;
  sequenceNumber?: number;
  cause?: unknown;
}

export class SmppError extends Error {
  override readonly name = 'SmppError';
  readonly code: SmppErrorCode;
  readonly retriable: boolean;
  readonly maybeSubmitted: boolean;
  readonly commandStatus?: number;
  readonly sequenceNumber?: number;

  constructor(code: SmppErrorCode, message: string, options: SmppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = SmppErrorCatalog[code].retriable;
    this.maybeSubmitted = options.maybeSubmitted ?? false;
    if (options.commandStatus !== undefined) this.commandStatus = options.commandStatus;
    if (options.sequenceNumber !== undefined) this.sequenceNumber = options.sequenceNumber;
  }
}

export function isSmppError(e: unknown): e is SmppError {
  return e instanceof SmppError;
}
