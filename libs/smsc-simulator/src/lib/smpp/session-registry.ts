import type * as smpp from 'smpp';

export type BindMode = 'transmitter' | 'receiver' | 'transceiver';

export interface SimSession {
  id: string;
  session: smpp.Session;
  mode?: BindMode;
  /** The system_id it bound with: receipts of its submits go back to the same account. */
  systemId?: string;
  /** Delayed submit_sm_resp timers: cancelled, unanswered, when the connection drops. */
  timers: Set<NodeJS.Timeout>;
  closed: boolean;
  corked: boolean;
}

export const canSubmit = (s: SimSession) => !s.closed && (s.mode === 'transmitter' || s.mode === 'transceiver');
export const canReceive = (s: SimSession) => !s.closed && (s.mode === 'receiver' || s.mode === 'transceiver');

/** Open SMPP connections, and which of them may carry receipts and MO messages. */
export class SessionRegistry {
  private readonly sessions = new Map<string, SimSession>();
  private nextId = 1;
  private roundRobin = 0;

  open(session: smpp.Session): SimSession {
    const s: SimSession = { id: `s${this.nextId++}`, session, timers: new Set(), closed: false, corked: false };
    this.sessions.set(s.id, s);
    return s;
  }

  close(s: SimSession): void {
    s.closed = true;
    for (const t of s.timers) clearTimeout(t);
    s.timers.clear();
    this.sessions.delete(s.id);
  }

  all(): SimSession[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }

  get boundCount(): number {
    return this.all().filter((s) => s.mode !== undefined).length;
  }

  /**
   * The preferred session when it can receive, else the next receiver in turn; with `systemId`,
   * only a receiver bound with that system id (a carrier never sends one account's receipts to another).
   */
  pickReceiver(preferId?: string, systemId?: string): SimSession | undefined {
    const preferred = preferId === undefined ? undefined : this.sessions.get(preferId);
    if (preferred !== undefined && canReceive(preferred)) return preferred;
    const receivers = this.all().filter((s) => canReceive(s) && (systemId === undefined || s.systemId === systemId));
    if (receivers.length === 0) return undefined;
    return receivers[this.roundRobin++ % receivers.length];
  }

  /** Sends now, flushing at the end of the tick: a burst of responses leaves in one write. */
  /** `onResponse` hears the peer's answer to a request PDU (e.g. deliver_sm_resp). */
  send(s: SimSession, pdu: smpp.PDU, onResponse?: (resp: smpp.PDU) => void): void {
    if (s.closed) return;
    const socket = s.session.socket;
    if (!s.corked) {
      s.corked = true;
      socket.cork();
      process.nextTick(() => {
        s.corked = false;
        socket.uncork();
      });
    }
    s.session.send(pdu, onResponse);
  }
}
