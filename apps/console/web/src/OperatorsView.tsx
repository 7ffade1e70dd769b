import { useQuery } from '@tanstack/react-query';
import { api, ErrorBox, useChange, type Operator } from './api';

interface AuditEntry {
  at: string;
  operator: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** The console's audit trail for everyone; operator accounts for admins. */
export function OperatorsView({ me }: { me: Operator }) {
  const audit = useQuery({
    queryKey: ['audit'],
    queryFn: () => api<{ entries: AuditEntry[] }>('GET', '/api/operators/audit'),
  });
  const isAdmin = me.role === 'admin';
  const operators = useQuery({
    queryKey: ['operators'],
    queryFn: () => api<{ operators: Array<Operator & { createdAt: string }> }>('GET', '/api/operators'),
    enabled: isAdmin,
  });
  const upsert = useChange<Record<string, string>>('POST', () => '/api/operators');
  return (
    <section aria-labelledby="operators-title">
      <h2 id="operators-title">Audit and operators</h2>
      <div className="columns">
        <article className="card">
          <h3>Audit trail (last 100 changes)</h3>
          <ErrorBox error={audit.error} />
          <table aria-label="Audit trail">
            <thead>
              <tr>
                <th>At</th>
                <th>Operator</th>
                <th>Action</th>
                <th>Target</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {audit.data?.entries.map((e, i) => (
                <tr key={i}>
                  <td>{e.at}</td>
                  <td>{e.operator}</td>
                  <td>{e.action}</td>
                  <td className="wrap">{e.target}</td>
                  <td className="wrap">{JSON.stringify(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
        {isAdmin && (
          <article className="card narrow">
            <h3>Operators</h3>
            <ErrorBox error={operators.error} />
            <table aria-label="Operators">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                </tr>
              </thead>
              <tbody>
                {operators.data?.operators.map((o) => (
                  <tr key={o.name}>
                    <td>{o.name}</td>
                    <td>{o.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <form
              className="stack"
              aria-label="Add or reset an operator"
              onSubmit={(e) => {
                e.preventDefault();
                upsert.mutate(Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>);
              }}
            >
              <label>
                Name
                <input name="name" autoComplete="off" />
              </label>
              <label>
                Role
                <select name="role" defaultValue="viewer">
                  <option>viewer</option>
                  <option>operator</option>
                  <option>admin</option>
                </select>
              </label>
              <label>
                Password (12 characters at least)
                <input name="password" type="password" autoComplete="new-password" />
              </label>
              <button type="submit">Save operator</button>
              <ErrorBox error={upsert.error} />
              {upsert.isSuccess && <p role="status">Saved.</p>}
            </form>
          </article>
        )}
      </div>
    </section>
  );
}
