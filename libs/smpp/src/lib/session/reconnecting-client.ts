import { EventEmitter } from 'node:events';
import { SmppError } from '../smpp-error';
import { reconnectDelay } from './backoff';
import { systemTimers, type TimerHandle } from './session-timers';
import { SmppSession } from './smpp-session';
import type { SmppConnectOptions, SmppSessionDeps, SubmitResult } from './session-options';
import type { DeliverEvent, SubmitParams } from './submit-params';

export type ClientState = 'stopped' | 'connecting' | 'bound' | 'waiting';

export interface ReconnectOptions {
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export interface ReconnectingClientEvents {
  state: [ClientState];
  deliver: [DeliverEvent];
  error: [Error];
  lateResponse: [{ sequenceNumber: number; status: number; messageId?: string }];
}

/**
 * Keeps one transceiver bind up: on any loss it opens a new SmppSession after an exponential
 * backoff (500 ms doubling to 30 s, reset by a successful bind). Submits made while unbound fail
 * fast with NOT_BOUND (maybeSubmitted false); the caller's ledger decides what to do.
 */
export class ReconnectingSmppClient extends EventEmitter<ReconnectingClientEvents> {
  private current?: SmppSession;
  private clientState: ClientState = 'stopped';
  private attempt = 0;
  private retryTimer?: TimerHandle;
  private readonly clock;

  constructor(
    private readonly options: SmppConnectOptions & ReconnectOptions,
    private readonly deps: SmppSessionDeps = {},
  ) {
    super();
    this.clock = deps.clock ?? systemTimers;
  }

  get state(): ClientState {
    return this.clientState;
  }

  get isBound(): boolean {
    return this.clientState === 'bound';
  }

  get inFlight(): number {
    return this.current?.inFlight ?? 0;
  }

  /** The live session, for metrics; undefined while reconnecting. */
  get session(): SmppSession | undefined {
    return this.clientState === 'bound' ? this.current : undefined;
  }

  start(): void {
    if (this.clientState !== 'stopped') return;
    this.connectNow();
  }

  submit(params: SubmitParams): Promise<SubmitResult> {
    if (this.clientState !== 'bound' || this.current === undefined) {
      return Promise.reject(new SmppError('NOT_BOUND', `SMPP client is ${this.clientState}`));
    }
    return this.current.submit(params);
  }

  async stop(): Promise<void> {
    this.setState('stopped');
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    const session = this.current;
    this.current = undefined;
    await session?.close();
  }

  private connectNow(): void {
    this.setState('connecting');
    const session = new SmppSession(this.deps);
    this.current = session;
    session.on('deliver', (d) => this.emit('deliver', d));
    session.on('lateResponse', (r) => this.emit('lateResponse', r));
    session.on('error', (e) => this.emitError(e));
    session.once('closed', () => this.onSessionClosed(session));
    session.connect(this.options).then(
      () => {
        if (this.current !== session || this.clientState === 'stopped') return;
        this.attempt = 0;
        this.setState('bound');
      },
      (e: Error) => this.emitError(e),
    );
  }

  private onSessionClosed(session: SmppSession): void {
    if (this.current !== session || this.clientState === 'stopped') return;
    this.current = undefined;
    this.attempt++;
    const delay = reconnectDelay(
      this.attempt,
      { minMs: this.options.minBackoffMs ?? 500, maxMs: this.options.maxBackoffMs ?? 30000 },
      this.options.random,
    );
    this.setState('waiting');
    this.retryTimer = this.clock.setTimeout(() => {
      if (this.clientState === 'waiting') this.connectNow();
    }, delay);
  }

  private setState(next: ClientState): void {
    if (next === this.clientState) return;
    this.clientState = next;
    this.emit('state', next);
  }

  private emitError(e: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', e);
  }
}
