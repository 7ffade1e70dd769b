import { CanonicalStates, FinalStates, InternalStatuses, isFinalState } from './enums';

describe('canonical states', () => {
  it.each([...FinalStates])('%s is final', (state) => {
    expect(isFinalState(state)).toBe(true);
  });

  it.each(['accepted', 'rendered', 'approved', 'deferred', 'submitted', 'enroute'])('%s is not final', (state) => {
    expect(isFinalState(state)).toBe(false);
  });

  it('has every final state among the canonical ones', () => {
    for (const state of FinalStates) expect(CanonicalStates).toContain(state);
    expect(isFinalState('ambiguous')).toBe(false);
  });

  it('shares internal statuses with canonical states except ambiguous', () => {
    const canonical: readonly string[] = CanonicalStates;
    expect(InternalStatuses.filter((s) => !canonical.includes(s))).toEqual(['ambiguous']);
  });
});
