import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, canChange, ErrorBox, useChange, type Operator } from './api';

interface Template {
  key: string;
  locale: string;
  version: number;
  active: boolean;
  body: string;
  senderProfile: string;
  category: string;
  maxSegments: number;
  variables: Record<string, unknown>;
  transliterate: boolean;
  registeredTemplateId?: string;
  createdAt: string;
  activatedAt?: string;
  createdBy?: string;
  activatedBy?: string;
}
interface Preview {
  problems: Array<{ field: string; reason: string }>;
  preview?: {
    body: string;
    encoding: string;
    segments: number;
    characters: number;
    units: number;
    perSegment: number;
    nonGsmChars: string[];
    transliterated: boolean;
    maxSegments: number;
    withinMaxSegments: boolean;
  };
}

const draftOf = (t: Template, body: string) => ({
  key: t.key,
  locale: t.locale,
  body,
  senderProfile: t.senderProfile,
  category: t.category,
  maxSegments: t.maxSegments,
  variables: t.variables,
  transliterate: t.transliterate,
  ...(t.registeredTemplateId ? { registeredTemplateId: t.registeredTemplateId } : {}),
});

/** Templates per key and locale: edit with a live preview, save a new version, activate a version. */
export function TemplatesView({ me }: { me: Operator }) {
  const list = useQuery({
    queryKey: ['templates'],
    queryFn: () => api<{ templates: Template[] }>('GET', '/api/templates'),
  });
  const [chosen, setChosen] = useState<{ key: string; locale: string; version: number }>();
  const groups = useMemo(() => {
    const m = new Map<string, Template[]>();
    for (const t of list.data?.templates ?? [])
      m.set(`${t.key}/${t.locale}`, [...(m.get(`${t.key}/${t.locale}`) ?? []), t]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [list.data]);
  const versions = chosen
    ? (groups.find(([k]) => k === `${chosen.key}/${chosen.locale}`)?.[1] ?? []).sort((a, b) => b.version - a.version)
    : [];
  const current = versions.find((v) => v.version === chosen?.version);
  return (
    <section aria-labelledby="templates-title">
      <h2 id="templates-title">Templates</h2>
      <ErrorBox error={list.error} />
      <div className="columns templates">
        <nav aria-label="Templates" className="template-list">
          <ul>
            {groups.map(([id, vs]) => {
              const active = vs.find((v) => v.active) ?? vs[0];
              return (
                <li key={id}>
                  <button
                    type="button"
                    className="link"
                    aria-current={chosen && `${chosen.key}/${chosen.locale}` === id ? 'true' : undefined}
                    onClick={() => setChosen({ key: active.key, locale: active.locale, version: active.version })}
                  >
                    {id}
                  </button>{' '}
                  <small>
                    v{active.version}
                    {active.active ? '' : ' (none active)'}
                  </small>
                </li>
              );
            })}
          </ul>
        </nav>
        {current && (
          <Editor
            key={`${current.key}/${current.locale}/${current.version}`}
            template={current}
            versions={versions}
            me={me}
            onPick={(version) => setChosen({ key: current.key, locale: current.locale, version })}
          />
        )}
      </div>
    </section>
  );
}

function Editor({
  template,
  versions,
  me,
  onPick,
}: {
  template: Template;
  versions: Template[];
  me: Operator;
  onPick: (version: number) => void;
}) {
  const [body, setBody] = useState(template.body);
  const [debounced, setDebounced] = useState(body);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(body), 250);
    return () => clearTimeout(t);
  }, [body]);
  const preview = useQuery({
    queryKey: ['preview', template.key, template.locale, template.version, debounced],
    queryFn: () => api<Preview>('POST', '/api/templates/preview', draftOf(template, debounced)),
  });
  const save = useChange<Record<string, unknown>, { template: Template }>('POST', () => '/api/templates');
  const activate = useChange<{ version: number }>(
    'POST',
    () => `/api/templates/${template.key}/${template.locale}/activate`,
  );
  const writable = canChange(me);
  const p = preview.data?.preview;
  return (
    <div className="editor">
      <article className="card">
        <h3>
          {template.key}/{template.locale} v{template.version}{' '}
          {template.active ? <span className="state state-delivered">active</span> : null}
        </h3>
        <label className="stack">
          Body
          <textarea
            aria-label="Template body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={6}
            readOnly={!writable}
          />
        </label>
        <p className="hint">
          {template.category} · sender {template.senderProfile} · at most {template.maxSegments} segment(s) · variables{' '}
          {Object.keys(template.variables).join(', ') || 'none'}
        </p>
        {writable && (
          <button
            type="button"
            onClick={() =>
              save.mutate({ ...draftOf(template, body) }, { onSuccess: (r) => onPick(r.template.version) })
            }
            disabled={body === template.body}
          >
            Save as a new version
          </button>
        )}
        <ErrorBox error={save.error} />
      </article>
      <article className="card" aria-label="Preview">
        <h3>Preview</h3>
        <ErrorBox error={preview.error} />
        {p && (
          <>
            <p className="preview-body">{highlight(p.body, p.nonGsmChars)}</p>
            <dl className="inline">
              <dt>Encoding</dt>
              <dd data-testid="preview-encoding">
                {p.encoding === 'UCS2' ? 'UCS-2' : p.encoding === 'GSM7' ? 'GSM-7' : p.encoding}
              </dd>
              <dt>Segments</dt>
              <dd data-testid="preview-segments" className={p.withinMaxSegments ? '' : 'bad'}>
                {p.segments}
              </dd>
              <dt>Characters</dt>
              <dd>{p.characters}</dd>
              <dt>Per segment</dt>
              <dd>{p.perSegment}</dd>
            </dl>
            {p.nonGsmChars.length > 0 && (
              <p>
                Forcing UCS-2:{' '}
                {p.nonGsmChars.map((c) => (
                  <mark key={c}>{c}</mark>
                ))}
              </p>
            )}
            {p.transliterated && <p className="hint">Some characters were transliterated to stay in GSM-7.</p>}
          </>
        )}
        {preview.data && preview.data.problems.length > 0 && (
          <div role="alert" className="warning" data-testid="lint">
            <strong>Lint</strong>
            <ul>
              {preview.data.problems.map((pr, i) => (
                <li key={i}>
                  <code>{pr.field}</code>: {pr.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </article>
      <article className="card">
        <h3>Versions</h3>
        <table aria-label="Versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Saved</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>
                  <button type="button" className="link" onClick={() => onPick(v.version)}>
                    v{v.version}
                  </button>
                </td>
                <td>
                  {v.createdAt}
                  {v.createdBy ? ` by ${v.createdBy}` : ''}
                </td>
                <td>
                  {v.active
                    ? `active${v.activatedAt ? ` since ${v.activatedAt}` : ''}${v.activatedBy ? ` by ${v.activatedBy}` : ''}`
                    : ''}
                </td>
                <td>
                  {writable && !v.active && (
                    <button type="button" onClick={() => activate.mutate({ version: v.version })}>
                      Activate v{v.version}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorBox error={activate.error} />
      </article>
    </div>
  );
}

/** The body with every character that forces UCS-2 marked. */
function highlight(body: string, nonGsm: string[]) {
  if (nonGsm.length === 0) return body;
  const set = new Set(nonGsm);
  return Array.from(body).map((c, i) => (set.has(c) ? <mark key={i}>{c}</mark> : c));
}
