import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, canChange, ErrorBox, useChange, type Operator } from './api';

interface DeadLetter {
  at: string;
  code: string;
  message: string;
  service: string;
  failedAt: string;
  original: string;
  key: string | null;
  bytes: number;
  keyId: string | null;
  value: unknown;
}
interface Listing {
  topic: string;
  dlq: string;
  codes: Record<string, number>;
  records: DeadLetter[];
  truncated: boolean;
}
interface Selection {
  code?: string;
  offset?: string;
}
interface ReplayResult {
  summary: string;
  dryRun?: boolean;
  wouldReplay?: number;
  replayed?: number;
}

/** DLQ per topic: reason codes with counts, a record's headers and masked value, replay after a dry run. */
export function DeadLettersView({ me }: { me: Operator }) {
  const topics = useQuery({
    queryKey: ['dlq'],
    queryFn: () => api<{ topics: Array<{ topic: string; dlq: string; records: number }> }>('GET', '/api/dlq'),
  });
  const [topic, setTopic] = useState<string>();
  const listing = useQuery({
    queryKey: ['dlq', topic],
    queryFn: () => api<Listing>('GET', `/api/dlq/${topic}`),
    enabled: !!topic,
  });
  const [shown, setShown] = useState<DeadLetter>();
  const [pending, setPending] = useState<{ sel: Selection; dry: ReplayResult }>();
  const replay = useChange<Selection & { dryRun: boolean }, ReplayResult>('POST', () => `/api/dlq/${topic}/replay`);
  const writable = canChange(me);
  const dryRun = (sel: Selection) =>
    replay.mutate({ ...sel, dryRun: true }, { onSuccess: (dry) => setPending({ sel, dry }) });
  const confirm = () =>
    pending && replay.mutate({ ...pending.sel, dryRun: false }, { onSuccess: () => setPending(undefined) });
  return (
    <section aria-labelledby="dlq-title">
      <h2 id="dlq-title">Dead letters</h2>
      <ErrorBox error={topics.error} />
      <div className="columns dlq">
        <table aria-label="Dead-letter topics">
          <thead>
            <tr>
              <th>Topic</th>
              <th>Records</th>
            </tr>
          </thead>
          <tbody>
            {topics.data?.topics.map((t) => (
              <tr key={t.topic} aria-selected={t.topic === topic}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => (setTopic(t.topic), setShown(undefined), setPending(undefined))}
                  >
                    {t.dlq}
                  </button>
                </td>
                <td data-testid={`dlq-count-${t.topic}`}>{t.records}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <ErrorBox error={listing.error} />
          {listing.data && (
            <article className="card" aria-label={`Dead letters of ${listing.data.topic}`}>
              <h3>{listing.data.dlq}</h3>
              <table aria-label="Reason codes">
                <thead>
                  <tr>
                    <th>Reason code</th>
                    <th>Count</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(listing.data.codes).map(([code, n]) => (
                    <tr key={code}>
                      <td>{code}</td>
                      <td>{n}</td>
                      <td>
                        {writable && (
                          <button type="button" onClick={() => dryRun({ code })}>
                            Replay all {code} (dry run)
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pending && (
                <div role="status" className="confirm">
                  <p data-testid="dry-run">{pending.dry.summary}</p>
                  <button type="button" onClick={confirm} disabled={!pending.dry.wouldReplay}>
                    Replay {pending.dry.wouldReplay} now
                  </button>
                  <button type="button" onClick={() => setPending(undefined)}>
                    Cancel
                  </button>
                </div>
              )}
              {replay.data && !replay.data.dryRun && (
                <p role="status" data-testid="replayed">
                  {replay.data.summary}
                </p>
              )}
              <ErrorBox error={replay.error} />
              <table aria-label="Records">
                <thead>
                  <tr>
                    <th>At</th>
                    <th>Code</th>
                    <th>Service</th>
                    <th>Failed at</th>
                    <th>From</th>
                    <th>Key</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {listing.data.records.map((r) => (
                    <tr key={r.at}>
                      <td>{r.at}</td>
                      <td>{r.code}</td>
                      <td>{r.service}</td>
                      <td>{r.failedAt}</td>
                      <td>{r.original}</td>
                      <td>{r.key ?? ''}</td>
                      <td>
                        <button type="button" onClick={() => setShown(r)}>
                          Details
                        </button>{' '}
                        {writable && (
                          <button type="button" onClick={() => dryRun({ offset: r.at })}>
                            Replay (dry run)
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {listing.data.truncated && (
                <p className="hint">Only the first {listing.data.records.length} records are listed.</p>
              )}
            </article>
          )}
          {shown && (
            <article className="card" aria-label="Dead letter detail">
              <h3>
                {shown.at} · {shown.code}
              </h3>
              <dl>
                <dt>Message</dt>
                <dd>{shown.message}</dd>
                <dt>Service</dt>
                <dd>{shown.service}</dd>
                <dt>Original record</dt>
                <dd>{shown.original}</dd>
                <dt>Key</dt>
                <dd>{shown.key ?? '—'}</dd>
                <dt>Size / encryption</dt>
                <dd>
                  {shown.bytes} B · {shown.keyId ? `encrypted under ${shown.keyId}` : 'clear'}
                </dd>
              </dl>
              <h4>Value (phone numbers and secrets masked)</h4>
              <pre>{typeof shown.value === 'string' ? shown.value : JSON.stringify(shown.value, null, 2)}</pre>
            </article>
          )}
        </div>
      </div>
    </section>
  );
}
