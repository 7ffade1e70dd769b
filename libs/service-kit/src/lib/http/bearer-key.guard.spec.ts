import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from './api-error';
import { BearerKeyGuard, type BearerKeys, type KeyedRequest } from './bearer-key.guard';
import { StaticKeyRing } from './static-key-ring';

const KEY = '0123456789abcdef0123';

function contextFor(
  headers: Record<string, string>,
  scope?: string,
): { ctx: ExecutionContext; req: Partial<KeyedRequest> } {
  const req = { headers } as Partial<KeyedRequest>;
  const handler = () => undefined;
  if (scope !== undefined) Reflect.defineMetadata('herald:required-scope', scope, handler);
  const ctx = {
    switchToHttp: () => ({ getRequest: () => req }),
    getHandler: () => handler,
    getClass: () => class {},
  } as unknown as ExecutionContext;
  return { ctx, req };
}

async function answer(
  keys: BearerKeys,
  headers: Record<string, string>,
  scope?: string,
): Promise<[number, string] | string> {
  const { ctx, req } = contextFor(headers, scope);
  try {
    await new BearerKeyGuard(new Reflector(), keys).canActivate(ctx);
    return req.apiKey?.name ?? '?';
  } catch (e) {
    return [(e as ApiError).status, (e as ApiError).body.error];
  }
}

describe('BearerKeyGuard: the same answer for the same situation in every service', () => {
  const ring = StaticKeyRing.parse(`ops:${KEY}`, 'KEYS', ['messages:read']);
  const keys: BearerKeys = { find: (k) => ring.find(k) };

  it.each([
    ['no key', {}, undefined, [401, 'UNAUTHENTICATED']],
    ['an unknown key', { authorization: 'Bearer not-a-key-of-ours' }, undefined, [403, 'FORBIDDEN']],
    ['a key without the scope', { authorization: `Bearer ${KEY}` }, 'admin', [403, 'FORBIDDEN']],
    ['a bearer key in scope', { authorization: `Bearer ${KEY}` }, 'messages:read', 'ops'],
    ['an X-API-Key', { 'x-api-key': KEY }, undefined, 'ops'],
  ])('%s', async (_, headers, scope, expected) => {
    expect(await answer(keys, headers as Record<string, string>, scope)).toEqual(expected);
  });

  it('answers 403 ADMIN_API_DISABLED when the API is off, whatever is sent', async () => {
    const off: BearerKeys = { disabled: () => 'the admin API is disabled', find: () => undefined };
    expect(await answer(off, {})).toEqual([403, 'ADMIN_API_DISABLED']);
    expect(await answer(off, { authorization: `Bearer ${KEY}` })).toEqual([403, 'ADMIN_API_DISABLED']);
  });

  it('counts missing and unknown keys, and lets the service refuse before and after the lookup', async () => {
    const failures: string[] = [];
    const counting: BearerKeys = { ...keys, failed: () => failures.push('x') };
    await answer(counting, {});
    await answer(counting, { authorization: 'Bearer wrong' });
    expect(failures).toHaveLength(2);
    const limited: BearerKeys = {
      ...keys,
      admit: () => Promise.reject(new ApiError(429, 'RATE_LIMITED', 'slow down')),
    };
    expect(await answer(limited, { authorization: `Bearer ${KEY}` })).toEqual([429, 'RATE_LIMITED']);
    const throttled: BearerKeys = {
      ...keys,
      before: () => {
        throw new ApiError(429, 'RATE_LIMITED', 'too many failures');
      },
    };
    expect(await answer(throttled, { authorization: `Bearer ${KEY}` })).toEqual([429, 'RATE_LIMITED']);
  });
});
