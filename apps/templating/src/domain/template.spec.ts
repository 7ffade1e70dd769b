import { templateLabel } from './template';

describe('templateLabel', () => {
  it.each([
    [{ key: 'order.placed', locale: 'fr' }, 'order.placed/fr'],
    [{ key: 'order.placed', locale: 'fr', version: 3 }, 'order.placed/fr v3'],
    [{ key: 'order.placed', locale: 'fr', version: 0 }, 'order.placed/fr draft'],
  ])('%j -> %s', (t, label) => {
    expect(templateLabel(t)).toBe(label);
  });
});
