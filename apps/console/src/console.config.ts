import { HeraldError } from '@herald/contracts';

export interface ConsoleConfig {
  port: number;
  databaseUrl: string;
  kafkaBrokers: string[];
  recipientTokenKey: string;
  piiEncryptionKeys: string;
  templating: { url: string; token: string };
  compliance: { url: string; token: string };
  receipts: { url: string; key: string };
  /** service name -> its /metrics URL (management port). */
  metricsTargets: Record<string, string>;
  /** Consumer groups on the lag chart: CONSOLE_LAG_GROUPS, else the services of CONSOLE_METRICS_TARGETS (each consumes as its own name), else every group. */
  lagGroups?: string[];
  prometheusUrl?: string;
  /** Resolution of Prometheus' range queries over the hour. */
  prometheusStepSeconds: number;
  sampleMs: number;
  sessionTtlMinutes: number;
  secureCookie: boolean;
  /** `name:role:password`, created or reset at start (the development login `npm start` prints). */
  bootstrapOperator?: { name: string; role: string; password: string };
  webDir: string;
  logLevel: string;
}

type Env = Record<string, string | undefined>;

function need(env: Env, key: string): string {
  const v = env[key];
  if (!v) throw new HeraldError('CONFIG_INVALID', `${key} is required by the console`);
  return v;
}

/** `name:token,...` -> the first token (COMPLIANCE_ADMIN_TOKENS, RECEIPTS_API_KEYS). */
const firstSecret = (list: string) => {
  const first = list.split(',').filter(Boolean)[0] ?? '';
  return first.slice(first.indexOf(':') + 1);
};

const pairs = (list: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (list ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );

function lagGroupsOf(env: Env): string[] | undefined {
  const listed = (env.CONSOLE_LAG_GROUPS ?? '').split(',').filter(Boolean);
  if (listed.length > 0) return listed;
  const services = Object.keys(pairs(env.CONSOLE_METRICS_TARGETS));
  return services.length > 0 ? services : undefined;
}

export function loadConsoleConfig(env: Env, webDir: string): ConsoleConfig {
  const boot = env.CONSOLE_BOOTSTRAP_OPERATOR?.split(':');
  const sampleMs = Number(env.CONSOLE_SAMPLE_MS ?? 10_000);
  if (!Number.isInteger(sampleMs) || sampleMs < 200)
    throw new HeraldError('CONFIG_INVALID', 'CONSOLE_SAMPLE_MS must be an integer >= 200');
  return {
    port: Number(env.HTTP_PORT ?? 3010),
    databaseUrl: need(env, 'DATABASE_URL'),
    kafkaBrokers: need(env, 'KAFKA_BROKERS').split(','),
    recipientTokenKey: need(env, 'RECIPIENT_TOKEN_KEY'),
    piiEncryptionKeys: need(env, 'PII_ENCRYPTION_KEYS'),
    templating: { url: need(env, 'TEMPLATING_URL'), token: need(env, 'TEMPLATING_ADMIN_TOKEN') },
    compliance: { url: need(env, 'COMPLIANCE_URL'), token: firstSecret(need(env, 'COMPLIANCE_ADMIN_TOKENS')) },
    receipts: { url: need(env, 'RECEIPTS_URL'), key: firstSecret(need(env, 'RECEIPTS_API_KEYS')) },
    metricsTargets: pairs(env.CONSOLE_METRICS_TARGETS),
    lagGroups: lagGroupsOf(env),
    prometheusUrl: env.PROMETHEUS_URL || undefined,
    prometheusStepSeconds: Number(env.CONSOLE_PROMETHEUS_STEP_SECONDS ?? 15),
    sampleMs,
    sessionTtlMinutes: Number(env.CONSOLE_SESSION_TTL_MINUTES ?? 480),
    secureCookie: env.CONSOLE_SECURE_COOKIE === 'true',
    bootstrapOperator:
      boot && boot.length >= 3 ? { name: boot[0], role: boot[1], password: boot.slice(2).join(':') } : undefined,
    webDir,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
