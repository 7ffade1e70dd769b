import { HeraldError } from '@herald/contracts';
import type { Clock } from '@herald/service-kit';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  verifySignature,
  type SignatureVerdict,
  type SignedRequest,
} from './webhook-signature';

/** Remembers (carrier, signature) pairs until they could no longer pass the timestamp window. */
export interface ReplayStore {
  /** True the first time a pair is claimed, false for a replay. */
  claim(carrierId: string, signature: string, expiresAt: Date): Promise<boolean>;
  /** Undo a claim whose request could not be handed on, so the carrier's retry is accepted. */
  release(carrierId: string, signature: string): Promise<void>;
}

export class WebhookAuthenticator {
  constructor(
    private readonly secrets: ReadonlyMap<string, readonly string[]>,
    private readonly replays: ReplayStore,
    private readonly clock: Clock,
  ) {}

  /** `carrier:secret1[|secret2][,carrier:...]` (RECEIPTS_WEBHOOK_SECRETS). */
  static parseSecrets(spec: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const entry of spec
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const colon = entry.indexOf(':');
      const carrier = entry.slice(0, colon);
      const secrets = entry
        .slice(colon + 1)
        .split('|')
        .filter(Boolean);
      if (colon <= 0 || secrets.length === 0 || secrets.length > 2 || out.has(carrier)) {
        throw new HeraldError(
          'CONFIG_INVALID',
          `RECEIPTS_WEBHOOK_SECRETS: entry for "${carrier}" must be carrier:secret[|secret2], once per carrier`,
        );
      }
      out.set(carrier, secrets);
    }
    return out;
  }

  verify(carrierId: string, req: SignedRequest): SignatureVerdict {
    return verifySignature(req, this.secrets.get(carrierId) ?? [], this.clock.now().getTime());
  }

  /** Replays are dropped: a signature covers the timestamp, so an honest retry is signed anew. */
  claim(carrierId: string, verdict: Extract<SignatureVerdict, { ok: true }>): Promise<boolean> {
    const expiresAt = new Date((verdict.timestampSeconds + SIGNATURE_TOLERANCE_SECONDS + 60) * 1000);
    return this.replays.claim(carrierId, verdict.signature, expiresAt);
  }

  release(carrierId: string, verdict: Extract<SignatureVerdict, { ok: true }>): Promise<void> {
    return this.replays.release(carrierId, verdict.signature);
  }
}
