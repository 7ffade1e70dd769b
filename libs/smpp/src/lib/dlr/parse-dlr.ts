import { normalizeMessageId } from './message-id';
import { messageStateToStat, normalizeStat } from './message-state';

export interface ParsedDlr {
  /** The id as the SMSC wrote it, leading zeros kept. */
  id: string;
  idNormalized: string;
  sub?: string;
  dlvrd?: string;
  /** YYMMDDhhmm (some SMSCs add ss), SMSC local time. */
  submitDate?: string;
  doneDate?: string;
  stat: string;
  err?: string;
  text?: string;
}

export interface DlrTlvs {
  /** receipted_message_id TLV 0x001E. */
  receiptedMessageId?: string;
  /** message_state TLV 0x0427. */
  messageState?: number;
}

type Key = 'id' | 'sub' | 'dlvrd' | 'submitDate' | 'doneDate' | 'stat' | 'err' | 'text';

// Receipt text (SMPP 3.4 Appendix B, "vendor specific"):
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
// Vendors vary case, spacing (`id: 12`, `stat :X`, double spaces), write `submit_date` or
// `submitdate`, `status`/`error`, drop fields or reorder them. A key is found wherever it is
// followed by a colon; `id` must not be the tail of a longer word (`msgid`, `receipted_message_id`).
// Everything after `text:` is the text, whatever it contains.
const KEY_PATTERN = /((?<![A-Za-z0-9_])id|sub|dlvrd|submit[ _]*date|done[ _]*date|stat(?:us)?|err(?:or)?|text)\s*:/gi;

function keyOf(raw: string): Key {
  const k = raw.toLowerCase().replace(/[ _]/g, '');
  if (k === 'submitdate') return 'submitDate';
  if (k === 'donedate') return 'doneDate';
  if (k === 'status') return 'stat';
  if (k === 'error') return 'err';
  return k as Key;
}

function scan(text: string): Partial<Record<Key, string>> {
  const found: Partial<Record<Key, string>> = {};
  const matches = [...text.matchAll(KEY_PATTERN)];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    const key = keyOf(m[1]);
    const start = (m.index ?? 0) + m[0].length;
    if (key === 'text') {
      found.text ??= text.slice(start).trim();
      break;
    }
    const end = i + 1 < matches.length ? (matches[i + 1].index ?? text.length) : text.length;
    const value = text.slice(start, end).trim().split(/\s+/)[0];
    if (value !== '' && found[key] === undefined) found[key] = value;
  }
  return found;
}

/**
 * Parses a delivery receipt. The TLVs, when present, win over the text for the id and the state
 * (they are typed, the text is free-form). Undefined when no id or no state can be found.
 */
export function parseDlr(text: string, tlvs: DlrTlvs = {}): ParsedDlr | undefined {
  const f = scan(text);
  const id = tlvs.receiptedMessageId?.trim() || f.id;
  const tlvStat = tlvs.messageState === undefined ? undefined : messageStateToStat(tlvs.messageState);
  const stat = tlvStat ?? (f.stat === undefined ? undefined : normalizeStat(f.stat));
  if (!id || !stat) return undefined;
  const out: ParsedDlr = { id, idNormalized: normalizeMessageId(id), stat };
  if (f.sub !== undefined) out.sub = f.sub;
  if (f.dlvrd !== undefined) out.dlvrd = f.dlvrd;
  if (f.submitDate !== undefined) out.submitDate = f.submitDate;
  if (f.doneDate !== undefined) out.doneDate = f.doneDate;
  if (f.err !== undefined) out.err = f.err;
  if (f.text !== undefined) out.text = f.text;
  return out;
}

/** YYMMDDhhmm[ss] read as UTC in 20YY; undefined when malformed. The SMSC's zone is not on the wire. */
export function parseDlrDate(value: string): Date | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(value);
  if (!m) return undefined;
  const [yy, mo, dd, hh, mi, ss] = m.slice(1).map((v) => Number(v ?? 0));
  const d = new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss));
  return d.getUTCMonth() === mo - 1 && d.getUTCDate() === dd && hh < 24 && mi < 60 && ss < 60 ? d : undefined;
}
