import { EventEmitter } from 'node:events';
import { CommandStatus } from '../pdu/command-status';
import type { Pdu } from '../pdu/pdu';
import { SMPP_VERSION_34 } from '../pdu/bind';
import type { ShortMessageBody } from '../pdu/short-message';
import { SmppError } from '../smpp-error';
import { systemTimers, type SessionTimers, type TimerHandle } from './session-timers';
import { PduChannel } from './pdu-channel';
import { PendingRequests, type PendingKind } from './pending-requests';
import { buildSubmitSm, toDeliverEvent, type DeliverEvent, type SubmitParams } from './submit-params';
import { SubmitWindow } from './submit-window';
import { tcpTransport, type TransportFactory } from './transport';
import type {
  SessionState,
  SmppConnectOptions,
  SmppSessionDeps,
  SmppSessionEvents,
  SubmitResult,
} from './session-options';

interface SubmitJob {
  body: ShortMessageBody;
  resolve(r: SubmitResult): void;
  reject(e: SmppError): void;
}

type PduInit = Pdu extends infer P ? (P extends Pdu ? Omit<P, 'sequenceNumber' | 'commandStatus'> : never) : never;

const MAX_SEQUENCE = 0x7fffffff;

/** One SMPP 3.4 transceiver bind over one TCP connection; see ReconnectingSmppClient to survive drops. */
export class SmppSession extends EventEmitter<SmppSessionEvents> {
  private readonly clock: SessionTimers;
  private readonly transport: TransportFactory;
  private readonly pending = new PendingRequests();
  private readonly timedOut = new Set<number>();
  private window = new SubmitWindow<SubmitJob>(1);
  private opts: Required<Omit<SmppConnectOptions, 'onDeliver' | 'systemType'>> & SmppConnectOptions;
  private channel?: PduChannel;
  private sessionState: SessionState = 'idle';
  private seq = 0;
  private timer?: TimerHandle;
  private nextEnquireAt = 0;
  private drained?: () => void;

  constructor(deps: SmppSessionDeps = {}) {
    super();
    this.clock = deps.clock ?? systemTimers;
    this.transport = deps.transport ?? tcpTransport;
  }

  get state(): SessionState {
    return this.sessionState;
  }

  get isBound(): boolean {
    return this.sessionState === 'bound';
  }

  get inFlight(): number {
    return this.window.inFlight;
  }

  get queued(): number {
    return this.window.queued;
  }

  /** Opens the connection and binds as a transceiver; rejects with BIND_FAILED, TIMEOUT or CONNECTION_LOST. */
  connect(options: SmppConnectOptions): Promise<void> {
    if (this.sessionState !== 'idle') return Promise.reject(new SmppError('NOT_BOUND', 'a session connects once'));
    this.opts = { enquireLinkMs: 30000, responseTimeoutMs: 10000, ...options };
    this.window = new SubmitWindow<SubmitJob>(options.windowSize);
    this.sessionState = 'connecting';
    return new Promise((resolve, reject) => {
      const socket = this.transport(options.host, options.port);
      this.channel = new PduChannel(socket, { onPdu: (pdu) => this.onPdu(pdu), onError: (e) => this.emitError(e) });
      const connectDeadline = this.clock.setTimeout(() => this.destroy('connect timeout'), this.opts.responseTimeoutMs);
      const onEarlyClose = ({ reason }: { reason: string }) =>
        reject(
          new SmppError(reason.endsWith('timeout') ? 'TIMEOUT' : 'CONNECTION_LOST', `bind did not complete: ${reason}`),
        );
      this.once('closed', onEarlyClose);
      socket.on('error', (e: Error) => this.emitError(e));
      socket.on('close', () => this.onClose('connection closed'));
      socket.once('connect', () => {
        this.clock.clearTimeout(connectDeadline);
        this.sessionState = 'binding';
        this.schedule();
        this.request(
          'bind',
          { command: 'bind_transceiver', ...this.bindBody() },
          (status) => {
            this.off('closed', onEarlyClose);
            if (status !== CommandStatus.ESME_ROK) {
              reject(
                new SmppError('BIND_FAILED', `bind_transceiver refused with status 0x${status.toString(16)}`, {
                  commandStatus: status,
                }),
              );
              this.destroy('bind refused');
              return;
            }
            this.sessionState = 'bound';
            this.nextEnquireAt = this.clock.now() + this.opts.enquireLinkMs;
            this.emit('bound', { systemId: options.systemId });
            resolve();
          },
          (code) => this.destroy(code === 'TIMEOUT' ? 'bind timeout' : 'connection closed'),
        );
      });
    });
  }

  submit(params: SubmitParams): Promise<SubmitResult> {
    if (this.sessionState !== 'bound') {
      const code = this.sessionState === 'unbinding' ? 'SESSION_CLOSED' : 'NOT_BOUND';
      return Promise.reject(new SmppError(code, `cannot submit while ${this.sessionState}`));
    }
    let body: ShortMessageBody;
    try {
      body = buildSubmitSm(params);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const job: SubmitJob = { body, resolve, reject };
      if (this.window.offer(job)) this.sendSubmit(job);
    });
  }

  /** Unbinds after the in-flight submits are answered (each bounded by responseTimeoutMs), then closes. */
  async close(): Promise<void> {
    if (this.sessionState === 'closed' || this.sessionState === 'idle') return;
    const closed = new Promise<void>((resolve) => this.once('closed', () => resolve()));
    if (this.sessionState !== 'bound') {
      this.destroy('closed before bind');
      return closed;
    }
    this.sessionState = 'unbinding';
    for (const job of this.window.clear())
      job.reject(new SmppError('SESSION_CLOSED', 'session closed before this submit was sent'));
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    if (this.sessionState === 'unbinding' && this.channel?.writable) {
      this.request('unbind', { command: 'unbind' }, () => this.endSocket());
    }
    return closed;
  }

  /** Drops the connection at once: in-flight submits fail with CONNECTION_LOST, maybeSubmitted true. */
  destroy(reason = 'destroyed'): void {
    if (this.channel === undefined) return;
    this.channel.destroy();
    this.onClose(reason);
  }

  private bindBody() {
    return {
      systemId: this.opts.systemId,
      password: this.opts.password,
      systemType: this.opts.systemType ?? '',
      interfaceVersion: SMPP_VERSION_34,
      addrTon: 0,
      addrNpi: 0,
      addressRange: '',
    };
  }

  private sendSubmit(job: SubmitJob): void {
    let seq = 0;
    try {
      seq = this.request(
        'submit',
        { command: 'submit_sm', ...job.body },
        (status, messageId) => {
          job.resolve(
            status === CommandStatus.ESME_ROK && messageId
              ? { status, messageId, sequenceNumber: seq }
              : { status, sequenceNumber: seq },
          );
          this.releaseSlot();
        },
        (code) => {
          if (code === 'TIMEOUT') this.rememberTimedOut(seq);
          job.reject(
            new SmppError(code, `submit_sm ${seq} got no response (${code})`, {
              maybeSubmitted: true,
              sequenceNumber: seq,
            }),
          );
          this.releaseSlot();
        },
      );
    } catch (e) {
      job.reject(e instanceof SmppError ? e : new SmppError('INVALID_PDU', String(e), { cause: e }));
      this.releaseSlot();
    }
  }

  private releaseSlot(): void {
    const next = this.window.release();
    if (next !== undefined) this.sendSubmit(next);
  }

  /** Writes a request and registers its response handler; returns the sequence_number used. */
  private request(
    kind: PendingKind,
    pdu: PduInit,
    onResponse: (status: number, messageId: string | undefined) => void,
    onFailure: (code: 'TIMEOUT' | 'CONNECTION_LOST') => void = () => this.destroy(`${kind} failed`),
  ): number {
    this.seq = this.seq >= MAX_SEQUENCE ? 1 : this.seq + 1;
    const sequenceNumber = this.seq;
    if (this.channel === undefined) throw new SmppError('NOT_BOUND', 'no connection');
    this.channel.write({ ...pdu, sequenceNumber, commandStatus: 0 } as Pdu);
    const deadline = this.clock.now() + this.opts.responseTimeoutMs;
    this.pending.add({ kind, sequenceNumber, deadline, onResponse, onFailure });
    return sequenceNumber;
  }

  /** Half-closes after unbind; a peer that never closes its side is cut off after a second. */
  private endSocket(): void {
    this.channel?.end();
    this.clock.setTimeout(() => this.destroy('peer kept the socket open after unbind'), 1000);
  }

  private checkDrained(): void {
    if (this.drained === undefined || this.pending.size > 0) return;
    const done = this.drained;
    this.drained = undefined;
    done();
  }

  private onPdu(pdu: Pdu): void {
    switch (pdu.command) {
      case 'submit_sm_resp':
      case 'bind_transceiver_resp':
      case 'enquire_link_resp':
      case 'unbind_resp':
      case 'generic_nack':
        return this.onResponse(
          pdu.sequenceNumber,
          pdu.commandStatus,
          pdu.command === 'submit_sm_resp' ? pdu.messageId : undefined,
        );
      case 'enquire_link':
        return this.channel?.writeIfOpen({
          command: 'enquire_link_resp',
          sequenceNumber: pdu.sequenceNumber,
          commandStatus: 0,
        });
      case 'deliver_sm':
        return void this.onDeliverSm(toDeliverEvent(pdu));
      case 'unbind':
        this.channel?.writeIfOpen({ command: 'unbind_resp', sequenceNumber: pdu.sequenceNumber, commandStatus: 0 });
        this.endSocket();
        return;
      default:
        if (pdu.command.endsWith('_resp')) return;
        this.channel?.writeIfOpen({
          command: 'generic_nack',
          sequenceNumber: pdu.sequenceNumber,
          commandStatus: CommandStatus.ESME_RINVCMDID,
        });
    }
  }

  private onResponse(seq: number, status: number, messageId: string | undefined): void {
    const request = this.pending.take(seq);
    if (request !== undefined) {
      request.onResponse(status, messageId);
      return this.checkDrained();
    }
    if (this.timedOut.delete(seq))
      this.emit('lateResponse', { sequenceNumber: seq, status, ...(messageId ? { messageId } : {}) });
  }

  private async onDeliverSm(deliver: DeliverEvent): Promise<void> {
    let status: number = CommandStatus.ESME_ROK;
    try {
      this.emit('deliver', deliver);
      const result = await this.opts.onDeliver?.(deliver);
      if (typeof result === 'number') status = result;
    } catch (e) {
      this.emitError(e as Error);
      status = CommandStatus.ESME_RX_T_APPN;
    }
    this.channel?.writeIfOpen({
      command: 'deliver_sm_resp',
      sequenceNumber: deliver.sequenceNumber,
      commandStatus: status,
      messageId: '',
    });
  }

  private schedule(): void {
    const tickMs = Math.max(5, Math.min(1000, Math.floor(this.opts.responseTimeoutMs / 4)));
    this.timer = this.clock.setTimeout(() => this.tick(), tickMs);
  }

  private tick(): void {
    const now = this.clock.now();
    for (const r of this.pending.takeExpired(now)) r.onFailure('TIMEOUT');
    this.checkDrained();
    if (this.sessionState === 'closed') return;
    if (this.sessionState === 'bound' && now >= this.nextEnquireAt && this.channel?.writable) {
      this.nextEnquireAt = now + this.opts.enquireLinkMs;
      this.request(
        'enquire_link',
        { command: 'enquire_link' },
        () => undefined,
        () => this.destroy('enquire_link unanswered'),
      );
    }
    this.schedule();
  }

  private onClose(reason: string): void {
    if (this.sessionState === 'closed') return;
    this.sessionState = 'closed';
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    for (const job of this.window.clear()) {
      job.reject(new SmppError('CONNECTION_LOST', `connection lost before this submit was sent (${reason})`));
    }
    for (const r of this.pending.takeAll()) r.onFailure('CONNECTION_LOST');
    this.checkDrained();
    this.emit('closed', { reason });
  }

  private rememberTimedOut(seq: number): void {
    this.timedOut.add(seq);
    if (this.timedOut.size > 10000) this.timedOut.delete(this.timedOut.values().next().value as number);
  }

  /** 'error' is informational here (the session also emits 'closed'); without a listener it is dropped. */
  private emitError(e: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', e);
  }
}
