import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { testEnv } from '@herald/testing';
import { startIngest } from './spec-support/ingest-test-kit';

const root = path.resolve(__dirname, '../../..');
const badRules = (): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ingest-rules-')), 'rules.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      events: { 'order.placed': [{ templateKey: 'order.placed', category: 'marketing', ttlSeconds: 60 }] },
    }),
  );
  return file;
};

describe('event-ingest start-up', () => {
  it('refuses a bad rules file before connecting to anything', async () => {
    await expect(startIngest(testEnv({ INGEST_RULES_FILE: badRules() }))).rejects.toThrow(
      /invalid configuration: INGEST_RULES_FILE: .*rules\.json: events\["order\.placed"\]\[0\]\.category: must be one of otp, security, transactional, promotional/,
    );
    await expect(startIngest(testEnv({ INGEST_RULES_FILE: '/nonexistent/rules.json' }))).rejects.toThrow(
      /invalid configuration: INGEST_RULES_FILE: cannot read .*rules\.json: ENOENT/,
    );
  });

  it('the compiled service stops with exit code 1 and one clear line on stderr', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { INGEST_RULES_FILE: badRules() },
        /^event-ingest failed to start: invalid configuration: INGEST_RULES_FILE: .*category: must be one of/,
      ],
      [
        { INGEST_API_KEYS: 'shop:events:read:0123456789abcdef' },
        /^event-ingest failed to start: INGEST_API_KEYS entry 1 \(shop\): unknown scope events:read/,
      ],
      [
        { INGEST_TOPICS: 'order.placed,invoice.paid' },
        /^event-ingest failed to start: invalid configuration: INGEST_TOPICS: must be a comma-separated list of/,
      ],
    ];
    for (const [env, line] of cases) {
      const run = spawnSync(
        process.execPath,
        ['-r', path.join(root, 'tools/runtime/register.js'), path.join(root, 'dist/apps/event-ingest/src/main.js')],
        {
          env: { ...process.env, ...testEnv(env), LOG_LEVEL: 'silent' },
          encoding: 'utf8',
          timeout: 30000,
        },
      );
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
    }
  });
});
