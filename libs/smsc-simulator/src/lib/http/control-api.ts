import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimBehaviour } from '../domain/behaviour';
import type { SubmitRecord } from '../domain/submit-record';
import type { SubmitStore } from '../domain/submit-store';

/** What the control API drives; SmscSimulator implements it (declared here, so this file does not import the simulator back). */
export interface SimulatorControl {
  readonly store: Pick<SubmitStore, 'query'>;
  readonly behaviour: SimBehaviour;
  configure(patch: unknown): { ok: true; behaviour: SimBehaviour } | { ok: false; error: string };
  dropConnections(): { sessions: number; unansweredSubmits: number };
  injectMo(from: string, to: string, text: string): string | undefined;
  reset(): void;
  stats(): unknown;
  statusName(status: number): string;
}

const MAX_BODY = 1024 * 1024;

type Handler = (sim: SimulatorControl, url: URL, body: unknown) => [number, unknown];

// JSON control API: state for tests and benchmarks, and knobs to inject faults.
const routes: Record<string, Handler> = {
  'GET /health': () => [200, { status: 'ok' }],
  'GET /submits': (sim, url) => {
    const q = url.searchParams;
    const since = q.get('since');
    const submits = sim.store.query({
      ...(q.has('reference') ? { reference: q.get('reference') as string } : {}),
      ...(q.has('destination') ? { destination: (q.get('destination') as string).replace(/^\+/, '') } : {}),
      ...(since !== null ? { since: /^\d+$/.test(since) ? Number(since) : Date.parse(since) } : {}),
      limit: Math.min(Number(q.get('limit') ?? 1000) || 1000, 100_000),
    });
    return [200, { count: submits.length, submits: submits.map((r) => view(sim, r)) }];
  },
  'GET /stats': (sim) => [200, sim.stats()],
  'GET /config': (sim) => [200, sim.behaviour],
  'POST /config': (sim, _url, body) => {
    const result = sim.configure(body);
    return result.ok ? [200, result.behaviour] : [400, { error: result.error }];
  },
  'POST /drop-connections': (sim) => [200, sim.dropConnections()],
  'POST /mo': (sim, _url, body) => {
    const { from, to, text } = (body ?? {}) as Record<string, unknown>;
    if (typeof from !== 'string' || typeof to !== 'string' || typeof text !== 'string') {
      return [400, { error: 'body must be { from, to, text } strings' }];
    }
    const sessionId = sim.injectMo(from, to, text);
    return sessionId === undefined
      ? [409, { error: 'no receiver or transceiver session is bound' }]
      : [202, { sessionId }];
  },
  'POST /reset': (sim) => {
    sim.reset();
    return [200, { reset: true }];
  },
};

function view(sim: SimulatorControl, r: SubmitRecord) {
  return {
    ...r,
    receivedAt: new Date(r.receivedAt).toISOString(),
    statusName: r.status === null ? null : sim.statusName(r.status),
  };
}

export function createControlApi(sim: SimulatorControl): Server {
  return createServer((req, res) => {
    void handle(sim, req, res);
  });
}

async function handle(sim: SimulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const route = routes[`${req.method} ${url.pathname}`];
  if (route === undefined) return reply(res, 404, { error: `no route ${req.method} ${url.pathname}` });
  let body: unknown;
  try {
    body = req.method === 'POST' ? await readJson(req) : undefined;
  } catch (e) {
    return reply(res, 400, { error: (e as Error).message });
  }
  const [status, payload] = route(sim, url, body);
  reply(res, status, payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

function reply(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
