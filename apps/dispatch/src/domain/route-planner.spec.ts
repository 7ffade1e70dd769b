import { chooseRoute, routesFor, type RouteCandidate } from './route-planner';

const carriers: RouteCandidate[] = [
  { id: 'global', priority: 5, countries: '*' },
  { id: 'fr-backup', priority: 2, countries: ['FR', 'BE'] },
  { id: 'fr-main', priority: 1, countries: ['FR'] },
  { id: 'in-dlt', priority: 1, countries: ['IN'], prefixes: ['+9198', '+9199'] },
  { id: 'any-first', priority: 1, countries: '*' },
];

describe('routesFor', () => {
  it.each([
    ['FR', '+33612345678', ['fr-main', 'any-first', 'fr-backup', 'global']],
    ['BE', '+32470123456', ['any-first', 'fr-backup', 'global']],
    ['IN', '+919812345678', ['in-dlt', 'any-first', 'global']],
    ['IN', '+917012345678', ['any-first', 'global']],
    ['US', '+12025550123', ['any-first', 'global']],
  ])('orders the carriers of %s %s by priority, specific before wildcard', (country, e164, expected) => {
    expect(routesFor(carriers, { country, e164 }).map((c) => c.id)).toEqual(expected);
  });

  it('finds nothing when no carrier serves the country', () => {
    expect(
      routesFor(
        carriers.filter((c) => c.countries !== '*'),
        { country: 'DE', e164: '+4915112345678' },
      ),
    ).toEqual([]);
  });
});

describe('chooseRoute (failover order)', () => {
  const routes = routesFor(carriers, { country: 'FR', e164: '+33612345678' });
  const down =
    (...ids: string[]) =>
    (id: string) =>
      !ids.includes(id);

  it.each([
    ['all healthy: the first', down(), 'fr-main'],
    ['first circuit open: the next', down('fr-main'), 'any-first'],
    ['two down: the third', down('fr-main', 'any-first'), 'fr-backup'],
    ['only the wildcard left', down('fr-main', 'any-first', 'fr-backup'), 'global'],
  ])('%s', (_name, available, expected) => {
    expect(chooseRoute(routes, available)).toEqual({ carrierId: expected });
  });

  it('reports every route unavailable', () => {
    expect(chooseRoute(routes, () => false)).toEqual({ none: 'all_unavailable' });
  });

  it('reports no route for an empty list', () => {
    expect(chooseRoute([], () => true)).toEqual({ none: 'no_route' });
  });

  it('keeps a message with accepted parts on its carrier, even when another is available', () => {
    expect(chooseRoute(routes, () => true, 'fr-backup')).toEqual({ carrierId: 'fr-backup' });
    expect(chooseRoute(routes, down('fr-backup'), 'fr-backup')).toEqual({ none: 'all_unavailable' });
  });
});
