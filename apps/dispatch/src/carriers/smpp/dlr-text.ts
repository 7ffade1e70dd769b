// Receipt text (SMPP 3.4 appendix B): `id:... sub:... dlvrd:... submit date:... done date:... stat:... err:... text:...`.
// Everything from `text:` on is the start of the message body as the SMSC echoes it, which for an
// OTP is the code: it is cut before the receipt leaves dispatch. A `text` key inside a longer word
// (`context:`) is not the field.
const TEXT_FIELD = /(?<![A-Za-z0-9_])text\s*:/i;
const MAX_DLR_TEXT = 1024;

export function stripDlrText(receipt: string): string {
  const match = TEXT_FIELD.exec(receipt);
  const kept = match === null ? receipt : receipt.slice(0, match.index);
  return kept.trimEnd().slice(0, MAX_DLR_TEXT);
}
