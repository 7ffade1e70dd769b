// Test support for dispatch's integration specs: the SMSC simulator in-process, carriers files,
// approved messages. Not used by the service itself.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { messageIdFor, recipientTokenFor, Topics, type SmsApprovedV1, type SmsEncoding } from '@herald/contracts';
import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { PiiCipher } from '@herald/pii';
import { createServiceApp, loadConfig, managementUrl } from '@herald/service-kit';
import { SmscSimulator } from '@herald/smsc-simulator';
import type { SmppCarrierConfig } from '../carriers/smpp/smpp.carrier';
import type { CommonCarrierConfig } from '../carriers/common-config';
import { DispatchConfig } from '../dispatch.config';
import { DispatchRuntime } from '../dispatch.runtime';
import { dispatchService } from '../dispatch.definition';

export interface SimHandle {
  sim: SmscSimulator;
  smppPort: number;
  http<T = Record<string, unknown>>(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<T>;
  submits(reference: string): Promise<SimSubmit[]>;
  stop(): Promise<void>;
}

export interface SimSubmit {
  userMessageReference?: string;
  text: string;
  assembledText?: string;
  dataCoding: number;
  destination: string;
  status: number | null;
  statusName: string | null;
  messageId?: string;
  validityPeriod: string;
  registeredDelivery: number;
  concat?: { method: string; total: number; index: number };
  tlvs: Record<string, string>;
}

export async function startSimulator(smppPort = 0): Promise<SimHandle> {
  const sim = new SmscSimulator({ host: '127.0.0.1', smppPort, httpPort: 0, systemId: 'herald', password: 'secret' });
  const ports = await sim.start();
  const base = `http://127.0.0.1:${ports.httpPort}`;
  const http = async <T>(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${pathname}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  return {
    sim,
    smppPort: ports.smppPort,
    http,
    submits: async (reference) =>
      (await http<{ submits: SimSubmit[] }>('GET', `/submits?reference=${encodeURIComponent(reference)}`)).submits,
    stop: () => sim.stop(),
  };
}

export function smppCarrier(id: string, port: number, over: Partial<SmppCarrierConfig> = {}): SmppCarrierConfig {
  return {
    id,
    type: 'smpp',
    host: '127.0.0.1',
    port,
    systemId: 'herald',
    passwordEnv: 'DISPATCH_SMPP_PASSWORD',
    windowSize: 20,
    mpsSegments: 0,
    countries: '*',
    priority: 1,
    concat: 'udh',
    acceptdAs: 'enroute',
    ...over,
  };
}

export function writeCarriersFile(carriers: CommonCarrierConfig[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-carriers-'));
  const file = path.join(dir, 'carriers.v1.json');
  writeFileSync(file, JSON.stringify({ carriers }, null, 2));
  return file;
}

export interface DispatchHandle {
  app: INestApplication;
  service: string;
  runtime: DispatchRuntime;
  /** The management listener: /health/*, /metrics. */
  mgmtUrl: string;
  metricsText(): Promise<string>;
  close(): Promise<void>;
}

export type PartitionOffsets = Array<{ partition: number; offset: string }>;

/** High watermarks of sms.approved.v1 now: where a later instance should start to see what follows. */
export async function approvedOffsets(brokers: string): Promise<PartitionOffsets> {
  const admin = kafkaAdmin(brokers);
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(Topics.SmsApprovedV1)).map((o) => ({
      partition: o.partition,
      offset: o.high,
    }));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Dispatch in-process under its own consumer group. The group starts at `startAt` (default: the
 * current end of sms.approved.v1), not at the beginning: the topic holds every other suite's and
 * benchmark's messages, which this instance would otherwise send to the test's simulator.
 */
export async function startDispatch(
  service: string,
  env: Record<string, string>,
  startAt?: PartitionOffsets,
): Promise<DispatchHandle> {
  const admin = kafkaAdmin(env.KAFKA_BROKERS);
  await admin.connect();
  try {
    const partitions =
      startAt ??
      (await admin.fetchTopicOffsets(Topics.SmsApprovedV1)).map((o) => ({ partition: o.partition, offset: o.high }));
    await admin.setOffsets({ groupId: service, topic: Topics.SmsApprovedV1, partitions });
  } finally {
    await admin.disconnect();
  }
  const app = await createServiceApp({ ...dispatchService, service }, loadConfig(DispatchConfig, env));
  const runtime = app.get(DispatchRuntime);
  const mgmt = managementUrl(app);
  return {
    app,
    service,
    runtime,
    mgmtUrl: mgmt,
    metricsText: async () => (await fetch(`${mgmt}/metrics`)).text(),
    close: () => app.close(),
  };
}

function kafkaAdmin(brokers: string) {
  return createKafkaClient(
    { service: 'dispatch-test-admin', brokers: brokers.split(',') },
    createLogger('dispatch-test-admin', 'error'),
  ).admin();
}

export interface MessageSpec {
  e164: string;
  country: string;
  body: string;
  encoding: SmsEncoding;
  segments: number;
  eventId: string;
  category?: SmsApprovedV1['category'];
  ttlSeconds?: number;
  expiresAt?: Date;
  priority?: SmsApprovedV1['priority'];
  entityId?: string;
  registeredTemplateId?: string;
}

/** An sms.approved.v1 as compliance would publish it, body and number encrypted. */
export function approvedMessage(s: MessageSpec, keys: { tokenKey: string; piiKeys: string }): SmsApprovedV1 {
  const cipher = PiiCipher.fromSpec(keys.piiKeys);
  const token = recipientTokenFor(keys.tokenKey, s.e164);
  const now = new Date();
  const ttl = s.ttlSeconds ?? 600;
  const expiresAt = s.expiresAt ?? new Date(now.getTime() + ttl * 1000);
  const category = s.category ?? 'transactional';
  const templateKey = category === 'otp' ? 'auth.otp' : 'order_shipped';
  const message: SmsApprovedV1 = {
    messageId: messageIdFor(s.eventId, templateKey, token),
    sourceEvent: {
      id: s.eventId,
      type: category === 'otp' ? 'auth.otp_requested' : 'order.shipped',
      source: 'test/dispatch',
      time: now.toISOString(),
    },
    templateKey,
    category,
    recipient: { token, phoneEnc: cipher.encrypt(s.e164), country: s.country },
    locale: 'en-GB',
    brand: 'herald-test',
    ttlSeconds: ttl,
    expiresAt: expiresAt.toISOString(),
    requestedAt: now.toISOString(),
    priority: s.priority ?? (category === 'otp' ? 'high' : 'normal'),
    templateVersion: 1,
    bodyEnc: cipher.encrypt(s.body),
    encoding: s.encoding,
    segments: s.segments,
    characters: [...s.body].length,
    senderProfile: 'default',
    renderedAt: now.toISOString(),
    senderId: 'Herald',
    approvedAt: now.toISOString(),
  };
  if (s.entityId !== undefined) message.entityId = s.entityId;
  if (s.registeredTemplateId !== undefined) message.registeredTemplateId = s.registeredTemplateId;
  return message;
}
