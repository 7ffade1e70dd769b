import { Topics, type SmsApprovedV1, type SmsStatusV1 } from '@herald/contracts';
import type { TopicWatcher } from './topic-watcher';

/** The slice of @herald/testing's KafkaProbe used to publish. */
interface Producer {
  produceRaw(
    topic: string,
    records: Array<{ key?: string | null; value: string; headers?: Record<string, string> }>,
  ): Promise<void>;
}

/** Publishes approved messages in binary CloudEvents mode, keyed by recipient token as compliance does. */
export async function publishApproved(probe: Producer, messages: SmsApprovedV1[]): Promise<void> {
  await probe.produceRaw(
    Topics.SmsApprovedV1,
    messages.map((m) => ({
      key: m.recipient.token,
      value: JSON.stringify(m),
      headers: {
        ce_id: `approved-${m.messageId}`,
        ce_type: Topics.SmsApprovedV1,
        ce_source: 'test/compliance',
        ce_time: new Date().toISOString(),
        ce_specversion: '1.0',
        'content-type': 'application/json',
      },
    })),
  );
}

const matchStatus = (service: string, ids: Set<string>) => (r: { value: string }) => {
  const s = JSON.parse(r.value) as SmsStatusV1;
  return ids.has(s.messageId) && s.service === service;
};

/** Waits for `count` sms.status.v1 records of these messages from this dispatch instance. */
export async function collectStatuses(
  watcher: TopicWatcher,
  service: string,
  messageIds: Iterable<string>,
  count: number,
  timeoutMs = 60000,
): Promise<SmsStatusV1[]> {
  const records = await watcher.waitFor(
    Topics.SmsStatusV1,
    matchStatus(service, new Set(messageIds)),
    count,
    timeoutMs,
  );
  return records.map((r) => JSON.parse(r.value) as SmsStatusV1);
}

/** Every status seen so far for these messages (to check nothing was reported twice). */
export function statusesSoFar(watcher: TopicWatcher, service: string, messageIds: Iterable<string>): SmsStatusV1[] {
  return watcher
    .all(Topics.SmsStatusV1, matchStatus(service, new Set(messageIds)))
    .map((r) => JSON.parse(r.value) as SmsStatusV1);
}
