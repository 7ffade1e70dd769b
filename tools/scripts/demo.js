// The newcomer's first minute: one sample event of each shipped type goes in, and for each we print
// the rendered SMS (decrypted with the local development key) and its final receipt.
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
require('../runtime/register');

const ROOT = path.resolve(__dirname, '../..');
const WAIT_MS = 60000;

function sampleFor(topic) {
  const dir = path.join(ROOT, 'libs/contracts/fixtures', topic, 'valid');
  const files = fs.readdirSync(dir).sort();
  const file = files.find((f) => f.startsWith('fr-')) ?? files[0];
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

async function runDemo(env) {
  const { Topics, DomainTopics, CeHeader } = require('@herald/contracts');
  const { createKafkaClient } = require('@herald/kafka');
  const { createLogger } = require('@herald/observability');
  const { PiiCipher } = require('@herald/pii');
  const cipher = PiiCipher.fromSpec(env.PII_ENCRYPTION_KEYS);
  const kafka = createKafkaClient(
    { service: 'herald-demo', brokers: env.KAFKA_BROKERS.split(',') },
    createLogger('herald-demo', 'error'),
  );

  const runId = randomUUID().slice(0, 8);
  const events = new Map();
  const bodies = new Map();
  const finals = new Map();
  const consumer = kafka.consumer({ groupId: `herald-demo-${runId}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.SmsRenderedV1, Topics.SmsReceiptsV1], fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const v = JSON.parse(message.value.toString());
      if (topic === Topics.SmsRenderedV1 && events.has(v.sourceEvent.id))
        bodies.set(v.sourceEvent.id, cipher.decrypt(v.bodyEnc));
      if (topic === Topics.SmsReceiptsV1 && events.has(v.sourceEventId) && !finals.get(v.sourceEventId)?.isFinal)
        finals.set(v.sourceEventId, v);
    },
  });
  await new Promise((r) => setTimeout(r, 1500));

  const producer = kafka.producer();
  await producer.connect();
  console.log(`\npublishing one sample event of each of the ${DomainTopics.length} types...`);
  for (const topic of DomainTopics) {
    const id = `demo-${runId}-${topic}`;
    events.set(id, topic);
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: id,
          value: JSON.stringify(sampleFor(topic)),
          headers: {
            [CeHeader.id]: id,
            [CeHeader.type]: topic,
            [CeHeader.source]: 'demo/shop',
            [CeHeader.time]: new Date().toISOString(),
            [CeHeader.specversion]: '1.0',
            'content-type': 'application/json',
          },
        },
      ],
    });
  }
  const deadline = Date.now() + WAIT_MS;
  while ([...events.keys()].some((id) => !finals.get(id)?.isFinal) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  for (const [id, topic] of events) {
    const r = finals.get(id);
    console.log(`\n${topic}`);
    console.log(`  SMS:     ${bodies.get(id) ?? '(not rendered yet)'}`);
    console.log(
      `  receipt: ${r ? `${r.state}${r.isFinal ? ' (final)' : ''}${r.reasonCode ? ` ${r.reasonCode}` : ''}${r.rawStatus ? ` carrier ${r.rawStatus}` : ''}, message ${r.messageId}, ${r.segments ?? '?'} segment(s) ${r.encoding ?? ''}` : 'no receipt yet'}`,
    );
  }
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  const receipts = [...events.keys()].map((id) => finals.get(id));
  await explainOutcomes(receipts, env);
  const final = receipts.filter((r) => r?.isFinal);
  const byState = Object.entries(final.reduce((n, r) => ({ ...n, [r.state]: (n[r.state] ?? 0) + 1 }), {})).map(
    ([s, n]) => `${n} ${s}`,
  );
  console.log(
    `\ndemo: ${final.length} of ${events.size} samples reached a final state${byState.length ? ` (${byState.join(', ')})` : ''}`,
  );
  return { samples: events.size, final: final.length };
}

/** Says why a sample did not arrive when it is the simulator's doing (it fails some on purpose) or a deferral. */
async function explainOutcomes(receipts, env) {
  const carrierFailures = receipts.filter((r) => r?.isFinal && r.rawStatus && r.state !== 'delivered');
  if (carrierFailures.length > 0) {
    const url = `http://127.0.0.1:${env.SIM_HTTP_PORT || 2776}`;
    const mix = await fetch(`${url}/config`)
      .then((res) => res.json())
      .then(
        (c) => describeMix(c.outcomeMix),
        () => 'unknown (control API not reachable)',
      );
    console.log(
      `\n${carrierFailures.map((r) => `${r.state} (${r.rawStatus})`).join(', ')}: the SMSC simulator fails some messages on purpose, so every`,
    );
    console.log(
      `outcome shows up. Its outcome mix: ${mix}. See or change it at ${url}/config (README, "SMSC simulator").`,
    );
  }
  if (receipts.some((r) => r?.state === 'deferred')) {
    console.log(
      "\ndeferred: compliance holds the message until the recipient's quiet hours end (rules in apps/compliance/rules), then sends it if its TTL has not run out.",
    );
  }
}

/** `{ DELIVRD: 0.95, UNDELIV: 0.03 }` -> `DELIVRD 95%, UNDELIV 3%` (weights need not sum to 1). */
function describeMix(mix = {}) {
  const total = Object.values(mix).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(mix)
    .map(([state, w]) => `${state} ${Math.round((w / total) * 1000) / 10}%`)
    .join(', ');
}

module.exports = { runDemo, describeMix };
