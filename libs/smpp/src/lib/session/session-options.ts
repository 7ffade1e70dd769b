import type { SessionTimers } from './session-timers';
import type { DeliverEvent } from './submit-params';
import type { TransportFactory } from './transport';

export interface SmppConnectOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Most submit_sm awaiting their resp at once; further submits wait in FIFO order. */
  windowSize: number;
  enquireLinkMs?: number;
  responseTimeoutMs?: number;
  /**
   * Awaited after the 'deliver' listeners ran and before deliver_sm_resp is sent; its result is
   * the resp's command_status (default ESME_ROK; a throw sends ESME_RX_T_APPN so the SMSC retries).
   */
  onDeliver?: (deliver: DeliverEvent) => Promise<number | void> | number | void;
}

export interface SmppSessionDeps {
  clock?: SessionTimers;
  transport?: TransportFactory;
}

export interface SubmitResult {
  status: number;
  messageId?: string;
  sequenceNumber: number;
}

export type SessionState = 'idle' | 'connecting' | 'binding' | 'bound' | 'unbinding' | 'closed';

export interface SmppSessionEvents {
  bound: [{ systemId: string }];
  closed: [{ reason: string }];
  error: [Error];
  deliver: [DeliverEvent];
  /** A submit_sm_resp for a submit already rejected with TIMEOUT: the SMSC did take it. */
  lateResponse: [{ sequenceNumber: number; status: number; messageId?: string }];
}
