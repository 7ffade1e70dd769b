import { INBOUND_DEDUPE_WINDOW_MS, inboundIdFor } from './inbound-id';

describe('inboundIdFor', () => {
  const t = Date.parse('2025-03-01T10:00:00Z');

  it('gives the same MO redelivered soon after the same id', () => {
    expect(inboundIdFor('sim', '33612345678', '36123', 'STOP', t)).toBe(
      inboundIdFor('sim', '33612345678', '36123', 'STOP', t + 60_000),
    );
    expect(inboundIdFor('sim', '33612345678', '36123', 'STOP', t)).toMatch(/^sim-[0-9a-f]{40}$/);
  });

  it.each<[string, string, string, string, number]>([
    ['another carrier', 'sim2', '33612345678', 'STOP', t],
    ['another sender', 'sim', '33612345679', 'STOP', t],
    ['another text', 'sim', '33612345678', 'START', t],
    ['the same text much later', 'sim', '33612345678', 'STOP', t + INBOUND_DEDUPE_WINDOW_MS],
  ])('differs for %s', (_name, carrier, source, text, at) => {
    expect(inboundIdFor(carrier, source, '36123', text, at)).not.toBe(
      inboundIdFor('sim', '33612345678', '36123', 'STOP', t),
    );
  });
});
