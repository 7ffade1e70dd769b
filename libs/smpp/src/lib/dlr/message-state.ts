// message_state TLV 0x0427 values (SMPP 3.4 section 5.2.28; 0 and 9 are from SMPP 5.0) and the
// 7-letter `stat:` word the same outcome has in receipt text.
export const MessageState = {
  SCHEDULED: 0,
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
  SKIPPED: 9,
} as const;

const STAT_BY_STATE: Record<number, string> = {
  0: 'SCHEDLD',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
  9: 'SKIPPED',
};

const STAT_ALIASES: Record<string, string> = {
  DELIVERED: 'DELIVRD',
  UNDELIVERABLE: 'UNDELIV',
  UNDELIVERED: 'UNDELIV',
  ACCEPTED: 'ACCEPTD',
  REJECTED: 'REJECTD',
  SCHEDULED: 'SCHEDLD',
  DELIVRED: 'DELIVRD',
};

export function messageStateToStat(state: number): string | undefined {
  return STAT_BY_STATE[state];
}

/** Upper-cases and maps spelled-out vendor variants (`Delivered`) to the 7-letter word. */
export function normalizeStat(raw: string): string {
  const word = raw.toUpperCase().replace(/[^A-Z]/g, '');
  return STAT_ALIASES[word] ?? word;
}
