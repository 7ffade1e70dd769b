import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CanonicalStates, jsonSchemaFor, Topics, type JsonSchema } from '@herald/contracts';
import { repoRoot } from './generated-file';
import { fieldTableProblems, markedStateLists, stateListProblems } from './receipt-docs';

const root = repoRoot();
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe('stateListProblems', () => {
  it('accepts lists that agree with libs/contracts', () => {
    const doc = [
      'Order: <!-- states:non-final -->`accepted`, `rendered`, `approved`, `deferred`, `submitted`, `enroute`<!-- /states -->.',
      'Final: <!-- states:final -->`unknown`, `delivered`, `undelivered`, `expired`, `rejected`, `failed`, `suppressed`<!-- /states -->.',
    ].join('\n');
    expect(markedStateLists(doc).map((l) => [l.name, l.line])).toEqual([
      ['non-final', 1],
      ['final', 2],
    ]);
    expect(stateListProblems(doc, 'doc.md')).toEqual([]);
  });

  it('names a missing, an extra and a repeated state', () => {
    const doc =
      'x\n<!-- states:final -->`delivered`, `undelivered`, `expired`, `rejected`, `failed`, `failed`, `deferred`, `unknown`<!-- /states -->';
    expect(stateListProblems(doc, 'doc.md')).toEqual([
      'doc.md:2 states:final: missing suppressed',
      'doc.md:2 states:final: not in this list: deferred',
      'doc.md:2 states:final: repeated failed',
    ]);
  });

  it('holds an ordered list to the state machine order', () => {
    const doc = `<!-- states:canonical -->${[...CanonicalStates]
      .reverse()
      .map((s) => `\`${s}\``)
      .join(' ')}<!-- /states -->`;
    expect(stateListProblems(doc, 'doc.md')).toEqual([
      expect.stringMatching(/^doc\.md:1 states:canonical: order failed unknown .* differs from accepted rendered/),
    ]);
  });

  it('refuses an unknown list name and an unclosed marker', () => {
    expect(stateListProblems('<!-- states:milestone -->`submitted`<!-- /states -->', 'a.md')).toEqual([
      'a.md:1 states:milestone: unknown list (one of canonical, non-final, final, published, table)',
    ]);
    expect(stateListProblems('<!-- states:final -->`delivered`', 'b.md')).toEqual([
      'b.md: 1 states marker(s) without <!-- /states -->',
    ]);
  });

  it('checks a state table row by row: order, final and published columns', () => {
    const rows = CanonicalStates.map(
      (s) =>
        `| \`${s}\` | ${s === 'delivered' ? 'no' : ['delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed', 'suppressed'].includes(s) ? 'yes' : 'no'} | ${s === 'enroute' ? 'yes' : ['deferred', 'submitted', 'delivered', 'undelivered', 'expired', 'rejected', 'unknown', 'failed', 'suppressed'].includes(s) ? 'yes' : 'no'} | |`,
    );
    const doc = [
      '<!-- states:table -->',
      '| state | final | published by default | when |',
      '|---|---|---|---|',
      ...rows,
      '<!-- /states -->',
    ].join('\n');
    expect(stateListProblems(doc, 't.md')).toEqual([
      't.md:1 states:table: enroute published by default is "yes", expected no',
      't.md:1 states:table: delivered final is "no", expected yes',
    ]);
    const withoutFailed = doc
      .split('\n')
      .filter((l) => !l.startsWith('| `failed`'))
      .join('\n');
    expect(stateListProblems(withoutFailed, 't.md')).toContain('t.md:1 states:table: missing failed');
  });
});

describe('fieldTableProblems', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      note: { type: 'string' },
      latency: { type: 'object', properties: { total: { type: 'integer' } }, required: ['total'] },
    },
    required: ['id'],
  };
  const table = (rows: string[]) =>
    [
      '<!-- fields:x.v1 -->',
      '| field | type | always | meaning |',
      '|---|---|---|---|',
      ...rows,
      '<!-- /fields -->',
    ].join('\n');

  it('accepts a table listing every field, nested ones as a.b, required under an optional parent as not always', () => {
    expect(
      fieldTableProblems(
        table([
          '| `id` | string | yes | |',
          '| `note` | string | no | |',
          '| `latency` | object | no | |',
          '| `latency.total` | integer | no | |',
        ]),
        schema,
        'f.md',
      ),
    ).toEqual([]);
  });

  it('names missing and unknown fields and a wrong "always"', () => {
    expect(
      fieldTableProblems(
        table([
          '| `id` | string | no | |',
          '| `latency` | object | no | |',
          '| `latency.total` | integer | no | |',
          '| `extra` | string | no | |',
        ]),
        schema,
        'f.md',
      ),
    ).toEqual([
      'f.md: fields missing from the table: note',
      'f.md: fields not in the schema: extra',
      'f.md: id "always" is "no", expected yes',
    ]);
    expect(fieldTableProblems('no table here', schema, 'f.md')).toEqual(['f.md: no <!-- fields:... --> table']);
  });
});

describe('the repository agrees with libs/contracts on the receipt states', () => {
  const docs = ['README.md', 'docs/receipts.md', 'docs/services.md', 'apps/receipts/README.md'];

  it.each(docs)('%s: every marked state list matches', (file) => {
    const markdown = read(file);
    expect(markedStateLists(markdown).length).toBeGreaterThan(0);
    expect(stateListProblems(markdown, file)).toEqual([]);
  });

  it('docs/receipts.md has the full state table and documents every sms.receipts.v1 field', () => {
    const markdown = read('docs/receipts.md');
    expect(markedStateLists(markdown).map((l) => l.name)).toEqual(
      expect.arrayContaining(['table', 'final', 'published']),
    );
    expect(fieldTableProblems(markdown, jsonSchemaFor(Topics.SmsReceiptsV1), 'docs/receipts.md')).toEqual([]);
  });

  it('README links docs/receipts.md', () => {
    expect(read('README.md').includes('](docs/receipts.md)')).toBe(true);
  });

  it('the committed JSON Schemas and AsyncAPI enumerate exactly CanonicalStates for state and previousState', () => {
    const receiptAsyncApi = YAML.parse(read('docs/asyncapi.yaml')).components.messages.smsReceiptsV1?.payload as
      JsonSchema | undefined;
    const schemas: Array<[string, JsonSchema | undefined]> = [
      ['docs/schemas/sms.receipts.v1.schema.json', JSON.parse(read('docs/schemas/sms.receipts.v1.schema.json'))],
      [
        'docs/schemas/topics/sms.receipts.v1.schema.json',
        JSON.parse(read('docs/schemas/topics/sms.receipts.v1.schema.json')),
      ],
      ['docs/asyncapi.yaml', receiptAsyncApi],
    ];
    for (const [file, schema] of schemas) {
      expect([file, schema?.properties?.state.enum]).toEqual([file, [...CanonicalStates]]);
      expect([file, schema?.properties?.previousState.enum]).toEqual([file, [...CanonicalStates]]);
    }
  });
});
