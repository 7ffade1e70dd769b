import { findTlv, readTlvString, readTlvUint, TlvTag, type Tlv } from '../pdu/tlv';
import { parseDlr, type ParsedDlr } from './parse-dlr';

/**
 * A receipt from a deliver_sm: text from short_message, or message_payload when short_message is
 * empty, read as Latin-1 because SMSCs write receipts in ASCII whatever data_coding says; the
 * receipted_message_id and message_state TLVs win over the text.
 */
export function parseDeliverReceipt(deliver: { shortMessage: Buffer; tlvs: readonly Tlv[] }): ParsedDlr | undefined {
  const body = deliver.shortMessage.length > 0 ? deliver.shortMessage : findTlv(deliver.tlvs, TlvTag.MESSAGE_PAYLOAD);
  return parseDlr(body?.toString('latin1') ?? '', {
    receiptedMessageId: readTlvString(deliver.tlvs, TlvTag.RECEIPTED_MESSAGE_ID),
    messageState: readTlvUint(deliver.tlvs, TlvTag.MESSAGE_STATE),
  });
}
