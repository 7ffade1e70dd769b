import { HeraldError } from '@herald/contracts';
import { maskLogValue } from '@herald/observability';
import { PiiCipher } from '@herald/pii';
import { DlqHeader } from './dlq-record';

type HeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined;

export interface SealedMessage {
  key: Buffer | string | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
}

export const isDlqTopic = (topic: string): boolean => topic.endsWith('.dlq');

const text = (v: HeaderValue | unknown): string | undefined => {
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined || first === null
    ? undefined
    : Buffer.isBuffer(first)
      ? first.toString('utf8')
      : String(first);
};

/**
 * A dead letter as it rests in its DLQ: every value (domain event, pipeline record or bytes that
 * never decoded) encrypted under the active PII key as binary `iv(12) | tag(16) | ciphertext`
 * (28 bytes more; a text token would be a third larger and could pass the broker's message size
 * limit the original fitted), `x-herald-dlq-enc: aes-256-gcm:<keyId>`,
 * and the reason with phone numbers and OTP-shaped codes masked (a JSON parse error quotes the
 * record). Key and other headers stay as they were: replay needs them for ordering and tracing.
 */
export function sealDeadLetter(
  record: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, Buffer | string> },
  cipher: PiiCipher,
): SealedMessage {
  const headers: Record<string, Buffer | string> = { ...record.headers };
  delete headers[DlqHeader.enc];
  const reason = text(headers[DlqHeader.message]);
  if (reason !== undefined) headers[DlqHeader.message] = String(maskLogValue(reason));
  if (record.value === null) return { key: record.key, value: null, headers };
  const plain = Buffer.isBuffer(record.value) ? record.value : Buffer.from(record.value, 'utf8');
  headers[DlqHeader.enc] = `${PiiCipher.ALGORITHM}:${cipher.activeKeyId}`;
  return { key: record.key, value: cipher.seal(plain), headers };
}

/** The PII key id a dead letter is encrypted under; undefined for one written before DLQs were encrypted. */
export function deadLetterKeyId(headers: Record<string, HeaderValue | unknown>): string | undefined {
  const enc = text(headers[DlqHeader.enc]);
  return enc === undefined ? undefined : enc.slice(enc.indexOf(':') + 1);
}

/**
 * The original bytes of a dead letter, exactly: decrypted when sealed, as stored when written
 * before DLQs were encrypted. `value` as the broker returned it (a string decoding would corrupt
 * the ciphertext). Throws CONFIG_INVALID when the keys cannot open it.
 */
export function openDeadLetter(
  bytes: Buffer | null,
  headers: Record<string, HeaderValue | unknown>,
  cipher: PiiCipher | undefined,
): Buffer | null {
  const enc = text(headers[DlqHeader.enc]);
  if (enc === undefined || bytes === null) return bytes;
  const alg = enc.slice(0, Math.max(0, enc.indexOf(':')));
  const keyId = deadLetterKeyId(headers) ?? '';
  if (alg !== PiiCipher.ALGORITHM)
    throw new HeraldError(
      'CONFIG_INVALID',
      `dead letter encrypted with "${alg}"; only ${PiiCipher.ALGORITHM} is known`,
    );
  if (!cipher)
    throw new HeraldError(
      'CONFIG_INVALID',
      `dead letter encrypted under PII key "${keyId}": PII_ENCRYPTION_KEYS is needed to read it`,
    );
  try {
    return cipher.open(keyId, bytes);
  } catch (e) {
    throw new HeraldError(
      'CONFIG_INVALID',
      `dead letter encrypted under PII key "${keyId}" cannot be decrypted with PII_ENCRYPTION_KEYS (${(e as Error).message})`,
      { cause: e },
    );
  }
}
