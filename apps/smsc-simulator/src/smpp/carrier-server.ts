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

function onBind(ctx: CarrierContext, s: SimSession, pdu: smpp.PDU, mode: BindMode): void {
  ctx.binds.total++;
  if (s.mode !== undefined) {
    ctx.registry.send(s, pdu.response({ command_status: smpp.errors.ESME_RALYBND }));
    return;
  }
  if (pdu.system_id !== ctx.systemId || pdu.password !== ctx.password) {
    ctx.binds.failed++;
    ctx.logger.warn({ session: s.id, systemId: String(pdu.system_id), mode }, 'bind refused');
    s.session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }), () => s.session.close());
    return;
  }
  s.mode = mode;
  ctx.binds.byMode[mode] = (ctx.binds.byMode[mode] ?? 0) + 1;
  ctx.registry.send(s, pdu.response({ system_id: 'HERALDSIM' }));
  ctx.logger.info({ session: s.id, mode }, 'bound');
  if (mode !== 'transmitter') ctx.sender.releaseHeld();
}
