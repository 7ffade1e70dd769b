import { classifyStatus, commandStatusFromName, commandStatusName, CommandStatus } from './command-status';

describe('command status', () => {
  it.each([
    [CommandStatus.ESME_ROK, 'ok'],
    [CommandStatus.ESME_RTHROTTLED, 'throttled'],
    [CommandStatus.ESME_RMSGQFUL, 'throttled'],
    [CommandStatus.ESME_RSYSERR, 'transient'],
    [CommandStatus.ESME_RX_T_APPN, 'transient'],
    [CommandStatus.ESME_RINVDSTADR, 'permanent'],
    [CommandStatus.ESME_RINVSRCADR, 'permanent'],
    [0x401, 'permanent'],
  ])('classifies 0x%s as %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });

  it('lets a carrier override a classification', () => {
    expect(classifyStatus(0x401, { 0x401: 'transient' })).toBe('transient');
  });

  it('names known and vendor codes', () => {
    expect(CommandStatus.ESME_RTHROTTLED).toBe(0x58);
    expect(CommandStatus.ESME_RBINDFAIL).toBe(0x0d);
    expect(commandStatusName(0x58)).toBe('ESME_RTHROTTLED');
    expect(commandStatusName(0x401)).toBe('0x00000401');
    expect(commandStatusFromName('ESME_RINVDSTADR')).toBe(0x0b);
    expect(commandStatusFromName('toString')).toBeUndefined();
  });
});
