// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('@herald/platform/services.js') as {
  SERVICES: Array<{ name: string }>;
  nodeFlags(svc: { name: string }, env: Record<string, string | undefined>): string[];
};

describe('node flags of locally launched services', () => {
  const herald = services.SERVICES.filter((s) => s.name !== 'smsc-simulator');

  it('caps every Herald service at 128 MB of heap and 8 MB semi-spaces by default, without the memory reducer', () => {
    for (const svc of herald)
      expect(services.nodeFlags(svc, {})).toEqual([
        '--max-old-space-size=128',
        '--max-semi-space-size=8',
        '--no-memory-reducer',
      ]);
  });

  it('takes the heap cap from HERALD_HEAP_MB', () => {
    expect(services.nodeFlags(herald[0], { HERALD_HEAP_MB: '192' })).toEqual([
      '--max-old-space-size=192',
      '--max-semi-space-size=8',
      '--no-memory-reducer',
    ]);
  });

  it('leaves the simulator uncapped: it keeps every submit in memory', () => {
    expect(services.nodeFlags({ name: 'smsc-simulator' }, { HERALD_HEAP_MB: '192' })).toEqual([]);
  });

  it.each(['abc', '32', '100.5'])('refuses HERALD_HEAP_MB=%s with the key named', (value) => {
    expect(() => services.nodeFlags(herald[0], { HERALD_HEAP_MB: value })).toThrow(
      /HERALD_HEAP_MB must be an integer >= 64/,
    );
  });
});
