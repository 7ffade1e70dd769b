import type { ReadinessReport } from '../health/health-registry';

export interface ReadinessBody {
  ready: boolean;
  checks: Record<string, { ok: boolean }>;
}

/**
 * Which checks pass, never why one fails: a failure's message names broker and database
 * addresses, and this answers whoever can reach the management port (issue 19).
 */
export function readinessBody(report: ReadinessReport): ReadinessBody {
  const checks = Object.fromEntries(Object.entries(report.checks).map(([name, c]) => [name, { ok: c.ok }]));
  return { ready: report.ready, checks };
}
