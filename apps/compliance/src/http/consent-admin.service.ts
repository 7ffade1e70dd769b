import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '@herald/service-kit';
import { ConsentRepository, type ConsentRecord } from '../adapters/consent.repository';
import { badRequest, notFound } from './request-validation';

@Injectable()
export class ConsentAdmin {
  constructor(
    private readonly ds: DataSource,
    private readonly consents: ConsentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  grant(
    g: {
      recipientToken: string;
      brand: string;
      purpose: string;
      legalBasis: string;
      source: string;
      grantedAt?: string;
    },
    actor: string,
  ): Promise<ConsentRecord> {
    const now = this.clock.now();
    if (g.grantedAt && Date.parse(g.grantedAt) > now.getTime() + 60_000) {
      throw badRequest('grantedAt is in the future', [{ field: 'grantedAt', reason: 'must not be in the future' }]);
    }
    return this.consents.grant(this.ds, { ...g, grantedAt: g.grantedAt ?? now.toISOString(), recordedBy: actor });
  }

  async revoke(
    r: { recipientToken: string; brand: string; purpose?: string; id?: string; reason?: string },
    actor: string,
  ): Promise<ConsentRecord[]> {
    const revoked = await this.consents.revoke(this.ds, { ...r, revokedBy: actor, at: this.clock.now().toISOString() });
    if (revoked.length === 0) throw notFound('no active consent matches');
    return revoked;
  }

  async revokeById(id: string, actor: string, reason?: string): Promise<ConsentRecord[]> {
    const record = await this.consents.byId(this.ds, id);
    if (!record) throw notFound(`no consent with id ${id}`);
    return this.revoke({ recipientToken: record.recipientToken, brand: record.brand, id, reason }, actor);
  }

  list(recipientToken: string, brand?: string): Promise<ConsentRecord[]> {
    return this.consents.list(this.ds, recipientToken, brand);
  }
}
