export interface ConcatInfo {
  method: 'udh' | 'sar';
  reference: number;
  total: number;
  index: number;
}

/** One submit_sm as the simulator received it. */
export interface SubmitRecord {
  /** Running number in this simulator. */
  seq: number;
  /** sequence_number of the PDU on its session. */
  sequenceNumber: number;
  sessionId: string;
  /** The system_id of the bind it came on. */
  systemId?: string;
  receivedAt: number;
  source: string;
  destination: string;
  esmClass: number;
  dataCoding: number;
  /** This part's text, decoded from the octets (UDH removed). */
  text: string;
  /** The whole message, on every part, once all parts arrived. */
  assembledText?: string;
  concat?: ConcatInfo;
  userMessageReference?: string;
  registeredDelivery: number;
  validityPeriod: string;
  /** Every TLV by hex tag (`0x1400`), value as text when printable, else `hex:...`. */
  tlvs: Record<string, string>;
  /** SMSC id when accepted. */
  messageId?: string;
  /** command_status answered; null while unanswered (pending, or lost with a dropped connection). */
  status: number | null;
  dlrStat?: string;
}
