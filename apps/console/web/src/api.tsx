import { useMutation, useQueryClient } from '@tanstack/react-query';

export interface FieldReason {
  field: string;
  reason: string;
}

/** A 4xx/5xx of the console's backend: its message and field reasons, shown as they are. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldReason[],
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, json?.message ?? `HTTP ${res.status}`, json?.fields ?? []);
  return json as T;
}

/** A change; every query is refetched after it succeeds. */
export function useChange<TBody, TResult = unknown>(method: string, path: (b: TBody) => string) {
  const qc = useQueryClient();
  return useMutation<TResult, ApiError, TBody>({
    mutationFn: (b) => api<TResult>(method, path(b), b),
    onSuccess: () => void qc.invalidateQueries(),
  });
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error as ApiError;
  return (
    <div role="alert" className="error">
      <strong>{e.message}</strong>
      {e.fields?.length ? (
        <ul>
          {e.fields.map((f) => (
            <li key={f.field + f.reason}>
              <code>{f.field}</code>: {f.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export interface Operator {
  name: string;
  role: 'viewer' | 'operator' | 'admin';
}

export const canChange = (op: Operator) => op.role !== 'viewer';
