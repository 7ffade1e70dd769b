import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, canChange, ErrorBox, useChange, type Operator } from './api';

interface OptState {
  brand: string;
  optedOut: boolean;
  source?: string;
  at?: string;
  actor?: string | null;
  reason?: string | null;
}
interface AuditEntry {
  brand: string;
  action: string;
  source: string;
  actor?: string | null;
  reason?: string | null;
  at: string;
}
interface Consent {
  id: string;
  brand: string;
  purpose: string;
  legalBasis: string;
  source: string;
  grantedAt: string;
  revokedAt?: string | null;
  recordedBy?: string;
  revokedBy?: string | null;
}
interface Lookup {
  recipientToken: string;
  states: OptState[];
  audit: AuditEntry[];
  consents: Consent[];
}

const form = (e: FormEvent<HTMLFormElement>) =>
  Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;

/** One number's opt-outs (per brand), their history with sources and actors, and its consents. */
export function RecipientsView({ me }: { me: Operator }) {
  const [phone, setPhone] = useState('');
  const lookup = useQuery({
    queryKey: ['recipient', phone],
    queryFn: () => api<Lookup>('GET', `/api/recipients?phone=${encodeURIComponent(phone)}`),
    enabled: phone !== '',
  });
  const optChange = useChange<Record<string, string>>('POST', () => '/api/recipients/optouts');
  const grant = useChange<Record<string, string>>('POST', () => '/api/recipients/consents');
  const revoke = useChange<Record<string, string>>('POST', () => '/api/recipients/consents/revoke');
  const writable = canChange(me);
  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">Opt-outs and consents</h2>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPhone(form(e).phone.trim() || ' ');
        }}
      >
        <label>
          Phone number
          <input name="phone" placeholder="+33612345678" />
        </label>
        <button type="submit">Look up</button>
      </form>
      <ErrorBox error={lookup.error} />
      {lookup.data && (
        <>
          <p className="hint">
            Recipient token <code>{lookup.data.recipientToken}</code>
          </p>
          <div className="columns">
            <article className="card">
              <h3>Opt-out state per brand</h3>
              <table aria-label="Opt-out states">
                <thead>
                  <tr>
                    <th>Brand</th>
                    <th>State</th>
                    <th>Source</th>
                    <th>Since</th>
                    <th>By</th>
                  </tr>
                </thead>
                <tbody>
                  {lookup.data.states.length === 0 && (
                    <tr>
                      <td colSpan={5}>No opt-out recorded.</td>
                    </tr>
                  )}
                  {lookup.data.states.map((s) => (
                    <tr key={s.brand}>
                      <td>{s.brand}</td>
                      <td data-testid={`optout-${s.brand}`}>{s.optedOut ? 'opted out' : 'opted in'}</td>
                      <td>{s.source ?? ''}</td>
                      <td>{s.at ?? ''}</td>
                      <td>{s.actor ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {writable && (
                <form
                  className="stack"
                  aria-label="Change opt-out"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const f = form(e);
                    optChange.mutate({ phone, brand: f.brand, action: f.action, reason: f.reason });
                  }}
                >
                  <label>
                    Brand (* for every brand)
                    <input name="brand" placeholder="acme-bank" />
                  </label>
                  <label>
                    Change
                    <select name="action" defaultValue="opt_out">
                      <option value="opt_out">Opt out</option>
                      <option value="opt_in">Opt back in</option>
                    </select>
                  </label>
                  <label>
                    Reason
                    <input name="reason" placeholder="customer asked by phone" />
                  </label>
                  <button type="submit">Apply</button>
                  <ErrorBox error={optChange.error} />
                  {optChange.isSuccess && <p role="status">Recorded.</p>}
                </form>
              )}
            </article>
            <article className="card">
              <h3>History</h3>
              <table aria-label="Opt-out history">
                <thead>
                  <tr>
                    <th>At</th>
                    <th>Brand</th>
                    <th>Action</th>
                    <th>Source</th>
                    <th>By</th>
                    <th>Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {lookup.data.audit.map((a, i) => (
                    <tr key={i}>
                      <td>{a.at}</td>
                      <td>{a.brand}</td>
                      <td>{a.action}</td>
                      <td>{a.source}</td>
                      <td>{a.actor ?? ''}</td>
                      <td>{a.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          </div>
          <article className="card">
            <h3>Consents</h3>
            <table aria-label="Consents">
              <thead>
                <tr>
                  <th>Brand</th>
                  <th>Purpose</th>
                  <th>Legal basis</th>
                  <th>Source</th>
                  <th>Granted</th>
                  <th>Revoked</th>
                </tr>
              </thead>
              <tbody>
                {lookup.data.consents.map((c) => (
                  <tr key={c.id}>
                    <td>{c.brand}</td>
                    <td>{c.purpose}</td>
                    <td>{c.legalBasis}</td>
                    <td>{c.source}</td>
                    <td>
                      {c.grantedAt} {c.recordedBy ? `by ${c.recordedBy}` : ''}
                    </td>
                    <td>{c.revokedAt ? `${c.revokedAt} by ${c.revokedBy ?? '?'}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {writable && (
              <div className="columns">
                <form
                  className="stack"
                  aria-label="Grant consent"
                  onSubmit={(e) => {
                    e.preventDefault();
                    grant.mutate({ phone, ...form(e) });
                  }}
                >
                  <label>
                    Brand
                    <input name="brand" />
                  </label>
                  <label>
                    Purpose
                    <input name="purpose" placeholder="marketing" />
                  </label>
                  <label>
                    Legal basis
                    <select name="legalBasis" defaultValue="consent">
                      {[
                        'consent',
                        'contract',
                        'legal_obligation',
                        'vital_interests',
                        'public_task',
                        'legitimate_interests',
                      ].map((b) => (
                        <option key={b}>{b}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Source
                    <input name="source" placeholder="checkout-form" />
                  </label>
                  <button type="submit">Grant consent</button>
                  <ErrorBox error={grant.error} />
                </form>
                <form
                  className="stack"
                  aria-label="Revoke consent"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const f = form(e);
                    revoke.mutate({
                      phone,
                      brand: f.brand,
                      reason: f.reason,
                      ...(f.purpose ? { purpose: f.purpose } : {}),
                    });
                  }}
                >
                  <label>
                    Brand
                    <input name="brand" />
                  </label>
                  <label>
                    Purpose (empty: every purpose)
                    <input name="purpose" />
                  </label>
                  <label>
                    Reason
                    <input name="reason" />
                  </label>
                  <button type="submit">Revoke consent</button>
                  <ErrorBox error={revoke.error} />
                </form>
              </div>
            )}
          </article>
        </>
      )}
      {!writable && <p className="hint">Your role ({me.role}) can look up but not change.</p>}
    </section>
  );
}
