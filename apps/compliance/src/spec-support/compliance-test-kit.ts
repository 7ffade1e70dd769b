// Integration-test helpers: real ciphertexts and tokens, private consumer groups, a tap that reads
// topics from "now" (sms.status.v1 holds every test's history; reading it from the start is slow).
// The keys and the probe come from @herald/testing through the spec, which alone may import it.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { messageIdFor, recipientTokenFor, Topics, type SmsOptoutV1, type SmsRenderedV1 } from '@herald/contracts';
import type { createKafkaClient } from '@herald/kafka';
import { isMobileCapable, normalizePhone } from '@herald/phone';
import { PiiCipher } from '@herald/pii';
import { createServiceApp, loadConfig } from '@herald/service-kit';
import { ComplianceConfig } from '../compliance.config';
import { complianceDefinition } from '../compliance.definition';

type Kafka = ReturnType<typeof createKafkaClient>;

export interface KitDeps {
  probe: { client: Kafka; publishEvent(topic: string, data: unknown, attrs: { key?: string }): Promise<string> };
  piiKeys: string;
  tokenKey: string;
  env: (overrides: Record<string, string>) => Record<string, string>;
}

export interface TapRecord {
  topic: string;
  key: string | null;
  value: string | null;
  /** As the broker returned it: a dead letter's value is ciphertext (deadLetterValue opens it). */
  bytes: Buffer | null;
  headers: Record<string, string>;
}

export const ADMIN_TOKEN = 'it-admin-token-0123456789';
const SHIPPED_RULES = resolve(__dirname, '../../rules/compliance-rules.v1.json');
const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export type RulesJson = Record<string, unknown> & { quietHours: unknown[]; frequencyCaps: unknown[] };

/** The shipped rules with `edit` applied, written to a temp file; returns its path. */
export function writeRules(edit: (rules: RulesJson) => void): string {
  const rules = JSON.parse(readFileSync(SHIPPED_RULES, 'utf8')) as RulesJson;
  edit(rules);
  const file = join(mkdtempSync(join(tmpdir(), 'compliance-rules-')), 'rules.json');
  writeFileSync(file, JSON.stringify(rules, null, 2));
  return file;
}

/** A fresh, valid French mobile number, so tests never share opt-outs or cap counters. */
export function randomMobile(): string {
  for (;;) {
    const e164 = `+336${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const n = normalizePhone(e164);
    if (n.ok && isMobileCapable(n.type)) return e164;
  }
}

export class ComplianceTestKit {
  private readonly cipher: PiiCipher;

  constructor(private readonly deps: KitDeps) {
    this.cipher = PiiCipher.fromSpec(deps.piiKeys);
  }

  tokenOf(e164: string): string {
    return recipientTokenFor(this.deps.tokenKey, e164);
  }

  eventId(): string {
    return newId('evt');
  }

  rendered(e164: string, o: Partial<SmsRenderedV1> = {}): SmsRenderedV1 {
    const now = new Date();
    const token = this.tokenOf(e164);
    const sourceEvent = o.sourceEvent ?? {
      id: this.eventId(),
      type: 'order.placed',
      source: 'test/shop',
      time: now.toISOString(),
    };
    const templateKey = o.templateKey ?? 'order_placed';
    return {
      messageId: messageIdFor(sourceEvent.id, templateKey, token),
      sourceEvent,
      templateKey,
      category: 'transactional',
      recipient: { token, phoneEnc: this.cipher.encrypt(e164), country: 'FR' },
      locale: 'fr-FR',
      brand: 'maison-durand',
      ttlSeconds: 3600,
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      requestedAt: now.toISOString(),
      templateVersion: 1,
      bodyEnc: this.cipher.encrypt('Votre commande 10023 est confirmée.'),
      encoding: 'GSM7',
      segments: 1,
      characters: 35,
      senderProfile: 'default',
      renderedAt: now.toISOString(),
      ...o,
    };
  }

  optout(e164: string, o: Partial<SmsOptoutV1> = {}): SmsOptoutV1 {
    return {
      recipientToken: this.tokenOf(e164),
      brand: 'maison-durand',
      action: 'opt_out',
      keyword: 'STOP',
      source: 'sms',
      at: new Date().toISOString(),
      ...o,
    };
  }

  publishRendered(m: SmsRenderedV1): Promise<string> {
    return this.deps.probe.publishEvent(Topics.SmsRenderedV1, m, { key: m.recipient.token });
  }

  publishOptout(e: SmsOptoutV1): Promise<string> {
    return this.deps.probe.publishEvent(Topics.SmsOptoutsV1, e, { key: e.recipientToken });
  }

  /** A private consumer group positioned at the end of its topics, so it skips every earlier test's records. */
  async freshGroup(): Promise<string> {
    const group = newId('compliance-it');
    const admin = this.deps.probe.client.admin();
    await admin.connect();
    try {
      for (const topic of [Topics.SmsRenderedV1, Topics.SmsOptoutsV1]) {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId: group,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    } finally {
      await admin.disconnect();
    }
    return group;
  }

  start(group: string, rulesFile: string, env: Record<string, string> = {}): Promise<INestApplication> {
    const overrides = {
      COMPLIANCE_RULES_FILE: rulesFile,
      COMPLIANCE_ADMIN_TOKENS: `it-admin:${ADMIN_TOKEN}`,
      COMPLIANCE_SCHEDULER_INTERVAL_MS: '200',
      ...env,
    };
    return createServiceApp(complianceDefinition(group), loadConfig(ComplianceConfig, this.deps.env(overrides)));
  }

  openTap(topics: string[]): Promise<TopicTap> {
    return TopicTap.open(this.deps.probe.client, topics);
  }
}

export function baseUrl(app: INestApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

/** Reads the given topics from the moment it is open; tests wait on it for their own records. */
export class TopicTap {
  readonly records: TapRecord[] = [];

  private constructor(private readonly stop: () => Promise<void>) {}

  static async open(kafka: Kafka, topics: string[]): Promise<TopicTap> {
    const consumer = kafka.consumer({ groupId: `compliance-tap-${randomUUID()}`, maxWaitTimeInMs: 50 });
    const fetched = new Promise<void>((r) => consumer.on(consumer.events.FETCH, () => r()));
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    const tap = new TopicTap(() => consumer.disconnect());
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        tap.records.push({
          topic,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          bytes: message.value,
          headers,
        });
      },
    });
    // The first completed fetch means every partition's "latest" offset has been resolved.
    await fetched;
    return tap;
  }

  async wait(what: string, match: (r: TapRecord) => boolean, count = 1, timeoutMs = 30_000): Promise<TapRecord[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} x ${what}; saw ${found.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** Matches a record on `topic` whose JSON payload has `messageId`. */
export const forMessage = (topic: string, messageId: string) => (r: TapRecord) =>
  r.topic === topic && r.value !== null && (JSON.parse(r.value) as { messageId?: string }).messageId === messageId;

export const payloadOf = <T>(r: TapRecord): T => JSON.parse(r.value ?? 'null') as T;
