// Receipt text the simulator writes, in the SMPP 3.4 Appendix B form most SMSCs copy:
//   id:IIIIIIIIII sub:001 dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:EEE text:...
// plus the message_state value (section 5.2.28) sent in TLV 0x0427. err codes are simulator-specific.
export const DLR_STATE: Readonly<Record<string, { messageState: number; err: string }>> = {
  ENROUTE: { messageState: 1, err: '000' },
  DELIVRD: { messageState: 2, err: '000' },
  EXPIRED: { messageState: 3, err: '001' },
  DELETED: { messageState: 4, err: '002' },
  UNDELIV: { messageState: 5, err: '003' },
  ACCEPTD: { messageState: 6, err: '000' },
  UNKNOWN: { messageState: 7, err: '004' },
  REJECTD: { messageState: 8, err: '005' },
};

export interface DlrTextInput {
  messageId: string;
  stat: string;
  submittedAt: number;
  doneAt: number;
  text?: string;
}

export function formatDlrText(d: DlrTextInput): string {
  const dlvrd = d.stat === 'DELIVRD' ? '001' : '000';
  const err = DLR_STATE[d.stat]?.err ?? '000';
  const text = (d.text ?? '').slice(0, 20);
  return `id:${d.messageId} sub:001 dlvrd:${dlvrd} submit date:${smppDate(d.submittedAt)} done date:${smppDate(d.doneAt)} stat:${d.stat} err:${err} text:${text}`;
}

/** YYMMDDhhmm in UTC. */
export function smppDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
