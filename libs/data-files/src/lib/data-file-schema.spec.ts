import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeraldError } from '@herald/contracts';
import { describeProblems, pathOf } from './data-file-problem';
import { DataFileSchema } from './data-file-schema';
import { loadDataFile } from './load-data-file';

interface Doc {
  version: 1;
  items: { name: string }[];
  byCountry?: Record<string, string>;
}

const schema = new DataFileSchema<Doc>(
  {
    type: 'object',
    required: ['version', 'items'],
    additionalProperties: false,
    properties: {
      version: { const: 1, 'x-reason': 'must be 1' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', pattern: '^[a-z]+$', 'x-reason': 'must be lowercase letters' } },
        },
      },
      byCountry: {
        type: 'object',
        propertyNames: { type: 'string', pattern: '^[A-Z]{2}$', 'x-reason': 'is not a country code' },
      },
      old: { not: {}, 'x-reason': 'is gone: use items' },
    },
  },
  (doc) => {
    const names = doc.items.map((i) => i.name);
    return names.flatMap((n, i) =>
      names.indexOf(n) !== i ? [{ path: pathOf(['items', i, 'name']), reason: `duplicate name "${n}"` }] : [],
    );
  },
);

const problems = (doc: unknown) => {
  const outcome = schema.validate(doc);
  return outcome.ok ? [] : outcome.problems;
};

describe('DataFileSchema', () => {
  it('accepts a valid document as it is', () => {
    expect(schema.validate({ version: 1, items: [{ name: 'a' }] })).toEqual({
      ok: true,
      value: { version: 1, items: [{ name: 'a' }] },
    });
  });

  it('reports every problem with its path and the x-reason of the node', () => {
    expect(problems({ version: 2, items: [{ name: 'A' }, {}] })).toEqual([
      { path: 'version', reason: 'must be 1 (got 2)' },
      { path: 'items[0].name', reason: 'must be lowercase letters' },
      { path: 'items[1].name', reason: 'is required' },
    ]);
  });

  it('names an unknown key and the known ones, a retired key with its own reason, a bad key at the key', () => {
    expect(problems({ version: 1, items: [], typo: 1 })).toEqual([
      { path: 'typo', reason: 'unknown key (expected one of version, items, byCountry)' },
    ]);
    expect(problems({ version: 1, items: [], old: [] })).toEqual([{ path: 'old', reason: 'is gone: use items' }]);
    expect(problems({ version: 1, items: [], byCountry: { france: 'x' } })).toEqual([
      { path: 'byCountry.france', reason: 'is not a country code' },
    ]);
  });

  it('runs the cross-field check only once the shape holds', () => {
    expect(problems({ version: 1, items: [{ name: 'a' }, { name: 'a' }] })).toEqual([
      { path: 'items[1].name', reason: 'duplicate name "a"' },
    ]);
  });
});

describe('paths and the one-line description', () => {
  it('quotes keys that are not plain names and marks the root as $', () => {
    expect(pathOf(['events', 'order.placed', 0, 'category'])).toBe('events["order.placed"][0].category');
    expect(pathOf([])).toBe('$');
  });

  it('says the first problem and how many more', () => {
    expect(
      describeProblems([
        { path: 'a', reason: 'x' },
        { path: 'b', reason: 'y' },
      ]),
    ).toBe('a: x (and 1 more problem(s))');
  });
});

describe('loadDataFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-file-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('throws one CONFIG_INVALID line naming the key, the file, the path and the reason', () => {
    const file = write('bad.json', JSON.stringify({ version: 1, items: [{ name: 'B' }] }));
    expect(() => loadDataFile(file, 'SOME_FILE', schema)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: `invalid configuration: SOME_FILE: ${file}: items[0].name: must be lowercase letters`,
      }),
    );
  });

  it('names an unreadable file and a file that is not JSON', () => {
    expect(() => loadDataFile(join(dir, 'missing.json'), 'SOME_FILE', schema)).toThrow(
      /^invalid configuration: SOME_FILE: cannot read .*missing\.json: ENOENT$/,
    );
    expect(() => loadDataFile(write('text.json', '{ nope'), 'SOME_FILE', schema)).toThrow(
      /^invalid configuration: SOME_FILE: .*text\.json is not valid JSON: /,
    );
    expect(() => loadDataFile(write('x.json', '{}'), 'SOME_FILE', schema)).toThrow(HeraldError);
  });

  it('returns the document when it is valid', () => {
    expect(loadDataFile(write('ok.json', '{"version":1,"items":[]}'), 'SOME_FILE', schema)).toEqual({
      version: 1,
      items: [],
    });
  });
});
