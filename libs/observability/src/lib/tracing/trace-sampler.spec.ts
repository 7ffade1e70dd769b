import { randomBytes } from 'node:crypto';
import { traceIdRatioSampler } from './trace-sampler';

const ids = Array.from({ length: 20000 }, () => randomBytes(16).toString('hex'));
const keptShare = (ratio: number) => ids.filter(traceIdRatioSampler(ratio)).length / ids.length;

describe('traceIdRatioSampler', () => {
  it('keeps everything at 1 and nothing at 0', () => {
    expect(keptShare(1)).toBe(1);
    expect(keptShare(0)).toBe(0);
  });

  it.each([0.01, 0.1, 0.5, 0.9])('keeps about %p of random traces', (ratio) => {
    expect(Math.abs(keptShare(ratio) - ratio)).toBeLessThan(0.02);
  });

  it('decides from the lowest 56 bits of the trace id, the same way in every process', () => {
    const half = traceIdRatioSampler(0.5);
    expect(half('ffffffffffffffffff80000000000000')).toBe(true);
    expect(half('00000000000000000080000000000000')).toBe(true);
    expect(half('ffffffffffffffffff7fffffffffffff')).toBe(false);
    expect(ids.map(traceIdRatioSampler(0.3))).toEqual(ids.map(traceIdRatioSampler(0.3)));
  });

  it('keeps at a higher ratio every trace it kept at a lower one', () => {
    const low = ids.filter(traceIdRatioSampler(0.2));
    expect(low.every(traceIdRatioSampler(0.6))).toBe(true);
  });
});
