import { randomInt } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Topics, type SmsStatusV1 } from '@herald/contracts';
import { KafkaProbe, TEST_PII_KEYS, TEST_RECIPIENT_TOKEN_KEY, testEnv } from '@herald/testing';
import { managementUrl } from '@herald/service-kit';
import {
  ComplianceTestKit,
  forMessage,
  payloadOf,
  randomMobile,
  TopicTap,
  writeRules,
  type TapRecord,
} from './spec-support/compliance-test-kit';

// Issue 19 item 4: a script rotating numbers inside one prefix to trigger OTPs is blocked after the
// threshold, while OTPs to other prefixes still go out. Counters live in PostgreSQL (velocity_counters).
const LIMIT = 5;
const rulesFile = writeRules((r) => {
  r.quietHours = [];
  r.frequencyCaps = [];
  r['pumping'] = {
    prefixDigits: 8,
    velocity: [
      { name: 'it-otp-prefix', scope: 'prefix', categories: ['otp'], limit: LIMIT, windowSeconds: 60, mode: 'block' },
    ],
  };
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A prefix no other run uses: +3361 and 3 random digits, inside the allocated 061 block (a random
// 06 prefix can fall in an unallocated range, which compliance suppresses as INVALID_NUMBER).
const randomPrefix = () => `+3361${String(randomInt(100, 1000))}`;

describe('pumping guard on the real broker and database', () => {
  const probe = new KafkaProbe();
  const kit = new ComplianceTestKit({
    probe,
    piiKeys: TEST_PII_KEYS,
    tokenKey: TEST_RECIPIENT_TOKEN_KEY,
    env: testEnv,
  });
  let app: INestApplication;
  let tap: TopicTap;
  const otp = (e164: string) =>
    kit.rendered(e164, {
      category: 'otp',
      templateKey: 'auth.otp_requested',
      senderProfile: 'otp-default',
      ttlSeconds: 600,
    });
  // An approval goes to sms.approved.v1, a suppression to sms.status.v1: whichever comes first.
  const outcomeOf = async (messageId: string): Promise<{ status: string; reasonCode?: string; reason?: string }> => {
    const either = (r: TapRecord) =>
      forMessage(Topics.SmsApprovedV1, messageId)(r) || forMessage(Topics.SmsStatusV1, messageId)(r);
    const [record] = await tap.wait(`decision on ${messageId}`, either, 1, 60_000);
    return record.topic === Topics.SmsApprovedV1 ? { status: 'approved' } : payloadOf<SmsStatusV1>(record);
  };

  beforeAll(async () => {
    const group = await kit.freshGroup();
    tap = await kit.openTap([Topics.SmsStatusV1, Topics.SmsApprovedV1]);
    app = await kit.start(group, rulesFile);
    const warm = otp(randomMobile());
    await kit.publishRendered(warm);
    await outcomeOf(warm.messageId);
  });

  afterAll(async () => {
    await app?.close();
    await tap?.close();
    await probe.close();
  });

  it('blocks a burst of OTPs over a rotating range in one prefix after the threshold; other prefixes still go out', async () => {
    // Fixed one-minute windows: start well inside one so the whole burst lands in it.
    while (new Date().getUTCSeconds() > 35) await sleep(1000);
    const prefix = randomPrefix();
    const burst = Array.from({ length: 12 }, (_, i) => otp(`${prefix}${String(1000 + i * 7).padStart(4, '0')}`));
    const others = Array.from({ length: 3 }, () => randomMobile())
      .filter((p) => !p.startsWith(prefix))
      .map(otp);
    await Promise.all([...burst, ...others].map((m) => kit.publishRendered(m)));

    const burstStatuses = await Promise.all(burst.map((m) => outcomeOf(m.messageId)));
    const byOutcome = (s: Array<{ status: string }>, status: string) => s.filter((x) => x.status === status);
    expect(byOutcome(burstStatuses, 'approved')).toHaveLength(LIMIT);
    const suppressed = byOutcome(burstStatuses, 'suppressed');
    expect(suppressed).toHaveLength(burst.length - LIMIT);
    for (const s of suppressed as Array<{ reasonCode?: string; reason?: string }>) {
      expect(s.reasonCode).toBe('FRAUD_SUSPECTED');
      expect(s.reason).toContain(`prefix ${prefix}`);
    }
    for (const m of others) expect(await outcomeOf(m.messageId)).toEqual({ status: 'approved' });

    const metrics = await (await fetch(`${managementUrl(app)}/metrics`)).text();
    expect(metrics).toMatch(/herald_\w+_velocity_exceeded_total\{rule="it-otp-prefix",mode="block"[^}]*\} 7\b/);
  });
});
