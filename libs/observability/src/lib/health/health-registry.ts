export interface ReadinessCheck {
  name: string;
  /** Resolves true when ready; a thrown error counts as not ready and its message is reported. */
  check(): Promise<boolean>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

/**
 * Modules register what "ready" means for them (broker, consumer group, database). A result is
 * reused for `cacheMs` and concurrent callers share one run: probes and scrapers polling
 * /health/ready cost one round of checks (one `SELECT 1`) per interval, not one per call.
 */
export class HealthRegistry {
  private readonly checks: ReadinessCheck[] = [];
  private last?: { at: number; report: Promise<ReadinessReport> };

  constructor(
    private readonly cacheMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  readiness(timeoutMs = 2000): Promise<ReadinessReport> {
    const at = this.now();
    if (this.last !== undefined && at - this.last.at < this.cacheMs) return this.last.report;
    const report = this.runAll(timeoutMs);
    this.last = { at, report };
    return report;
  }

  private async runAll(timeoutMs: number): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map((c) => this.run(c, timeoutMs)));
    const checks: ReadinessReport['checks'] = {};
    results.forEach((r, i) => (checks[this.checks[i].name] = r));
    return { ready: results.every((r) => r.ok), checks };
  }

  private async run(c: ReadinessCheck, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const ok = await Promise.race([c.check(), timeout]);
      return ok ? { ok } : { ok, error: 'not ready' };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
