import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { httpError } from './errors';

export type Service = 'templating' | 'compliance' | 'receipts';

/**
 * The services' admin APIs with the console's credentials, which never reach the browser. A 4xx of
 * a service is relayed as it is (its field reasons included); an unreachable service or a 5xx is a 502.
 * `operator` travels as X-Herald-Operator, recorded as the actor by the services that keep an audit trail.
 */
@Injectable()
export class ServiceClient {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  async call<T>(service: Service, method: string, path: string, body?: unknown, operator?: string): Promise<T> {
    const { status, json } = await this.raw(service, method, path, body, operator);
    if (status >= 400 && status < 500) {
      const e = (json ?? {}) as { error?: string; message?: string; fields?: Array<{ field: string; reason: string }> };
      throw httpError(
        status,
        e.error ?? 'UPSTREAM_REJECTED',
        e.message ?? `${service} answered ${status}`,
        e.fields ?? [],
      );
    }
    if (status >= 500) throw httpError(502, 'UPSTREAM_FAILED', `${service} answered ${status}`);
    return json as T;
  }

  /** Status and body without relaying: for a caller that reads a 404 as "not this kind of id". */
  async raw(
    service: Service,
    method: string,
    path: string,
    body?: unknown,
    operator?: string,
  ): Promise<{ status: number; json: unknown }> {
    const target = this.config[service];
    const secret = 'token' in target ? target.token : target.key;
    let res: Response;
    try {
      res = await fetch(`${target.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(operator ? { 'x-herald-operator': operator } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw httpError(502, 'UPSTREAM_UNREACHABLE', `${service} cannot be reached: ${(e as Error).message}`);
    }
    const textBody = await res.text();
    let json: unknown;
    try {
      json = textBody ? JSON.parse(textBody) : undefined;
    } catch {
      json = { message: textBody.slice(0, 200) };
    }
    return { status: res.status, json };
  }
}
