import { createServer, type Server } from 'node:net';
import { testEnv } from '@herald/testing';
import { startIngest, type IngestUnderTest } from './spec-support/ingest-test-kit';

// The templating side of the check (GET /v1/template-keys on the real table) is in
// templating.int-spec.ts, and ingest refusing an unknown key against a real templating process is in
// apps/pipeline-e2e/src/cli-and-templates.e2e-spec.ts. Here: ingest alone, when templating cannot answer.
describe('event-ingest template key check without a templating to ask', () => {
  const apps: IngestUnderTest[] = [];
  const notify = (svc: IngestUnderTest, templateKey: string) =>
    fetch(`${svc.url}/v1/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${svc.keys.notifier}` },
      body: JSON.stringify({
        templateKey,
        category: 'transactional',
        to: '+33612345678',
        locale: 'fr-FR',
        variables: {},
      }),
    });

  afterAll(async () => {
    for (const a of apps) await a.app.close();
  });

  it('accepts any templateKey when the check is off (INGEST_REFUSE_UNKNOWN_TEMPLATES=false)', async () => {
    const svc = await startIngest(testEnv({ INGEST_REFUSE_UNKNOWN_TEMPLATES: 'false' }));
    apps.push(svc);
    expect((await notify(svc, 'no.such.template.off')).status).toBe(202);
  });

  it('fails open while templating is unreachable or silent: nothing is refused on a list it could not read', async () => {
    // A port that accepts connections and never answers: the read times out (2 s) instead of failing fast.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const svc = await startIngest(
        testEnv({ INGEST_REFUSE_UNKNOWN_TEMPLATES: 'true', TEMPLATING_URL: `http://127.0.0.1:${port}` }),
      );
      apps.push(svc);
      const started = Date.now();
      expect((await notify(svc, 'no.such.template.silent')).status).toBe(202);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
    const refused = await startIngest(
      testEnv({ INGEST_REFUSE_UNKNOWN_TEMPLATES: 'true', TEMPLATING_URL: 'http://127.0.0.1:9' }),
    );
    apps.push(refused);
    expect((await notify(refused, 'no.such.template.refused')).status).toBe(202);
  });
});
