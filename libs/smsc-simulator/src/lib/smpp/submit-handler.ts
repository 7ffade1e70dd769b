import { maskPhone } from '@herald/pii';
import * as smpp from 'smpp';
import { decideSubmit, ESME_ROK, ESME_RTHROTTLED, type SubmitDecision } from '../domain/outcome';
import type { CarrierContext } from './carrier-context';
import { canSubmit, type SimSession } from './session-registry';
import { decodeSubmit, decodeText } from './submit-decoder';

const statusByName = (name: string): number | undefined => (name.startsWith('ESME_') ? smpp.errors[name] : undefined);

/**
 * One submit_sm: recorded the moment it arrives (so a drop before the resp still shows it was
 * received), decided, answered now or after submitLatencyMs, then receipted after dlrDelayMs.
 */
export function handleSubmit(ctx: CarrierContext, s: SimSession, pdu: smpp.PDU): void {
  if (!canSubmit(s)) {
    ctx.registry.send(s, pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
    return;
  }
  const b = ctx.behaviour();
  const d = decodeSubmit(pdu);
  const now = ctx.now();
  const decision: SubmitDecision = ctx.limiter.tryTake(b.maxSubmitsPerSecond, now)
    ? decideSubmit(d.destination, b, ctx.random, statusByName)
    : { status: ESME_RTHROTTLED };
  const record = ctx.store.add({
    sequenceNumber: d.sequenceNumber,
    sessionId: s.id,
    ...(s.systemId !== undefined ? { systemId: s.systemId } : {}),
    receivedAt: now,
    source: d.source,
    destination: d.destination,
    esmClass: d.esmClass,
    dataCoding: d.dataCoding,
    text: decodeText(d.body, d.dataCoding),
    ...(d.concat ? { concat: d.concat } : {}),
    ...(d.userMessageReference !== undefined ? { userMessageReference: d.userMessageReference } : {}),
    registeredDelivery: d.registeredDelivery,
    validityPeriod: d.validityPeriod,
    tlvs: d.tlvs,
    ...(decision.status === ESME_ROK ? { messageId: ctx.nextMessageId() } : {}),
    status: null,
  });
  if (d.concat !== undefined) {
    const done = ctx.assembler.add(`${s.id}|${d.source}|${d.destination}`, d.concat, d.body, record);
    if (done !== undefined) {
      const text = decodeText(done.body, d.dataCoding);
      for (const part of done.items) part.assembledText = text;
    }
  }

  const respond = () => {
    if (s.closed) return;
    record.status = decision.status;
    const resp = decision.status === ESME_ROK ? { message_id: record.messageId } : { command_status: decision.status };
    ctx.registry.send(s, pdu.response(resp));
    const wantsReceipt =
      (d.registeredDelivery & 0x03) === 1 || ((d.registeredDelivery & 0x03) === 2 && decision.dlrStat !== 'DELIVRD');
    if (decision.dlrStat !== undefined && wantsReceipt && b.sendDlrs) {
      record.dlrStat = decision.dlrStat;
      ctx.sender.scheduleReceipt(record, decision.dlrStat, b.dlrDelayMs, b.dlrEchoText);
    }
  };
  if (decision.status !== ESME_ROK) {
    ctx.logger.debug(
      { session: s.id, destination: maskPhone(d.destination), status: decision.status },
      'submit refused',
    );
  }
  if (b.submitLatencyMs <= 0) return respond();
  const timer = setTimeout(() => {
    s.timers.delete(timer);
    respond();
  }, b.submitLatencyMs);
  s.timers.add(timer);
}
