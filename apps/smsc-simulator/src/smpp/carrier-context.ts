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
  byMode: Record<string, number>;
}

/** Everything the SMPP side of the simulator shares; owned by SmscSimulator. */
export interface CarrierContext {
  systemId: string;
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
