import type { SimBehaviour } from '../domain/behaviour';
import type { ConcatAssembler } from '../domain/concat-assembler';
import type { RateLimiter } from '../domain/outcome';
import type { SubmitRecord } from '../domain/submit-record';
import type { SubmitStore } from '../domain/submit-store';
import type { SimLogger } from '../logger';
import type { DeliverSender } from './deliver-sender';
import type { SessionRegistry } from './session-registry';

export interface BindCounters {
  total: number;
  failed: number;
  /** Of the failed: refused because the system id is in `refuseBinds` (the carrier is down). */
  refused: number;
  byMode: Record<string, number>;
}

/** Everything the SMPP side of the simulator shares; owned by SmscSimulator. */
export interface CarrierContext {
  /** The system ids that may bind (one password for all). */
  systemIds: ReadonlySet<string>;
  password: string;
  behaviour(): SimBehaviour;
  store: SubmitStore;
  assembler: ConcatAssembler<SubmitRecord>;
  registry: SessionRegistry;
  sender: DeliverSender;
  limiter: RateLimiter;
  binds: BindCounters;
  nextMessageId(): string;
  random(): number;
  now(): number;
  logger: SimLogger;
}
