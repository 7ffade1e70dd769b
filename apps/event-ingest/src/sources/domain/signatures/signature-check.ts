/** Headers with lower-case names, one value each. */
export type WebhookHeaders = Readonly<Record<string, string | undefined>>;

/** What a signature check needs; `secrets` holds every secret the source accepts (more than one while rotating). */
export interface SignatureInput {
  headers: WebhookHeaders;
  body: Buffer;
  secrets: readonly string[];
  now: Date;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: SignatureFailure };

export type SignatureFailure =
  'MISSING_SIGNATURE' | 'MALFORMED_SIGNATURE' | 'SIGNATURE_MISMATCH' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'NO_SECRET';

export const verified: SignatureVerdict = { ok: true };
export const refused = (reason: SignatureFailure): SignatureVerdict => ({ ok: false, reason });
