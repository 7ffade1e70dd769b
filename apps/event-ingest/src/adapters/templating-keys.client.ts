/** A slow templating must not hold an HTTP request for long: past this, the key goes unchecked. */
export const TEMPLATE_KEYS_TIMEOUT_MS = 2000;

/** GET {templating}/v1/template-keys -> `{ keys: string[] }`: keys with an active template in some locale. */
export async function fetchTemplateKeys(baseUrl: string, timeoutMs = TEMPLATE_KEYS_TIMEOUT_MS): Promise<string[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/v1/template-keys`;
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (res.status !== 200) throw new Error(`templating answered ${res.status} on ${url}`);
  const body = (await res.json()) as { keys?: unknown };
  if (!Array.isArray(body.keys) || !body.keys.every((k) => typeof k === 'string'))
    throw new Error(`templating's ${url} answer has no keys list`);
  return body.keys as string[];
}
