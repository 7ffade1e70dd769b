import { isHeraldError } from '@herald/contracts';

export type Dependency = 'postgresql' | 'kafka';

/**
 * - `poison`: the record fails the same way every time (decode, contract, business rule): DLQ.
 * - `infrastructure`: a dependency is down or slow: block and retry for as long as it takes.
 * - `transient`: retriable but not a known outage (an unexpected bug, a carrier hiccup): bounded
 *   retries, then DLQ, so a handler bug cannot stall a partition forever.
 */
export type FailureClass =
  { kind: 'poison' } | { kind: 'transient' } | { kind: 'infrastructure'; dependency: Dependency };

const NODE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
// SQLSTATE class 08 (connection exception), admin/crash shutdown and cannot-connect-now (57P01-03),
// too many connections (53300): the server is going away or full, not the statement being wrong.
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const PG_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i;
// kafkajs errors that mean "the cluster is unreachable or moving", not "this record is wrong".
const KAFKAJS_UNAVAILABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
  'KafkaJSNumberOfRetriesExceeded',
]);

interface ErrorLike {
  name?: string;
  code?: string;
  type?: string;
  retriable?: boolean;
  message?: string;
  cause?: unknown;
  driverError?: unknown;
  originalError?: unknown;
}

/** The one place that decides how the engine reacts to a failure. `where` names the dependency a bare socket error belongs to. */
export function classifyFailure(e: unknown, where: Dependency): FailureClass {
  if (isHeraldError(e)) {
    if (e.code === 'DB_UNAVAILABLE') return { kind: 'infrastructure', dependency: 'postgresql' };
    if (e.code === 'BROKER_UNAVAILABLE') return { kind: 'infrastructure', dependency: 'kafka' };
    if (!e.retriable) return { kind: 'poison' };
    // A handler that let a raw driver error escape gets HANDLER_FAILED around it: look inside.
    const inner = infrastructureOf(e.cause, where, 0);
    return inner ? { kind: 'infrastructure', dependency: inner } : { kind: 'transient' };
  }
  const dependency = infrastructureOf(e, where, 0);
  return dependency ? { kind: 'infrastructure', dependency } : { kind: 'transient' };
}

function infrastructureOf(e: unknown, where: Dependency, depth: number): Dependency | undefined {
  if (!e || typeof e !== 'object' || depth > 4) return undefined;
  if (isHeraldError(e)) {
    const inner = classifyFailure(e, where);
    return inner.kind === 'infrastructure' ? inner.dependency : undefined;
  }
  const err = e as ErrorLike;
  if (typeof err.code === 'string' && PG_UNAVAILABLE.test(err.code)) return 'postgresql';
  if (err.name && KAFKAJS_UNAVAILABLE.has(err.name)) return 'kafka';
  if (err.name === 'KafkaJSProtocolError' && err.retriable === true) return 'kafka';
  if (typeof err.code === 'string' && NODE_NETWORK.has(err.code)) return where;
  if (PG_MESSAGE.test(err.message ?? '')) return 'postgresql';
  return (
    infrastructureOf(err.driverError, 'postgresql', depth + 1) ??
    infrastructureOf(err.cause, where, depth + 1) ??
    infrastructureOf(err.originalError, where, depth + 1)
  );
}

const REBALANCE_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/** A heartbeat answer that means this member must rejoin the group (kafkajs' protocol error `type`). */
export function isGroupRebalance(e: unknown): boolean {
  const type = (e as ErrorLike | undefined)?.type;
  return typeof type === 'string' && REBALANCE_TYPES.has(type);
}
