import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ErrorBox } from './api';

interface TimelineEntry {
  kind: string;
  state?: string;
  previousState?: string;
  applied: boolean;
  ignoredReason?: string;
  rawStatus?: string;
  rawErrorCode?: string;
  reasonCode?: string;
  reason?: string;
  carrierId?: string;
  source: string;
  occurredAt: string;
  recordedAt: string;
}

interface Message {
  messageId: string;
  state: string;
  isFinal: boolean;
  reasonCode?: string;
  reason?: string;
  templateKey?: string;
  brand?: string;
  segments?: number;
  encoding?: string;
  carrierId?: string;
  country?: string;
  createdAt?: string;
  timeline?: TimelineEntry[];
}

/** Search by message id, event id or phone number; a chosen message shows its whole timeline. */
export function MessagesView() {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string>();
  const search = useQuery({
    queryKey: ['messages', q],
    queryFn: () => api<{ by: string; messages: Message[] }>('GET', `/api/messages?q=${encodeURIComponent(q)}`),
    enabled: q !== '',
  });
  const detail = useQuery({
    queryKey: ['message', chosen],
    queryFn: () => api<Message>('GET', `/api/messages/${chosen}`),
    enabled: !!chosen,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setChosen(undefined);
    setQ(String(new FormData(e.currentTarget).get('q') ?? '').trim() || ' ');
  };
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">Messages</h2>
      <form className="row" onSubmit={submit} role="search">
        <label>
          Message id, event id or phone number
          <input name="q" size={44} placeholder="e.g. 6f1c… or +33612345678" />
        </label>
        <button type="submit">Search</button>
        <button type="button" onClick={() => search.refetch()} disabled={!q}>
          Refresh
        </button>
      </form>
      <p className="hint">
        A phone number is turned into its recipient token by the console; it is never stored or logged.
      </p>
      <ErrorBox error={search.error} />
      {search.data && (
        <table aria-label="Messages found">
          <thead>
            <tr>
              <th>Message</th>
              <th>State</th>
              <th>Reason</th>
              <th>Template</th>
              <th>Segments</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {search.data.messages.length === 0 && (
              <tr>
                <td colSpan={6}>No message found by {search.data.by}.</td>
              </tr>
            )}
            {search.data.messages.map((m) => (
              <tr key={m.messageId}>
                <td>
                  <button type="button" className="link" onClick={() => setChosen(m.messageId)}>
                    {m.messageId}
                  </button>
                </td>
                <td data-testid="message-state">{m.state}</td>
                <td>{m.reasonCode ?? ''}</td>
                <td>{m.templateKey ?? ''}</td>
                <td>{m.segments ?? ''}</td>
                <td>{m.createdAt ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {search.data?.by === 'messageId' && !chosen && search.data.messages[0] && (
        <Timeline message={search.data.messages[0]} />
      )}
      <ErrorBox error={detail.error} />
      {detail.data && <Timeline message={detail.data} />}
    </section>
  );
}

function Timeline({ message }: { message: Message }) {
  return (
    <article className="card" aria-label="Message detail">
      <h3>
        {message.messageId}{' '}
        <span className={`state state-${message.state}`} data-testid="final-state">
          {message.state}
        </span>
      </h3>
      <p>
        {message.isFinal ? 'final' : 'in flight'} · encoding {message.encoding ?? '?'} · {message.segments ?? '?'}{' '}
        segment(s) · carrier {message.carrierId ?? '—'}
        {message.reasonCode ? ` · ${message.reasonCode}: ${message.reason ?? ''}` : ''}
      </p>
      <table aria-label="Timeline">
        <thead>
          <tr>
            <th>Occurred</th>
            <th>Kind</th>
            <th>State</th>
            <th>Raw carrier state</th>
            <th>Reason</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {(message.timeline ?? []).map((t, i) => (
            <tr key={i} className={t.applied ? '' : 'ignored'}>
              <td>{t.occurredAt}</td>
              <td>{t.kind}</td>
              <td>
                {t.previousState ? `${t.previousState} → ` : ''}
                {t.state ?? ''}
                {t.applied ? '' : ` (ignored: ${t.ignoredReason ?? ''})`}
              </td>
              <td>{[t.rawStatus, t.rawErrorCode].filter(Boolean).join(' / ')}</td>
              <td>{t.reasonCode ? `${t.reasonCode}${t.reason ? `: ${t.reason}` : ''}` : ''}</td>
              <td>{t.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
