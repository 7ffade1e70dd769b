import { portOffset } from './pipeline';

/** Dispatch sends our message id as user_message_reference: its 16 bytes in base64url. */
export function referenceOf(messageId: string): string {
  return Buffer.from(messageId.replace(/-/g, ''), 'hex').toString('base64url');
}

/** The SMSC simulator's HTTP control API: the carrier's own record is the judge of duplicates. */
export class SimulatorClient {
  constructor(private readonly base = `http://127.0.0.1:${2776 + portOffset()}`) {}

  async stats(): Promise<
    {
      submits: { total: number; byStatus: Record<string, number> };
      duplicates: { total: number; references: Array<{ reference: string }> };
    } & Record<string, unknown>
  > {
    return this.get('/stats');
  }

  async submits(
    query: { reference?: string; destination?: string; since?: number; limit?: number } = {},
  ): Promise<Array<Record<string, unknown>>> {
    if (query.reference) query = { ...query, reference: referenceOf(query.reference) };
    const qs = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    const body = await this.get<{ submits?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>>(
      `/submits?${qs}`,
    );
    return Array.isArray(body) ? body : (body.submits ?? []);
  }

  configure(patch: Record<string, unknown>): Promise<unknown> {
    return this.post('/config', patch);
  }

  dropConnections(): Promise<unknown> {
    return this.post('/drop-connections', {});
  }

  injectMo(from: string, to: string, text: string): Promise<unknown> {
    return this.post('/mo', { from, to, text });
  }

  reset(): Promise<unknown> {
    return this.post('/reset', {});
  }

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(this.base + path);
    if (!res.ok) throw new Error(`simulator GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
}
