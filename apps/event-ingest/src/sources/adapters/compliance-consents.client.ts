/** A platform waits a few seconds for an answer (Shopify 5 s): past this, answer 503 and let it retry. */
export const CONSENTS_TIMEOUT_MS = 3000;

export interface ConsentGrantBody {
  token: string;
  brand: string;
  purpose: string;
  legalBasis: 'consent';
  source: string;
  grantedAt?: string;
}

export interface ConsentRevokeBody {
  token: string;
  brand: string;
  purpose: string;
  reason: string;
}

/** Compliance's consent API (apps/compliance/src/http/consents.controller.ts), with an admin bearer token. */
export class ComplianceConsentsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = CONSENTS_TIMEOUT_MS,
  ) {}

  /** POST /v1/consents -> 201. */
  async grant(body: ConsentGrantBody): Promise<void> {
    const res = await this.send('POST', body);
    if (res.status !== 201)
      throw new Error(`compliance answered ${res.status} to POST /v1/consents: ${await res.text()}`);
  }

  /** DELETE /v1/consents -> 200 { revoked }, or 404 when no active consent matched (nothing to revoke). */
  async revoke(body: ConsentRevokeBody): Promise<number> {
    const res = await this.send('DELETE', body);
    if (res.status === 404) return 0;
    if (res.status !== 200)
      throw new Error(`compliance answered ${res.status} to DELETE /v1/consents: ${await res.text()}`);
    const answer = (await res.json()) as { revoked?: unknown[] };
    return Array.isArray(answer.revoked) ? answer.revoked.length : 0;
  }

  private send(method: 'POST' | 'DELETE', body: object): Promise<Response> {
    return fetch(`${this.baseUrl.replace(/\/+$/, '')}/v1/consents`, {
      method,
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
    });
  }
}
