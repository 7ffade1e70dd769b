import * as smpp from 'smpp';

let installed = false;

/**
 * node-smpp decodes bodies for its users: short_message to text with its own guess of the
 * alphabet, times to Date objects, each known TLV to its spec type (user_message_reference to a
 * 2-octet integer, losing a string reference). The simulator wants the octets our client sent, so
 * it turns those decoders off for submit_sm and for every single-valued TLV: values stay Buffers
 * and the simulator decodes them itself. Process-wide, idempotent; only the simulator loads smpp.
 */
export function installRawPduMode(): void {
  if (installed) return;
  installed = true;
  const params = smpp.commands.submit_sm.params ?? {};
  for (const name of ['short_message', 'schedule_delivery_time', 'validity_period']) {
    delete params[name].filter;
  }
  for (const def of Object.values(smpp.tlvs)) {
    if (def.multiple) continue;
    def.type = smpp.types.tlv.buffer;
    delete def.filter;
  }
}
