import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReplayStore } from '../domain/webhook-authenticator';

@Injectable()
export class WebhookReplayRepository implements ReplayStore {
  constructor(private readonly ds: DataSource) {}

  async claim(carrierId: string, signature: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO webhook_replays (carrier_id, signature, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (carrier_id, signature) DO NOTHING RETURNING 1`,
      [carrierId, signature, expiresAt],
    );
    return rows.length === 1;
  }

  async release(carrierId: string, signature: string): Promise<void> {
    await this.ds.query('DELETE FROM webhook_replays WHERE carrier_id = $1 AND signature = $2', [carrierId, signature]);
  }

  /** Past expiry a request fails the timestamp window anyway, so its row is no longer needed. */
  async prune(now: Date): Promise<void> {
    await this.ds.query('DELETE FROM webhook_replays WHERE expires_at < $1', [now]);
  }
}
