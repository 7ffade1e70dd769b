import { expectFlags, requiredFlag, stringFlag, UsageError, type ParsedArgs } from './cli-args';
import { complianceToken, type HeraldCliConfig } from './cli-config';

export interface HttpCall {
  method: 'POST' | 'DELETE';
  url: string;
  token: string;
  body: Record<string, unknown>;
}

/** `optout add|remove --phone <E.164> --brand <brand> [--reason]` -> compliance's admin API. */
export function optoutCall(args: ParsedArgs, config: HeraldCliConfig): HttpCall {
  expectFlags(args, ['phone', 'token', 'brand', 'reason']);
  const action = args.positionals[1];
  if (action !== 'add' && action !== 'remove')
    throw new UsageError('usage: herald optout add|remove --phone <E.164> --brand <brand> [--reason <text>]');
  const phone = stringFlag(args, 'phone');
  const recipientToken = stringFlag(args, 'token');
  if (!phone === !recipientToken)
    throw new UsageError('give exactly one of --phone <E.164> or --token <recipient token>');
  const token = complianceToken(config);
  if (!token)
    throw new UsageError(
      'set COMPLIANCE_ADMIN_TOKEN (or COMPLIANCE_ADMIN_TOKENS name:token) to call the compliance admin API',
    );
  const body: Record<string, unknown> = { brand: requiredFlag(args, 'brand') };
  if (phone) body['phone'] = phone;
  if (recipientToken) body['token'] = recipientToken;
  const reason = stringFlag(args, 'reason');
  if (reason) body['reason'] = reason;
  return { method: action === 'add' ? 'POST' : 'DELETE', url: `${config.COMPLIANCE_URL}/v1/optouts`, token, body };
}

/** `template preview <key> --locale fr [--vars '{...}'] [--version n] [--timezone Europe/Paris]`. */
export function previewCall(args: ParsedArgs, config: HeraldCliConfig): HttpCall {
  expectFlags(args, ['locale', 'vars', 'version', 'timezone']);
  const key = args.positionals[2];
  if (args.positionals[1] !== 'preview' || !key)
    throw new UsageError(
      'usage: herald template preview <key> --locale fr [--vars \'{"customer":{"firstName":"Ana"}}\']',
    );
  if (!config.TEMPLATING_ADMIN_TOKEN)
    throw new UsageError('set TEMPLATING_ADMIN_TOKEN to call the templating admin API');
  const body: Record<string, unknown> = { locale: requiredFlag(args, 'locale') };
  const vars = stringFlag(args, 'vars');
  if (vars !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(vars);
    } catch (e) {
      throw new UsageError(`--vars must be a JSON object: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new UsageError('--vars must be a JSON object');
    body['variables'] = parsed;
  }
  const version = stringFlag(args, 'version');
  if (version !== undefined) {
    if (!/^[1-9]\d*$/.test(version)) throw new UsageError('--version must be a positive integer');
    body['version'] = Number(version);
  }
  const timezone = stringFlag(args, 'timezone');
  if (timezone) body['timezone'] = timezone;
  return {
    method: 'POST',
    url: `${config.TEMPLATING_URL}/v1/templates/${encodeURIComponent(key)}/preview`,
    token: config.TEMPLATING_ADMIN_TOKEN,
    body,
  };
}

export interface HttpResult {
  status: number;
  body: unknown;
}

export async function send(call: HttpCall, fetchFn: typeof fetch = fetch): Promise<HttpResult> {
  let res: Response;
  try {
    res = await fetchFn(call.url, {
      method: call.method,
      headers: { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new UsageError(`cannot reach ${new URL(call.url).origin}: ${(e as Error).message} (is the service running?)`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}
