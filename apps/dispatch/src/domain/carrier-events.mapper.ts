import { recipientTokenFor, type CarrierInboundV1, type CarrierReceiptV1, type DeliveryState } from '@herald/contracts';
import { normalizePhone } from '@herald/phone';
import { inboundIdFor } from './inbound-id';

/** ISO 3166 user-assigned code for "unknown": a non-geographic or unreadable MO source. */
export const UNKNOWN_COUNTRY = 'ZZ';

/** A delivery report as a carrier plugin read it, with the moment dispatch received it. */
export interface ReceiptInput {
  carrierId: string;
  carrierMessageId: string;
  state: DeliveryState;
  rawStat: string;
  rawErr?: string;
  submitDate?: string;
  doneDate?: string;
  /** The report in the carrier's words, already without body text. */
  detail?: string;
  messageId?: string;
  receivedAt: Date;
}

export function toCarrierReceipt(r: ReceiptInput): CarrierReceiptV1 {
  const receipt: CarrierReceiptV1 = {
    carrierId: r.carrierId,
    carrierMessageId: r.carrierMessageId.slice(0, 128),
    state: r.state,
    rawStat: r.rawStat.slice(0, 32),
    receivedAt: r.receivedAt.toISOString(),
  };
  if (r.messageId !== undefined) receipt.messageId = r.messageId;
  if (r.rawErr !== undefined && r.rawErr !== '') receipt.rawErr = r.rawErr.slice(0, 32);
  if (r.submitDate !== undefined) receipt.submitDate = r.submitDate.slice(0, 32);
  if (r.doneDate !== undefined) receipt.doneDate = r.doneDate.slice(0, 32);
  if (r.detail !== undefined) receipt.dlrText = r.detail.slice(0, 1024);
  return receipt;
}

export interface InboundInput {
  carrierId: string;
  /** source_addr as received: SMSCs usually drop the '+' of an international number. */
  sourceAddr: string;
  destAddr: string;
  text: string;
  receivedAt: Date;
}

export interface InboundCrypto {
  tokenKey: string;
  encrypt(plain: string): string;
}

/** The MO's sender becomes a token and a ciphertext: the raw number never leaves this function. */
export function toCarrierInbound(m: InboundInput, crypto: InboundCrypto): CarrierInboundV1 {
  const { e164, country } = normalizeSource(m.sourceAddr);
  return {
    inboundId: inboundIdFor(m.carrierId, m.sourceAddr, m.destAddr, m.text, m.receivedAt.getTime()),
    carrierId: m.carrierId,
    recipient: { token: recipientTokenFor(crypto.tokenKey, e164), phoneEnc: crypto.encrypt(e164), country },
    to: (m.destAddr === '' ? 'unknown' : m.destAddr).slice(0, 32),
    text: m.text.slice(0, 1600),
    receivedAt: m.receivedAt.toISOString(),
  };
}

function normalizeSource(source: string): { e164: string; country: string } {
  const trimmed = source.trim();
  const candidate = /^\d{6,15}$/.test(trimmed) ? `+${trimmed}` : trimmed;
  const n = normalizePhone(candidate);
  if (n.ok) return { e164: n.e164, country: /^[A-Z]{2}$/.test(n.country) ? n.country : UNKNOWN_COUNTRY };
  return { e164: candidate, country: UNKNOWN_COUNTRY };
}
