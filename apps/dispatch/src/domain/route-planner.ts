export interface RouteCandidate {
  id: string;
  priority: number;
  countries: '*' | readonly string[];
  prefixes?: readonly string[];
}

export interface Destination {
  country: string;
  e164: string;
}

/** Carriers allowed to carry this destination, best first: priority, then a specific country list over '*', then id. */
export function routesFor<C extends RouteCandidate>(carriers: readonly C[], to: Destination): C[] {
  return carriers
    .filter(
      (c) =>
        (c.countries === '*' || c.countries.includes(to.country)) &&
        (c.prefixes === undefined || c.prefixes.some((p) => to.e164.startsWith(p))),
    )
    .sort(
      (a, b) =>
        a.priority - b.priority ||
        Number(a.countries === '*') - Number(b.countries === '*') ||
        a.id.localeCompare(b.id),
    );
}

export type RouteChoice = { carrierId: string } | { none: 'no_route' | 'all_unavailable' };

/**
 * The carrier for the next attempt: a message with parts already accepted stays on that carrier
 * (parts of one concatenated SMS must leave through one SMSC); otherwise the first available route.
 */
export function chooseRoute(
  routes: readonly RouteCandidate[],
  isAvailable: (carrierId: string) => boolean,
  pinnedTo?: string,
): RouteChoice {
  if (routes.length === 0) return { none: 'no_route' };
  if (pinnedTo !== undefined) return isAvailable(pinnedTo) ? { carrierId: pinnedTo } : { none: 'all_unavailable' };
  const next = routes.find((r) => isAvailable(r.id));
  return next === undefined ? { none: 'all_unavailable' } : { carrierId: next.id };
}
