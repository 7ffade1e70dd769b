import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, ErrorBox } from './api';

interface Series {
  source: 'prometheus' | 'metrics';
  prometheusError?: string;
  latestLag: Record<string, number>;
  points: Array<{
    t: number;
    throughput: Record<string, number>;
    latencyMs: Record<string, number>;
    lag: Record<string, number>;
  }>;
  delivery: { byCountry: Rate[]; byCarrier: Rate[] };
  services: string[];
  groups: string[];
}
interface Rate {
  key: string;
  delivered: number;
  final: number;
  rate: number;
}

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#6e7781'];
const time = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function Lines({
  title,
  points,
  names,
  pick,
  unit,
}: {
  title: string;
  points: Series['points'];
  names: string[];
  pick: (p: Series['points'][number]) => Record<string, number>;
  unit: string;
}) {
  const data = points.map((p) => ({ t: p.t, ...pick(p) }));
  return (
    <figure className="card chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={190}>
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={time} minTickGap={40} />
          <YAxis unit={unit} width={70} />
          <Tooltip labelFormatter={(t) => time(Number(t))} />
          <Legend />
          {names.map((n, i) => (
            <Line
              key={n}
              dataKey={n}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

function Rates({ title, rows }: { title: string; rows: Rate[] }) {
  return (
    <figure className="card chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={190}>
        <BarChart data={rows.map((r) => ({ ...r, percent: Math.round(r.rate * 1000) / 10 }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="key" />
          <YAxis unit="%" domain={[0, 100]} width={50} />
          <Tooltip />
          <Bar dataKey="percent" name="delivered %" fill="#1a7f37" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The last hour from the services' own /metrics and the broker's consumer group offsets. */
export function HealthView() {
  const q = useQuery({
    queryKey: ['pipeline-health'],
    queryFn: () => api<Series>('GET', '/api/pipeline-health'),
    refetchInterval: 2000,
  });
  const s = q.data;
  const last = s?.points[s.points.length - 1];
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">Pipeline health (last hour)</h2>
      <ErrorBox error={q.error} />
      {s && (
        <p className="hint" data-testid="health-source">
          {s.source === 'prometheus'
            ? 'Throughput, latency and delivery rates from Prometheus'
            : "Throughput, latency and delivery rates from the services' /metrics, sampled by the console"}
          ; consumer lag from the broker's group offsets.
          {s.prometheusError ? ` Prometheus not used: ${s.prometheusError}` : ''}
        </p>
      )}
      {s && (
        <>
          <div className="grid">
            <Lines
              title="Consumer lag per group (records)"
              points={s.points}
              names={s.groups}
              pick={(p) => p.lag}
              unit=""
            />
            <Lines
              title="Throughput (records consumed/s)"
              points={s.points}
              names={s.services}
              pick={(p) => p.throughput}
              unit="/s"
            />
            <Lines
              title="Stage latency (average, ms)"
              points={s.points}
              names={s.services}
              pick={(p) => p.latencyMs}
              unit="ms"
            />
            <Rates title="Delivery rate by country" rows={s.delivery.byCountry} />
            <Rates title="Delivery rate by carrier" rows={s.delivery.byCarrier} />
          </div>
          <table aria-label="Latest consumer lag">
            <caption>Latest sample {last ? time(last.t) : '—'}</caption>
            <thead>
              <tr>
                <th>Group</th>
                <th>Lag (records)</th>
              </tr>
            </thead>
            <tbody>
              {s.groups.map((g) => (
                <tr key={g}>
                  <td>{g}</td>
                  <td data-testid={`lag-${g}`}>{s.latestLag[g] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
