/** Upper-case, leading zeros dropped: `000a1B` and `A1B` are the same SMSC id. */
export function normalizeMessageId(id: string): string {
  const trimmed = id.trim().toUpperCase();
  const stripped = trimmed.replace(/^0+/, '');
  return stripped === '' && trimmed !== '' ? '0' : stripped;
}

/**
 * Every normalized form an SMSC may use for the same id. Some return hex in submit_sm_resp and
 * decimal in the receipt, or the reverse (Jasmin #535, #643), so a receipt is looked up by all of
 * them: the id itself, and its hex<->decimal reading when it is a plausible number.
 */
export function messageIdCandidates(id: string): string[] {
  const norm = normalizeMessageId(id);
  const out = new Set<string>([norm]);
  if (/^\d{1,20}$/.test(norm)) out.add(BigInt(norm).toString(16).toUpperCase());
  if (/^[0-9A-F]{1,16}$/.test(norm)) out.add(BigInt(`0x${norm}`).toString(10));
  return [...out];
}
