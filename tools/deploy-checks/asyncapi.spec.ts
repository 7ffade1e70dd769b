import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { dlqTopicOf, TopicSpecs, type TopicName } from '@herald/contracts';
import { asyncApi3Validator, resolveRef, unresolvedRefs } from './asyncapi-validation';
import { channelIdOf } from './asyncapi.document';
import { ASYNCAPI_FILE, topicSchemaFile } from './generate-asyncapi';
import { repoRoot } from './generated-file';
import { ServiceTopology } from './service-topology';

type Doc = {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<
    string,
    { action: string; channel: { $ref: string }; messages: Array<{ $ref: string }>; tags: Array<{ name: string }> }
  >;
  components: { messages: Record<string, { payload: object; headers: { $ref: string } }> };
};

const root = repoRoot();
const doc = YAML.parse(fs.readFileSync(path.join(root, ASYNCAPI_FILE), 'utf8')) as Doc;
const topics = Object.keys(TopicSpecs) as TopicName[];

describe('docs/asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0.0 document (official JSON Schema)', () => {
    const validate = asyncApi3Validator();
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it('the validator is not vacuous: a channel with an unknown field is rejected', () => {
    const broken = structuredClone(doc) as unknown as { channels: Record<string, Record<string, unknown>> };
    broken.channels[channelIdOf('sms.requested.v1')]['adress'] = 'typo';
    expect(asyncApi3Validator()(broken)).toBe(false);
  });

  it('every $ref resolves', () => {
    expect(unresolvedRefs(doc)).toEqual([]);
  });

  it('has a channel per topic and per DLQ, addressed by the topic name', () => {
    const addresses = Object.values(doc.channels)
      .map((c) => c.address)
      .sort();
    expect(addresses).toEqual(topics.flatMap((t) => [t, dlqTopicOf(t)]).sort());
  });

  it('operations: each service receives what it consumes (its group) and sends what it produces, from its channel', () => {
    for (const s of ServiceTopology) {
      const own = Object.values(doc.operations).filter((o) => o.tags.some((t) => t.name === s.name));
      const addr = (o: Doc['operations'][string]) => (resolveRef(doc, o.channel.$ref) as { address: string }).address;
      expect(
        own
          .filter((o) => o.action === 'receive')
          .map(addr)
          .sort(),
      ).toEqual([...s.consumes].sort());
      expect(
        own
          .filter((o) => o.action === 'send')
          .map(addr)
          .sort(),
      ).toEqual([...s.produces, ...s.consumes.map(dlqTopicOf)].sort());
      for (const o of own)
        for (const m of o.messages) expect(m.$ref.startsWith(`${o.channel.$ref}/messages/`)).toBe(true);
    }
  });

  it.each(topics)('%s: the payload schema accepts the valid fixtures and matches docs/schemas/topics', (topic) => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const payload = doc.components.messages[channelIdOf(topic)].payload;
    const validate = ajv.compile(payload);
    const dir = path.join(root, 'libs/contracts/fixtures', topic, 'valid');
    const fixtures = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) {
      const ok = validate(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      expect({ fixture: f, errors: ok ? null : validate.errors }).toEqual({ fixture: f, errors: null });
    }
    const published = JSON.parse(fs.readFileSync(path.join(root, topicSchemaFile(topic)), 'utf8')) as Record<
      string,
      unknown
    >;
    // The published file is a JSON Schema 2020-12 document in its own right.
    const ajv2020 = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv2020);
    const validate2020 = ajv2020.compile(published);
    for (const f of fixtures) expect(validate2020(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))).toBe(true);
    const { $schema: _s, $id: _i, ...rest } = published;
    expect(payload).toEqual(rest);
  });
});
