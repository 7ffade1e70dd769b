import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Topics, validateTopicPayload, type SmsApprovedV1 } from '@herald/contracts';
import { statusEventIdOf, statusMetaOf, statusOf, type MessageResult } from './message-result';

const approved = JSON.parse(
  readFileSync(
    path.join(__dirname, '../../../../libs/contracts/fixtures/sms.approved.v1/valid/fr-alphanumeric-sender.json'),
    'utf8',
  ),
) as SmsApprovedV1;
const at = new Date('2025-03-01T10:00:01.000Z');

describe('statusOf', () => {
  const meta = statusMetaOf(approved, 3, 'UCS2');

  it('builds the meta receipts needs, without personal data', () => {
    expect(meta).toEqual({
      sourceEventId: 'evt-01HQ3K8Z7N',
      sourceEventType: 'order.placed',
      templateKey: 'order.placed',
      locale: 'fr-FR',
      category: 'transactional',
      country: 'FR',
      recipientToken: approved.recipient.token,
      segments: 3,
      encoding: 'UCS2',
      acceptedAt: approved.requestedAt,
    });
  });

  it.each<[string, MessageResult, object]>([
    [
      'submitted',
      { status: 'submitted', carrierId: 'sim', carrierMessageIds: ['', 'A2'], attempt: 2, segments: 2 },
      { status: 'submitted', carrierId: 'sim', carrierMessageId: 'A2', attempt: 2 },
    ],
    [
      'failed',
      {
        status: 'failed',
        reasonCode: 'CARRIER_PERMANENT',
        reason: 'submit_sm_resp ESME_RINVDSTADR',
        attempt: 1,
        carrierId: 'sim',
        rawStatus: 'ESME_RINVDSTADR',
      },
      { status: 'failed', reasonCode: 'CARRIER_PERMANENT', rawStatus: 'ESME_RINVDSTADR', carrierId: 'sim' },
    ],
    [
      'expired',
      { status: 'expired', reason: 'TTL passed before dispatch', attempt: 0 },
      { status: 'expired', reasonCode: 'TTL_EXPIRED', attempt: 1 },
    ],
    [
      'ambiguous',
      { status: 'ambiguous', reason: 'connection lost', attempt: 1, carrierId: 'sim', rawStatus: 'CONNECTION_LOST' },
      { status: 'ambiguous', reasonCode: 'AMBIGUOUS_SUBMIT', rawStatus: 'CONNECTION_LOST' },
    ],
  ])('a %s status passes the sms.status.v1 contract', (_name, result, expected) => {
    const status = statusOf(approved.messageId, result, meta, 'dispatch', at);
    expect(status).toMatchObject({
      messageId: approved.messageId,
      service: 'dispatch',
      at: at.toISOString(),
      ...expected,
    });
    expect(validateTopicPayload(Topics.SmsStatusV1, status)).toMatchObject({ ok: true });
  });

  it('clips a long reason and a long raw status to the contract limits', () => {
    const status = statusOf(
      approved.messageId,
      {
        status: 'failed',
        reasonCode: 'CARRIER_PERMANENT',
        reason: 'x'.repeat(900),
        attempt: 1,
        rawStatus: 'R'.repeat(40),
      },
      meta,
      'dispatch',
      at,
    );
    expect(status.reason).toHaveLength(500);
    expect(status.rawStatus).toHaveLength(32);
    expect(validateTopicPayload(Topics.SmsStatusV1, status)).toMatchObject({ ok: true });
  });
});

describe('statusEventIdOf', () => {
  const stored = {
    result: {
      status: 'submitted',
      carrierId: 'sim',
      carrierMessageIds: ['A1'],
      attempt: 1,
      segments: 1,
    } as MessageResult,
    at: at.toISOString(),
  };

  it('is the same UUID for every produce of one stored result, and differs per message, status and time', () => {
    const id = statusEventIdOf(approved.messageId, stored);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(statusEventIdOf(approved.messageId, JSON.parse(JSON.stringify(stored)))).toBe(id);
    expect(statusEventIdOf('00000000-0000-5000-8000-000000000001', stored)).not.toBe(id);
    expect(
      statusEventIdOf(approved.messageId, { ...stored, result: { status: 'ambiguous', reason: 'lost', attempt: 1 } }),
    ).not.toBe(id);
    expect(statusEventIdOf(approved.messageId, { ...stored, at: '2025-03-01T10:00:01.001Z' })).not.toBe(id);
  });
});
