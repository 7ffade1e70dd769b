import { CanonicalStates, isFinalState } from '@herald/contracts';
import { publishes } from './publish-policy';

describe('publish policy', () => {
  it('publishes submitted, deferred and every final state by default, nothing else', () => {
    const published = CanonicalStates.filter((s) => publishes('milestones', s));
    expect(published.sort()).toEqual(['submitted', 'deferred', ...CanonicalStates.filter(isFinalState)].sort());
    expect(publishes('milestones', 'accepted')).toBe(false);
    expect(publishes('milestones', 'enroute')).toBe(false);
  });

  it('publishes every state when configured to', () => {
    expect(CanonicalStates.every((s) => publishes('all', s))).toBe(true);
  });
});
