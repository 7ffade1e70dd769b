import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterStatusOf, statusMetaOf, type PipelineMessage } from './message-status';
import { TopicSpecs } from './topic-specs';
import { Topics } from './topics';
import { validateTopicPayload } from './validation';

const fixture = (topic: string, name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures', topic, 'valid', name), 'utf8')) as PipelineMessage;
const at = new Date('2025-03-01T10:00:01.000Z');

describe('statusMetaOf', () => {
  it('carries the correlation fields, acceptedAt = requestedAt, and the parts once rendered', () => {
    const requested = fixture(Topics.SmsRequestedV1, 'fr-order-placed.json');
    expect(statusMetaOf(requested)).toEqual({
      sourceEventId: 'evt-01HQ3K8Z7N',
      sourceEventType: 'order.placed',
      templateKey: 'order.placed',
      locale: 'fr-FR',
      category: 'transactional',
      country: 'FR',
      recipientToken: requested.recipient.token,
      acceptedAt: requested.requestedAt,
    });
    const approved = fixture(Topics.SmsApprovedV1, 'fr-alphanumeric-sender.json');
    expect(statusMetaOf(approved)).toEqual(
      expect.objectContaining({ segments: approved.segments, encoding: approved.encoding }),
    );
    expect(statusMetaOf(approved, { segments: 9 }).segments).toBe(9);
  });
});

describe('deadLetterStatusOf', () => {
  it('is flagged on exactly the three pipeline topics', () => {
    expect(
      Object.values(TopicSpecs)
        .filter((s) => s.failedStatusOnDeadLetter)
        .map((s) => s.name)
        .sort(),
    ).toEqual([Topics.SmsApprovedV1, Topics.SmsRenderedV1, Topics.SmsRequestedV1].sort());
  });

  it.each([
    [Topics.SmsRequestedV1, 'fr-order-placed.json'],
    [Topics.SmsApprovedV1, 'fr-alphanumeric-sender.json'],
  ])('builds a valid failed status keyed by message id for %s', (topic, name) => {
    const m = fixture(topic, name);
    const s = deadLetterStatusOf(
      topic,
      m,
      'UNKNOWN_TEMPLATE',
      'no template order.placed in fr-FR, fr, en',
      'templating',
      at,
    );
    expect(s).toEqual({
      topic: Topics.SmsStatusV1,
      key: m.messageId,
      payload: expect.objectContaining({
        messageId: m.messageId,
        status: 'failed',
        reasonCode: 'UNKNOWN_TEMPLATE',
        service: 'templating',
        at: at.toISOString(),
        meta: statusMetaOf(m),
      }),
    });
    expect(validateTopicPayload(Topics.SmsStatusV1, s!.payload).ok).toBe(true);
  });

  it('is undefined for a topic that carries no message, and for a payload that names none', () => {
    const m = fixture(Topics.SmsRequestedV1, 'fr-order-placed.json');
    expect(deadLetterStatusOf(Topics.SmsStatusV1, m, 'X', 'x', 's', at)).toBeUndefined();
    expect(deadLetterStatusOf(Topics.OrderPlaced, m, 'X', 'x', 's', at)).toBeUndefined();
    expect(deadLetterStatusOf(Topics.SmsRequestedV1, { messageId: 'nope' }, 'X', 'x', 's', at)).toBeUndefined();
    expect(deadLetterStatusOf(Topics.SmsRequestedV1, null, 'X', 'x', 's', at)).toBeUndefined();
    expect(
      deadLetterStatusOf(Topics.SmsRequestedV1, { ...m, messageId: 'not-a-uuid' }, 'X', 'x', 's', at),
    ).toBeUndefined();
  });
});
