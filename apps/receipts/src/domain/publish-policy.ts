import { isFinalState, MilestoneStates, type CanonicalState } from '@herald/contracts';

/**
 * Which transitions become a public receipt. `milestones` (the default): `submitted`, `deferred` and
 * every final state, i.e. two receipts per delivered message; `all`: every transition, as before.
 * The timeline (GET /v1/messages/:id) keeps every event either way.
 */
export const PublishPolicies = ['milestones', 'all'] as const;
export type PublishPolicy = (typeof PublishPolicies)[number];

const MILESTONES: ReadonlySet<CanonicalState> = new Set<CanonicalState>(MilestoneStates);

export function publishes(policy: PublishPolicy, state: CanonicalState): boolean {
  return policy === 'all' || isFinalState(state) || MILESTONES.has(state);
}
