import { Inject, Injectable } from '@nestjs/common';
import type { SmsRenderedV1 } from '@herald/contracts';
import type { OutputSink, PublishOptions } from '@herald/kafka';
import { SERVICE_NAME } from '@herald/service-kit';
import { CapCounterRepository } from '../adapters/cap-counter.repository';
import type { SqlTarget } from '../adapters/db';
import { emitDecision } from '../adapters/decision-output';
import type { ChainOptions } from '../domain/compliance-chain';
import { ComplianceEngine, type Evaluation } from './compliance-engine';

/**
 * The compliance decision for a batch, the one sequence the rendered-message handler (at intake) and
 * the deferred-release scheduler (at release) both run: the policy chain, each decision's record
 * (approved to dispatch, any other outcome as a status) written to `sink`, the cap counters the
 * approvals use. The caller owns the transaction, the sink's delivery and the decision counters (counted
 * once the outcome is delivered).
 */
@Injectable()
export class DecideMessages {
  constructor(
    private readonly engine: ComplianceEngine,
    private readonly caps: CapCounterRepository,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async run(
    q: SqlTarget,
    messages: readonly SmsRenderedV1[],
    parents: ReadonlyArray<PublishOptions['parent']>,
    sink: OutputSink,
    opts: ChainOptions,
  ): Promise<Evaluation> {
    const evaluation = await this.engine.evaluate(q, messages, opts);
    await this.caps.save(q, evaluation.capWrites, opts.now);
    evaluation.decisions.forEach((d, i) => emitDecision(sink, messages[i], d, opts.now, this.service, parents[i]));
    return evaluation;
  }
}
