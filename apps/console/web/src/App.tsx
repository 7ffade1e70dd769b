import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ErrorBox, type Operator } from './api';
import { MessagesView } from './MessagesView';
import { RecipientsView } from './RecipientsView';
import { TemplatesView } from './TemplatesView';
import { DeadLettersView } from './DeadLettersView';
import { HealthView } from './HealthView';
import { OperatorsView } from './OperatorsView';

const VIEWS = [
  { id: 'messages', label: 'Messages' },
  { id: 'templates', label: 'Templates' },
  { id: 'recipients', label: 'Opt-outs & consents' },
  { id: 'dead-letters', label: 'Dead letters' },
  { id: 'health', label: 'Pipeline health' },
  { id: 'operators', label: 'Audit & operators' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

const viewOfHash = (): ViewId => VIEWS.find((v) => `#${v.id}` === window.location.hash)?.id ?? 'messages';

export function App() {
  const session = useQuery({ queryKey: ['session'], queryFn: () => api<Operator>('GET', '/api/session') });
  const [view, setView] = useState<ViewId>(viewOfHash);
  useEffect(() => {
    const onHash = () => setView(viewOfHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const qc = useQueryClient();
  if (session.isPending) return <p className="loading">Loading…</p>;
  if (!session.data) return <SignIn />;
  const me = session.data;
  const signOut = async () => {
    await api('DELETE', '/api/session');
    qc.clear();
    await qc.invalidateQueries();
  };
  return (
    <div className="shell">
      <header>
        <h1>Herald console</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v.id} href={`#${v.id}`} aria-current={v.id === view ? 'page' : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
        <div className="me">
          <span data-testid="operator">
            {me.name} ({me.role})
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        {view === 'messages' && <MessagesView />}
        {view === 'templates' && <TemplatesView me={me} />}
        {view === 'recipients' && <RecipientsView me={me} />}
        {view === 'dead-letters' && <DeadLettersView me={me} />}
        {view === 'health' && <HealthView />}
        {view === 'operators' && <OperatorsView me={me} />}
      </main>
    </div>
  );
}

function SignIn() {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      await api('POST', '/api/session', { name: form.get('name'), password: form.get('password') });
      setError(undefined);
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err), []));
    }
  };
  return (
    <main className="sign-in">
      <h1>Herald console</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Operator
          <input name="name" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Sign in</button>
        <ErrorBox error={error} />
      </form>
    </main>
  );
}
