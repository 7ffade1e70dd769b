import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(secret: string, data: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Constant-time equality of a computed digest and one the caller sent (any length, any garbage). */
export function sameDigest(expected: Buffer, presented: Buffer): boolean {
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A base64 header value as bytes; undefined when it is not base64 at all. */
export function base64Bytes(value: string | undefined): Buffer | undefined {
  const trimmed = value?.trim();
  return trimmed !== undefined && BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
}
