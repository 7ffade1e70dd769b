import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, createServiceApp, managementUrl } from '@herald/service-kit';
import { EventIngestConfig } from '../event-ingest.config';
import { eventIngestDefinition } from '../event-ingest.definition';

export interface IngestUnderTest {
  app: INestApplication;
  url: string;
  /** The management listener: /health/*, /metrics. */
  mgmtUrl: string;
  /** Plaintext keys seeded for this run, by scope set. */
  keys: { writer: string; notifier: string; admin: string };
}

/**
 * The service in-process against the real broker and database, with API keys unique to this run.
 * `env` is the spec's testEnv(...): this file stays out of @herald/testing so it compiles with the app.
 */
export async function startIngest(env: Record<string, string>, service?: string): Promise<IngestUnderTest> {
  const run = `run-${randomUUID().slice(0, 8)}`;
  const keys = {
    writer: `${run}-writer-key-0123456789`,
    notifier: `${run}-notifier-key-0123456789`,
    admin: `${run}-admin-key-0123456789`,
  };
  const seeds = [
    `${run}-writer:events:write:${keys.writer}`,
    `${run}-notifier:notifications:write:${keys.notifier}`,
    `${run}-admin:admin:${keys.admin}`,
  ];
  const config = loadConfig(EventIngestConfig, { INGEST_API_KEYS: seeds.join(','), ...env });
  const app = await createServiceApp(eventIngestDefinition(service), config);
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, mgmtUrl: managementUrl(app), keys };
}

export const PHONE_RAW = '+33 6 12 34 56 78';
export const PHONE_E164 = '+33612345678';

/** Every way the test number could leak: E.164, digits only, national digits, as written. */
export const PHONE_FORMS = [PHONE_E164, '33612345678', '612345678', PHONE_RAW, '06 12 34 56 78', '0612345678'];

export function orderPlaced(orderId: string, phone = PHONE_RAW): Record<string, unknown> {
  return {
    orderId,
    customer: { id: 'c-77', firstName: 'Amélie', phone, locale: 'fr-FR', timezone: 'Europe/Paris', country: 'FR' },
    total: { amount: '49.90', currency: 'EUR' },
    items: [{ name: 'Théière fonte 1L', quantity: 1 }],
    trackingUrl: `https://track.example/${orderId}`,
  };
}
