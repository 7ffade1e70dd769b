import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { HERALD_LOGGER, HealthRegistry, type HeraldLogger } from '@herald/observability';
import { SERVICE_CONFIG } from '@herald/service-kit';
import type { TemplatingConfig } from '../templating.config';
import { TEMPLATES_CHANGED_CHANNEL } from './template.repository';

export interface TemplateChangeSubscriber {
  /** A version of `key` was activated somewhere (this replica or another). */
  changed(key: string | undefined): void;
  /** The connection was lost and is back: notifications sent meanwhile are gone. */
  resynced(): void;
}

const MAX_BACKOFF_MS = 10_000;

/** pg_stat_activity.application_name of the LISTEN connection, per process so an operator can tell replicas apart. */
export const listenerApplicationName = (): string => `herald-templating-listener-${process.pid}`;

/**
 * A dedicated PostgreSQL connection that LISTENs on the templates channel, so a template activated
 * through any replica's admin API drops this replica's cache within milliseconds. Reconnects with
 * backoff; the periodic full reload covers whatever a broken connection missed.
 */
@Injectable()
export class TemplateChangeListener implements OnModuleDestroy {
  private client?: Client;
  private subscriber?: TemplateChangeSubscriber;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private listening = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: TemplatingConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    health: HealthRegistry,
  ) {
    health.register({ name: 'template-change-listener', check: async () => this.listening });
  }

  /** Resolves once LISTEN is in place, or after the first failed attempt (a retry is then scheduled). */
  async start(subscriber: TemplateChangeSubscriber): Promise<void> {
    this.subscriber = subscriber;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      application_name: listenerApplicationName(),
    });
    client.on('notification', (n) => {
      if (n.channel === TEMPLATES_CHANGED_CHANNEL) this.subscriber?.changed(keyOf(n.payload));
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${TEMPLATES_CHANGED_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      this.scheduleReconnect(e);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    const wasLost = this.failures > 0;
    this.client = client;
    this.listening = true;
    this.failures = 0;
    if (wasLost) this.subscriber?.resynced();
    this.logger.info({ channel: TEMPLATES_CHANGED_CHANNEL }, 'listening for template changes');
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.listening = false;
    client.end().catch(() => undefined);
    this.scheduleReconnect(error ?? new Error('connection ended'));
  }

  private scheduleReconnect(error: unknown): void {
    if (this.stopped) return;
    this.failures++;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.failures, 6));
    this.logger.warn({ err: error, attempt: this.failures, retryInMs: delay }, 'template change listener disconnected');
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }
}

/** The key from a `{"key","locale","version"}` payload; undefined (reload everything) if unreadable. */
function keyOf(payload: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(payload ?? '') as { key?: unknown };
    return typeof parsed.key === 'string' ? parsed.key : undefined;
  } catch {
    return undefined;
  }
}
