import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TopicName, Topics } from './topics';
import { validateTopicPayload } from './validation';

// libs/contracts/fixtures/<topic>/{valid,invalid}/*.json. An invalid fixture names the field it must
// fail on after its last '-': `missing-customer.phone.json` must report an error on `customer.phone`.
const FIXTURES_DIR = join(__dirname, '../../fixtures');
const MIN_PER_KIND = 2;

function fixtureFiles(topic: string, kind: 'valid' | 'invalid'): string[] {
  const dir = join(FIXTURES_DIR, topic, kind);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
}

function load(topic: string, kind: 'valid' | 'invalid', file: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, topic, kind, file), 'utf8'));
}

function expectedField(file: string): string {
  const name = file.slice(0, -'.json'.length);
  return name.slice(name.lastIndexOf('-') + 1);
}

const topics: TopicName[] = Object.values(Topics);

describe.each(topics)('contract %s', (topic) => {
  const valid = fixtureFiles(topic, 'valid');
  const invalid = fixtureFiles(topic, 'invalid');

  it(`has at least ${MIN_PER_KIND} valid and ${MIN_PER_KIND} invalid fixtures`, () => {
    expect(valid.length).toBeGreaterThanOrEqual(MIN_PER_KIND);
    expect(invalid.length).toBeGreaterThanOrEqual(MIN_PER_KIND);
  });

  it.each(valid)('accepts valid/%s', (file) => {
    const result = validateTopicPayload(topic, load(topic, 'valid', file));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(invalid)('rejects invalid/%s on the named field', (file) => {
    const result = validateTopicPayload(topic, load(topic, 'invalid', file));
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toContain(expectedField(file));
  });
});

describe('fixtures directory', () => {
  it('holds no folder for a topic that is not registered', () => {
    const known = new Set<string>(topics);
    expect(readdirSync(FIXTURES_DIR).filter((dir) => !known.has(dir))).toEqual([]);
  });
});
