import {
  buildParts,
  CommandStatus,
  DataCoding,
  decodeText,
  EsmClass,
  findTlv,
  isSmppError,
  messageIdCandidates,
  parseDeliverReceipt,
  readUserMessageReference,
  ReconnectingSmppClient,
  TlvTag,
  type DeliverEvent,
  type MessagePart,
  type SmppSessionDeps,
} from '@herald/smpp';
import type { HeraldLogger } from '@herald/observability';
import type { SmppCarrierConfig } from './smpp.carrier';
import { smppStatState } from './smpp-status';
import { countryTlvs } from './country-tlvs';
import { concatReferenceFor, messageIdFromReference } from '../../domain/message-reference';
import { foldPartResults, type PartResult } from './smpp-outcome';
import { NO_PARTS } from '../../domain/submit-outcome';
import { stripDlrText } from './dlr-text';
import type { CarrierAdapter, CarrierEventSink, CarrierHealth, OutboundSms, SubmitOutcome } from '../carrier-adapter';

export interface SmppAdapterOptions {
  carrier: SmppCarrierConfig;
  password: string;
  enquireLinkMs: number;
  responseTimeoutMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** After a submit timed out, how long a late submit_sm_resp may still prove it was taken. */
  lateResponseGraceMs?: number;
  now?: () => number;
  logger?: HeraldLogger;
}

type LateResponse = { status: number; messageId?: string } | undefined;

/** A carrier over SMPP 3.4 (libs/smpp): one transceiver bind kept up, a window of submits, DLRs and MOs in. */
export class SmppCarrierAdapter implements CarrierAdapter {
  readonly id: string;
  readonly windowUnit = 'part';
  private readonly client: ReconnectingSmppClient;
  private readonly lateWaiters = new Map<number, (r: LateResponse) => void>();
  private readonly now: () => number;
  private sink?: CarrierEventSink;

  constructor(
    private readonly options: SmppAdapterOptions,
    deps: SmppSessionDeps = {},
  ) {
    const c = options.carrier;
    this.id = c.id;
    this.now = options.now ?? Date.now;
    this.client = new ReconnectingSmppClient(
      {
        host: c.host,
        port: c.port,
        systemId: c.systemId,
        password: options.password,
        ...(c.systemType === undefined ? {} : { systemType: c.systemType }),
        windowSize: c.windowSize,
        enquireLinkMs: options.enquireLinkMs,
        responseTimeoutMs: options.responseTimeoutMs,
        minBackoffMs: options.minBackoffMs,
        maxBackoffMs: options.maxBackoffMs,
        onDeliver: (d) => this.onDeliver(d),
      },
      deps,
    );
    this.client.on('lateResponse', (r) => this.lateWaiters.get(r.sequenceNumber)?.(r));
    this.client.on('state', (state) => {
      if (state !== 'bound') this.abandonLateWaiters();
      options.logger?.info({ carrier: this.id, state }, 'smpp carrier state');
    });
    this.client.on('error', (e) => options.logger?.warn({ carrier: this.id, err: e.message }, 'smpp carrier error'));
  }

  start(sink: CarrierEventSink): void {
    this.sink = sink;
    this.client.start();
  }

  health(): CarrierHealth {
    return { bound: this.client.isBound, state: this.client.state, inFlight: this.client.inFlight };
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    const dataCoding = sms.encoding === 'UCS2' ? DataCoding.UCS2 : DataCoding.GSM7;
    let parts: MessagePart[];
    try {
      parts = buildParts(sms.parts, {
        dataCoding,
        reference: concatReferenceFor(sms.messageId),
        method: this.options.carrier.concat,
      });
    } catch (e) {
      return { kind: 'permanent', rawStatus: 'INVALID_PDU', reason: (e as Error).message };
    }
    const accepted = sms.acceptedParts ?? NO_PARTS;
    const ttlSeconds = Math.max(1, Math.floor((sms.expiresAt - this.now()) / 1000));
    const extra = countryTlvs(sms);
    const results = await Promise.all(
      parts.map((part, index) =>
        accepted.has(index) ? undefined : this.submitPart(sms, part, index, ttlSeconds, extra),
      ),
    );
    return foldPartResults(
      parts.length,
      accepted,
      results.filter((r): r is PartResult => r !== undefined),
    );
  }

  async stop(): Promise<void> {
    await this.client.stop();
    this.abandonLateWaiters();
  }

  private async submitPart(
    sms: OutboundSms,
    part: MessagePart,
    index: number,
    ttlSeconds: number,
    extra: MessagePart['tlvs'],
  ): Promise<PartResult> {
    try {
      const r = await this.client.submit({
        destination: sms.destination,
        source: sms.source,
        shortMessage: part.shortMessage,
        dataCoding: part.dataCoding,
        esmClass: part.esmClass,
        tlvs: [...part.tlvs, ...extra],
        ttlSeconds,
        registeredDelivery: 1,
        userMessageReference: sms.reference,
      });
      return {
        index,
        kind: 'resp',
        status: r.status,
        ...(r.messageId === undefined ? {} : { messageId: r.messageId }),
      };
    } catch (e) {
      if (!isSmppError(e))
        return { index, kind: 'error', code: 'INVALID_PDU', maybeSubmitted: false, message: String(e) };
      if (e.code === 'TIMEOUT' && e.maybeSubmitted && e.sequenceNumber !== undefined) {
        const late = await this.awaitLateResponse(e.sequenceNumber);
        if (late !== undefined)
          return { index, kind: 'resp', status: late.status, ...(late.messageId ? { messageId: late.messageId } : {}) };
      }
      return { index, kind: 'error', code: e.code, maybeSubmitted: e.maybeSubmitted, message: e.message };
    }
  }

  // A timed-out submit_sm whose resp arrives later on the same bind proves what the SMSC did with it;
  // without that proof it stays ambiguous. Sequence numbers restart with each bind, so waiters are
  // dropped whenever the bind is lost.
  private awaitLateResponse(sequenceNumber: number): Promise<LateResponse> {
    const graceMs = this.options.lateResponseGraceMs ?? this.options.responseTimeoutMs;
    if (graceMs <= 0 || !this.client.isBound) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), graceMs);
      const done = (r: LateResponse) => {
        clearTimeout(timer);
        this.lateWaiters.delete(sequenceNumber);
        resolve(r);
      };
      this.lateWaiters.set(sequenceNumber, done);
    });
  }

  private abandonLateWaiters(): void {
    for (const done of [...this.lateWaiters.values()]) done(undefined);
  }

  /** Resolved only after the event is on Kafka, so deliver_sm_resp follows the broker's ack. */
  private async onDeliver(d: DeliverEvent): Promise<number> {
    const sink = this.sink;
    if (sink === undefined) return CommandStatus.ESME_RX_T_APPN;
    const body =
      d.shortMessage.length > 0 ? d.shortMessage : (findTlv(d.tlvs, TlvTag.MESSAGE_PAYLOAD) ?? Buffer.alloc(0));
    if (d.isReceipt) {
      const dlr = parseDeliverReceipt(d);
      const detail = stripDlrText(body.toString('latin1'));
      const state = dlr === undefined ? undefined : smppStatState(dlr.stat, this.options.carrier.acceptdAs);
      if (dlr === undefined || state === undefined) {
        sink.unreadable(this.id, 'receipt', detail);
        return CommandStatus.ESME_ROK;
      }
      const messageId = messageIdFromReference(readUserMessageReference(d.tlvs));
      await sink.receipt({
        carrierId: this.id,
        carrierMessageId: dlr.id.slice(0, 128),
        idAliases: messageIdCandidates(dlr.id),
        state,
        rawStat: dlr.stat.slice(0, 32),
        ...(dlr.err === undefined ? {} : { rawErr: dlr.err.slice(0, 32) }),
        ...(dlr.submitDate === undefined ? {} : { submitDate: dlr.submitDate.slice(0, 32) }),
        ...(dlr.doneDate === undefined ? {} : { doneDate: dlr.doneDate.slice(0, 32) }),
        detail,
        ...(messageId === undefined ? {} : { messageId }),
      });
      return CommandStatus.ESME_ROK;
    }
    await sink.inbound({ carrierId: this.id, sourceAddr: d.sourceAddr, destAddr: d.destAddr, text: moText(body, d) });
    return CommandStatus.ESME_ROK;
  }
}

// An MO with a UDH (esm_class 0x40) starts with UDHL and the header; only the text after it is kept.
// Multipart MOs arrive as separate deliver_sm and are published part by part.
function moText(body: Buffer, d: DeliverEvent): string {
  const text = (d.esmClass & EsmClass.UDHI) !== 0 && body.length > 0 ? body.subarray(1 + body[0]) : body;
  return decodeText(text, d.dataCoding);
}
