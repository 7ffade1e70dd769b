export type TraceSampler = (traceId: string) => boolean;

/**
 * Keeps `ratio` of all traces, decided from the trace id alone so every service keeps or drops the
 * same traces. As in OpenTelemetry's consistent probability sampling, the lowest 56 bits of the
 * trace id are the randomness and a trace is kept when they are at or above (1 - ratio) * 2^56.
 * BigInt because 56 bits do not fit a double exactly.
 */
export function traceIdRatioSampler(ratio: number): TraceSampler {
  if (ratio >= 1) return () => true;
  if (!(ratio > 0)) return () => false;
  const threshold = BigInt(Math.ceil((1 - ratio) * 2 ** 56));
  return (traceId) => BigInt(`0x${traceId.slice(-14)}`) >= threshold;
}
