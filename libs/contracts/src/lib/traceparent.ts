import { randomBytes } from 'node:crypto';

export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

// W3C Trace Context, version 00: `00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>`, lowercase only.
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);
const SAMPLED = '01';

export function parseTraceparent(value: string | undefined): TraceContext | undefined {
  const match = value === undefined ? null : TRACEPARENT_PATTERN.exec(value);
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match;
  if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return undefined;
  return { traceId, spanId, flags };
}

export function formatTraceparent({ traceId, spanId, flags }: TraceContext): string {
  return `00-${traceId}-${spanId}-${flags}`;
}

export function newTraceparent(): string {
  return formatTraceparent({ traceId: randomHex(16), spanId: randomHex(8), flags: SAMPLED });
}

/** Same trace, new span; an absent or invalid parent starts a new trace rather than failing the hop. */
export function childTraceparent(parent?: string): string {
  const context = parseTraceparent(parent);
  if (!context) return newTraceparent();
  return formatTraceparent({ ...context, spanId: randomHex(8) });
}

// Span ids are minted for every record on the hot path: draw them from a pool refilled 4 KB at a
// time instead of one crypto call per record.
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolOffset = 0;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}
