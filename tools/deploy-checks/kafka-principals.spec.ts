import { dlqTopicOf, TopicSpecs, Topics } from '@herald/contracts';
import { kafkaPrincipals, principalOf, type AclOperation, type KafkaPrincipal } from './kafka-principals';
import { HeraldServiceNames } from './service-topology';

const topicOps = (p: KafkaPrincipal, topic: string): AclOperation[] =>
  p.acls.find((a) => a.resource.type === 'topic' && a.resource.name === topic)?.operations ?? [];
const allowed = (op: AclOperation, topic: string) =>
  kafkaPrincipals()
    .filter((p) => topicOps(p, topic).includes(op))
    .map((p) => p.workload);

describe('Kafka principals: least privilege derived from the topology', () => {
  it('pins who may write the topics that gate a message', () => {
    expect(allowed('Write', Topics.SmsApprovedV1)).toEqual(['compliance']);
    expect(allowed('Write', Topics.SmsRenderedV1)).toEqual(['templating']);
    expect(allowed('Write', Topics.SmsOptoutsV1)).toEqual(['compliance', 'receipts']);
    expect(allowed('Write', Topics.SmsRequestedV1)).toEqual(['event-ingest', 'receipts']);
    expect(allowed('Write', Topics.SmsReceiptsV1)).toEqual(['receipts']);
    expect(allowed('Write', Topics.CarrierInboundV1)).toEqual(['dispatch']);
    expect(allowed('Write', Topics.OrderPlaced)).toEqual([]);
  });

  it('pins who may read them', () => {
    expect(allowed('Read', Topics.SmsApprovedV1)).toEqual(['dispatch']);
    expect(allowed('Read', Topics.SmsOptoutsV1)).toEqual(['compliance']);
    expect(allowed('Read', Topics.AuthOtpRequested)).toEqual(['event-ingest']);
    expect(allowed('Read', dlqTopicOf(Topics.SmsApprovedV1))).toEqual([]);
  });

  it('a stage that dead-letters pipeline messages may write the failed status it emits, and only its own DLQs', () => {
    for (const s of ['templating', 'compliance', 'dispatch'] as const)
      expect(topicOps(principalOf(s), Topics.SmsStatusV1)).toContain('Write');
    expect(allowed('Write', dlqTopicOf(Topics.SmsApprovedV1))).toEqual(['dispatch']);
    expect(allowed('Write', dlqTopicOf(Topics.CarrierReceiptsV1))).toEqual(['receipts']);
    // Each DLQ is written by the topic's one consumer; sms.receipts.v1 is read by analysts only.
    const dlqWriters = Object.values(TopicSpecs).map((t) => [t.name, allowed('Write', dlqTopicOf(t.name))] as const);
    expect(dlqWriters.filter(([, w]) => w.length !== 1).map(([t, w]) => `${t}: ${w.join()}`)).toEqual([
      `${Topics.SmsReceiptsV1}: `,
    ]);
  });

  it.each(HeraldServiceNames)(
    '%s joins only its own group, is idempotent, and may never create, alter or delete',
    (service) => {
      const p = principalOf(service);
      const groups = p.acls.filter((a) => a.resource.type === 'group');
      expect(groups).toEqual([
        { resource: { type: 'group', name: service, patternType: 'literal' }, operations: ['Read', 'Describe'] },
      ]);
      expect(p.acls.filter((a) => a.resource.type === 'cluster')).toEqual([
        { resource: { type: 'cluster' }, operations: ['IdempotentWrite'] },
      ]);
      expect(new Set(p.acls.flatMap((a) => a.operations))).toEqual(
        new Set(['Read', 'Write', 'Describe', 'IdempotentWrite']),
      );
    },
  );

  it('KEDA only describes: the consumed topics and the five groups', () => {
    const keda = principalOf('keda');
    expect(new Set(keda.acls.flatMap((a) => a.operations))).toEqual(new Set(['Describe']));
    expect(
      keda.acls.filter((a) => a.resource.type === 'group').map((a) => (a.resource as { name: string }).name),
    ).toEqual([...HeraldServiceNames]);
    expect(keda.acls.some((a) => a.resource.type === 'topic' && a.resource.name === Topics.SmsReceiptsV1)).toBe(false);
  });

  it('every principal has a distinct user name', () => {
    const users = kafkaPrincipals().map((p) => p.user);
    expect(new Set(users).size).toBe(users.length);
    expect(users).toEqual([
      'herald-event-ingest',
      'herald-templating',
      'herald-compliance',
      'herald-dispatch',
      'herald-receipts',
      'herald-keda',
    ]);
  });
});
