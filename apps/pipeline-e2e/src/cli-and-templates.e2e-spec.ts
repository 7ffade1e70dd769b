import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { KafkaProbe, waitFor } from '@herald/testing';
import { E2E_INGEST_KEY, e2eEnv } from './support/e2e-env';
import { frenchMobile } from './support/fixtures';
import { Pipeline } from './support/pipeline';
import { ReceiptWatcher } from './support/receipt-watcher';

const TEMPLATING_TOKEN = e2eEnv().TEMPLATING_ADMIN_TOKEN;
const HERALD = path.resolve(__dirname, '../../../tools/cli/herald.js');

/** A shell line as a user types it, `herald` being the built CLI (tools/cli/herald.js). */
function shell(line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', `herald() { node '${HERALD}' "$@"; }; ${line}`],
      { env: { ...process.env, KAFKA_BROKERS: process.env.KAFKA_BROKERS }, timeout: 240_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Issue 22 items 4 and 5 on the whole chain, separate processes: the CLI chained as the README shows
// it, and an unknown templateKey refused at ingest's door while a template created moments ago is not.
describe('herald CLI chaining and template keys at the door (separate processes)', () => {
  const probe = new KafkaProbe();
  const watcher = new ReceiptWatcher(probe);
  let pipeline: Pipeline;

  const notify = async (templateKey: string) => {
    const res = await fetch(pipeline.url('event-ingest', '/v1/notifications'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_INGEST_KEY}` },
      body: JSON.stringify({
        templateKey,
        category: 'transactional',
        to: frenchMobile(randomInt(1, 10_000_000)),
        locale: 'fr-FR',
        variables: { customer: { firstName: 'Amélie' } },
      }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        messageIds?: string[];
        error?: string;
        fields?: Array<{ field: string; reason: string }>;
      },
    };
  };

  beforeAll(async () => {
    pipeline = await Pipeline.start(e2eEnv());
    await watcher.start();
  });
  afterAll(async () => {
    await watcher.stop();
    await pipeline?.stop();
    await probe.close();
  });

  it('herald tail receipts --message "$(herald publish ... --ids-only)" exits 0 at the final state', async () => {
    const phone = frenchMobile(randomInt(1, 10_000_000));
    const r = await shell(
      `herald tail receipts --json --timeout 180 --message "$(herald publish order.placed --fixture valid/fr-minimal --phone '${phone}' --ids-only --wait 60)"`,
    );
    expect(r).toMatchObject({ code: 0, stderr: expect.stringMatching(/^\d+ receipt\(s\)\n$/) });
    const receipts = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { messageId: string; state: string; isFinal: boolean });
    expect(new Set(receipts.map((x) => x.messageId)).size).toBe(1);
    expect(receipts[receipts.length - 1].isFinal).toBe(true);
    expect(receipts.slice(0, -1).every((x) => !x.isFinal)).toBe(true);
  });

  it('refuses an unknown templateKey with 422 UNKNOWN_TEMPLATE naming the field, and accepts a template activated a second ago', async () => {
    const key = `e2e.new-${randomInt(1, 1_000_000_000)}`;
    const unknown = await notify(key);
    expect(unknown).toMatchObject({
      status: 422,
      body: { error: 'UNKNOWN_TEMPLATE', fields: [{ field: 'templateKey' }] },
    });

    const created = await fetch(pipeline.url('templating', '/v1/templates'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEMPLATING_TOKEN}` },
      body: JSON.stringify({
        key,
        locale: 'fr',
        body: 'Bonjour {{ customer.firstName }}',
        senderProfile: 'transactional-default',
        category: 'transactional',
        maxSegments: 2,
        variables: { 'customer.firstName': { maxLength: 40, sample: 'Ana' } },
        activate: true,
      }),
    });
    expect(created.status).toBe(201);
    // A miss re-reads the keys at most once a second: the refusal above was that second's read.
    await new Promise((r) => setTimeout(r, 1100));
    const accepted = await notify(key);
    expect(accepted.status).toBe(202);
    const final = await waitFor('its final receipt', () => watcher.finals(accepted.body.messageIds![0])[0], 90_000);
    expect(final).toMatchObject({ templateKey: key });
    expect(final.reasonCode).not.toBe('UNKNOWN_TEMPLATE');
    expect((await notify('order.placed')).status).toBe(202);
  });
});
