const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Our message id as user_message_reference: the 16 UUID bytes in base64url, 22 characters, so an
 * SMSC that echoes it in a receipt lets us find the message without its own id. Reversible.
 */
export function referenceFor(messageId: string): string {
  if (!UUID.test(messageId)) throw new TypeError(`not a UUID: ${messageId}`);
  return Buffer.from(messageId.replace(/-/g, ''), 'hex').toString('base64url');
}

export function messageIdFromReference(reference: string | undefined): string | undefined {
  if (reference === undefined || !REFERENCE.test(reference)) return undefined;
  const hex = Buffer.from(reference, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Concatenation reference shared by every part of a message (8 bits used with UDH, 16 with SAR):
 * derived from the message id, so a retried part carries the same reference as its siblings.
 */
export function concatReferenceFor(messageId: string): number {
  const hex = messageId.replace(/-/g, '');
  return parseInt(hex.slice(-4), 16);
}
