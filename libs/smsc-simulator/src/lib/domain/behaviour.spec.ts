import { applyBehaviourPatch, defaultBehaviour } from './behaviour';

const isStatus = (name: string) => ['ESME_RINVDSTADR', 'ESME_RTHROTTLED'].includes(name);

describe('applyBehaviourPatch', () => {
  it('merges valid keys and leaves the rest', () => {
    const result = applyBehaviourPatch(
      defaultBehaviour(),
      {
        throttleRate: 0.2,
        dlrDelayMs: 0,
        outcomeMix: { DELIVRD: 9, UNDELIV: 1 },
        forcedOutcomes: { '99': 'UNDELIV', '98': 'ESME_RINVDSTADR', '97': 'NO_DLR' },
        sendDlrs: false,
      },
      isStatus,
    );
    expect(result).toMatchObject({
      ok: true,
      behaviour: {
        throttleRate: 0.2,
        dlrDelayMs: 0,
        outcomeMix: { DELIVRD: 9, UNDELIV: 1 },
        sendDlrs: false,
        queueFullRate: 0,
      },
    });
  });

  it('takes a list of system ids whose binds are refused, and [] to accept them again', () => {
    const down = applyBehaviourPatch(defaultBehaviour(), { refuseBinds: ['herald-ie', 'herald-ie'] }, isStatus);
    expect(down).toMatchObject({ ok: true, behaviour: { refuseBinds: ['herald-ie'] } });
    const up = down.ok ? applyBehaviourPatch(down.behaviour, { refuseBinds: [] }, isStatus) : down;
    expect(up).toMatchObject({ ok: true, behaviour: { refuseBinds: [] } });
  });

  it.each([
    [[], 'body must be a JSON object'],
    [{ throttleRate: 2 }, 'throttleRate: must be a number in [0, 1]'],
    [{ dlrDelayMs: -1 }, 'dlrDelayMs: must be a non-negative number'],
    [{ sendDlrs: 'yes' }, 'sendDlrs: must be a boolean'],
    [{ outcomeMix: { DELIVERED: 1 } }, 'outcomeMix: unknown state DELIVERED'],
    [{ outcomeMix: { DELIVRD: 0 } }, 'outcomeMix: weights cannot all be 0'],
    [{ outcomeMix: {} }, 'outcomeMix: needs at least one state'],
    [{ forcedOutcomes: { '+1': 'UNDELIV' } }, 'forcedOutcomes: suffix +1 must be digits'],
    [
      { forcedOutcomes: { '1': 'ESME_RNOPE' } },
      'forcedOutcomes: outcome for 1 must be a receipt state, an ESME_* name or NO_DLR',
    ],
    [{ refuseBinds: 'herald' }, 'refuseBinds: must be a list of system ids'],
    [{ refuseBinds: ['herald', 7] }, 'refuseBinds: must be a list of system ids'],
    [{ colour: 'blue' }, 'colour: unknown key'],
  ])('refuses %j', (patch, error) => {
    expect(applyBehaviourPatch(defaultBehaviour(), patch, isStatus)).toEqual({ ok: false, error });
  });
});
