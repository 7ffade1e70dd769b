import { defaultBehaviour, type SimBehaviour } from './behaviour';
import { decideSubmit, forcedOutcome, pickWeighted, RateLimiter } from './outcome';

const statusByName = (n: string) => (({ ESME_RINVDSTADR: 0x0b }) as Record<string, number>)[n];
const b = (over: Partial<SimBehaviour> = {}): SimBehaviour => ({
  ...defaultBehaviour(),
  outcomeMix: { DELIVRD: 1 },
  ...over,
});
const seq =
  (...values: number[]) =>
  () =>
    values.shift() ?? 0;

describe('decideSubmit', () => {
  it('applies the longest forced suffix first', () => {
    const forced = { '9': 'REJECTD', '99': 'UNDELIV', '98': 'ESME_RINVDSTADR', '97': 'NO_DLR' };
    expect(forcedOutcome('33612345699', forced)).toBe('UNDELIV');
    expect(decideSubmit('33612345699', b({ forcedOutcomes: forced, throttleRate: 1 }), seq(0), statusByName)).toEqual({
      status: 0,
      dlrStat: 'UNDELIV',
    });
    expect(decideSubmit('33612345698', b({ forcedOutcomes: forced }), seq(0), statusByName)).toEqual({ status: 0x0b });
    expect(decideSubmit('33612345697', b({ forcedOutcomes: forced }), seq(0), statusByName)).toEqual({ status: 0 });
    expect(decideSubmit('33612345689', b({ forcedOutcomes: forced }), seq(0), statusByName)).toEqual({
      status: 0,
      dlrStat: 'REJECTD',
    });
  });

  it('injects throttling, then queue-full, at their rates', () => {
    const cfg = b({ throttleRate: 0.2, queueFullRate: 0.1 });
    expect(decideSubmit('1', cfg, seq(0.19), statusByName)).toEqual({ status: 0x58 });
    expect(decideSubmit('1', cfg, seq(0.5, 0.05), statusByName)).toEqual({ status: 0x14 });
    expect(decideSubmit('1', cfg, seq(0.5, 0.5, 0.3), statusByName)).toEqual({ status: 0, dlrStat: 'DELIVRD' });
  });

  it('picks receipt states by weight', () => {
    const mix = { DELIVRD: 0.9, UNDELIV: 0.1, EXPIRED: 0 };
    expect(pickWeighted(mix, () => 0.89)).toBe('DELIVRD');
    expect(pickWeighted(mix, () => 0.95)).toBe('UNDELIV');
    expect(pickWeighted(mix, () => 0.9999999)).toBe('UNDELIV');
  });
});

describe('RateLimiter', () => {
  it('admits the configured submits per second and refills over time', () => {
    const r = new RateLimiter();
    expect(r.tryTake(0, 0)).toBe(true);
    const first = Array.from({ length: 5 }, () => r.tryTake(2, 1000));
    expect(first).toEqual([true, true, false, false, false]);
    expect(r.tryTake(2, 1400)).toBe(false);
    expect(r.tryTake(2, 1500)).toBe(true);
  });
});
