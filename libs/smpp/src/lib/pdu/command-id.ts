// command_id (SMPP 3.4 section 5.1.2.1): a response has the request's id with bit 31 set.
export const CommandId = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
} as const;

export type CommandName = keyof typeof CommandId;

const byId = new Map<number, CommandName>(Object.entries(CommandId).map(([name, id]) => [id, name as CommandName]));

export function commandName(commandId: number): CommandName | undefined {
  return byId.get(commandId);
}

export function isResponseId(commandId: number): boolean {
  return commandId >= 0x80000000;
}
