import * as smpp from 'smpp';
import type { CarrierContext } from './carrier-context';
import { handleSubmit } from './submit-handler';
import type { BindMode, SimSession } from './session-registry';

const BIND_COMMANDS: ReadonlyArray<[string, BindMode]> = [
  ['bind_transceiver', 'transceiver'],
  ['bind_transmitter', 'transmitter'],
  ['bind_receiver', 'receiver'],
];

/** The SMPP side: node-smpp's server, our credentials check, and the per-session PDU handlers. */
export function createCarrierServer(ctx: CarrierContext): smpp.Server {
  return smpp.createServer({}, (session) => attach(ctx, session));
}

function attach(ctx: CarrierContext, session: smpp.Session): void {
  const s = ctx.registry.open(session);
  session.socket.setNoDelay(true);
  ctx.logger.debug({ session: s.id }, 'connection opened');
  for (const [command, mode] of BIND_COMMANDS) session.on(command, (pdu: smpp.PDU) => onBind(ctx, s, pdu, mode));
  session.on('submit_sm', (pdu: smpp.PDU) => handleSubmit(ctx, s, pdu));
  session.on('enquire_link', (pdu: smpp.PDU) => ctx.registry.send(s, pdu.response()));
  session.on('unbind', (pdu: smpp.PDU) => {
    ctx.registry.send(s, pdu.response());
    s.mode = undefined;
    setImmediate(() => session.close());
  });
  session.on('unknown', (pdu: smpp.PDU) => ctx.registry.send(s, pdu.response()));
  session.on('error', (e: Error) => ctx.logger.debug({ session: s.id, err: e.message }, 'session error'));
  session.on('close', () => {
    ctx.registry.close(s);
    ctx.sender.sessionClosed(s.id);
    ctx.logger.info({ session: s.id }, 'connection closed');
  });
}

/**
 * Ends every bound session of these system ids the way an SMSC going down for maintenance does:
 * an `unbind` the ESME answers before it closes. Submits that arrive meanwhile are still answered,
 * so none is left unanswered (ambiguous) by the fault itself. A peer that never answers is cut off
 * after `graceMs`.
 */
export function unbindSystemIds(ctx: CarrierContext, systemIds: readonly string[], graceMs = 2000): number {
  const targets = ctx.registry
    .all()
    .filter((s) => s.mode !== undefined && s.systemId !== undefined && systemIds.includes(s.systemId));
  for (const s of targets) {
    const cut = setTimeout(() => s.session.destroy(), graceMs);
    cut.unref();
    ctx.registry.send(s, new smpp.PDU('unbind', {}), () => {
      clearTimeout(cut);
      s.session.close();
    });
  }
  if (targets.length > 0)
    ctx.logger.warn({ sessions: targets.length, systemIds }, 'sessions unbound: binds now refused');
  return targets.length;
}

function onBind(ctx: CarrierContext, s: SimSession, pdu: smpp.PDU, mode: BindMode): void {
  ctx.binds.total++;
  if (s.mode !== undefined) {
    ctx.registry.send(s, pdu.response({ command_status: smpp.errors.ESME_RALYBND }));
    return;
  }
  const systemId = String(pdu.system_id);
  const down = ctx.behaviour().refuseBinds.includes(systemId);
  if (!ctx.systemIds.has(systemId) || pdu.password !== ctx.password || down) {
    ctx.binds.failed++;
    if (down) ctx.binds.refused++;
    ctx.logger.warn({ session: s.id, systemId, mode, reason: down ? 'refuseBinds' : 'credentials' }, 'bind refused');
    s.session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }), () => s.session.close());
    return;
  }
  s.mode = mode;
  s.systemId = systemId;
  ctx.binds.byMode[mode] = (ctx.binds.byMode[mode] ?? 0) + 1;
  ctx.registry.send(s, pdu.response({ system_id: 'HERALDSIM' }));
  ctx.logger.info({ session: s.id, mode }, 'bound');
  if (mode !== 'transmitter') ctx.sender.releaseHeld();
}
