import fs from 'node:fs';
import path from 'node:path';
import { validateCompiled } from './compiled-validation';
import { validateTopicPayloadAsClass } from './validation';
import { Topics, type TopicName } from './topics';

const root = path.resolve(__dirname, '../../fixtures');
const cases: Array<[string, TopicName, unknown]> = [];
for (const topic of Object.values(Topics)) {
  for (const kind of ['valid', 'invalid']) {
    const dir = path.join(root, topic, kind);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir))
      cases.push([`${topic}/${kind}/${f}`, topic, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]);
  }
}

describe('compiled validation gives the DTO verdict', () => {
  it.each(cases)('%s', (_name, topic, payload) => {
    expect(validateCompiled(topic, payload).ok).toBe(validateTopicPayloadAsClass(topic, payload).ok);
  });

  it('accepts null where the DTO makes a field optional, like class-validator', () => {
    const fixture = cases.find(([n]) => n.startsWith('order.placed/valid/'))![2] as Record<string, unknown>;
    const withNull = { ...fixture, trackingUrl: null };
    expect(validateCompiled(Topics.OrderPlaced, withNull).ok).toBe(true);
    expect(validateTopicPayloadAsClass(Topics.OrderPlaced, withNull).ok).toBe(true);
  });

  it('names the missing field', () => {
    const r = validateCompiled(Topics.SmsOptoutsV1, {
      brand: 'b',
      action: 'opt_out',
      source: 'sms',
      at: '2026-01-01T00:00:00Z',
    });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toContain('recipientToken');
  });
});
