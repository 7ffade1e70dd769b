import { Inject, Injectable } from '@nestjs/common';
import type { SmsRenderedV1 } from '@herald/contracts';
import type { PiiCipher } from '@herald/pii';
import {
  decideBatch,
  velocityIncrementsOf,
  type BatchDecisions,
  type Candidate,
  type ChainOptions,
} from '../domain/compliance-chain';
import type { ComplianceRules } from '../domain/rules/compliance-rules';
import { COMPLIANCE_RULES, PII_CIPHER } from '../compliance.tokens';
import type { SqlTarget } from '../adapters/db';
import { PolicyStateReader } from '../adapters/policy-state.reader';

export interface Evaluation extends BatchDecisions {
  candidates: Candidate[];
}

/**
 * Loads what the policy chain needs for a batch (one statement for all its recipients) and
 * runs the pure decision. Shared by the rendered-message handler and the deferred-release scheduler.
 */
@Injectable()
export class ComplianceEngine {
  constructor(
    @Inject(COMPLIANCE_RULES) private readonly rules: ComplianceRules,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    private readonly state: PolicyStateReader,
  ) {}

  async evaluate(q: SqlTarget, messages: readonly SmsRenderedV1[], opts: ChainOptions): Promise<Evaluation> {
    const candidates = messages.map((message) => ({ message, phone: this.decrypt(message.recipient.phoneEnc) }));
    const tokens = [...new Set(messages.map((m) => m.recipient.token))];
    // Pumping attempts are counted once, at intake; a deferred release was counted when it came in.
    const increments = opts.stage === 'intake' ? velocityIncrementsOf(candidates, this.rules, opts.now) : [];
    return {
      candidates,
      ...decideBatch(candidates, await this.state.loadFor(q, tokens, increments), this.rules, opts),
    };
  }

  // The number is opened only to validate it and to find its zone; it never leaves this process.
  private decrypt(phoneEnc: string): string | undefined {
    try {
      return this.cipher.decrypt(phoneEnc);
    } catch {
      return undefined;
    }
  }
}
