import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopicSpecs } from './topic-specs';
import { DomainTopics, dlqTopicOf, isDomainTopic, isTopicName, TopicName, Topics } from './topics';

interface ManifestEntry {
  name: string;
  partitions: number;
  compacted: boolean;
  retentionMs?: number;
}

const MANIFEST_PATH = join(__dirname, '../../../../deploy/topics/topics.json');

function manifestFromSpecs(): ManifestEntry[] {
  return Object.values(TopicSpecs).map(({ name, partitions, compacted, retentionMs }) =>
    retentionMs === undefined ? { name, partitions, compacted } : { name, partitions, compacted, retentionMs },
  );
}

describe('deploy/topics/topics.json', () => {
  it('equals TopicSpecs exactly', () => {
    const manifest: ManifestEntry[] = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
    const byName = (a: ManifestEntry, b: ManifestEntry) => a.name.localeCompare(b.name);
    expect([...manifest].sort(byName)).toStrictEqual(manifestFromSpecs().sort(byName));
  });
});

describe('TopicSpecs', () => {
  const allTopics = Object.values(Topics);

  it('has one spec per topic, named after its key', () => {
    expect(Object.keys(TopicSpecs).sort()).toEqual([...allTopics].sort());
    for (const [name, spec] of Object.entries(TopicSpecs)) expect(spec.name).toBe(name);
  });

  it('compacts only sms.optouts.v1', () => {
    expect(allTopics.filter((t) => TopicSpecs[t].compacted)).toEqual([Topics.SmsOptoutsV1]);
  });

  it.each<[TopicName, string]>([
    [Topics.OrderPlaced, 'producer'],
    [Topics.SmsRequestedV1, 'recipientToken'],
    [Topics.SmsRenderedV1, 'recipientToken'],
    [Topics.SmsApprovedV1, 'recipientToken'],
    [Topics.SmsStatusV1, 'messageId'],
    [Topics.CarrierReceiptsV1, 'messageIdElseCarrierMessageId'],
    [Topics.CarrierInboundV1, 'recipientToken'],
    [Topics.SmsOptoutsV1, 'recipientToken'],
    [Topics.SmsReceiptsV1, 'messageId'],
  ])('keys %s by %s', (topic, key) => {
    expect(TopicSpecs[topic].key).toBe(key);
    expect(TopicSpecs[topic].partitions).toBe(6);
  });
});

describe('Topics', () => {
  it('lists the 11 domain topics, all keyed by the producer', () => {
    expect(DomainTopics).toHaveLength(11);
    for (const topic of DomainTopics) expect(TopicSpecs[topic].key).toBe('producer');
  });

  it('versions every pipeline topic in its name', () => {
    const pipeline = Object.values(Topics).filter((t) => !isDomainTopic(t));
    expect(pipeline).toHaveLength(8);
    for (const topic of pipeline) expect(topic).toMatch(/^[a-z_]+\.[a-z_]+\.v\d+$/);
  });

  it('recognizes names and derives DLQ names', () => {
    expect(isDomainTopic('order.placed')).toBe(true);
    expect(isDomainTopic('sms.requested.v1')).toBe(false);
    expect(isTopicName('sms.requested.v1')).toBe(true);
    expect(isTopicName('sms.requested.v2')).toBe(false);
    expect(dlqTopicOf(Topics.SmsApprovedV1)).toBe('sms.approved.v1.dlq');
  });
});
