export interface ReadinessCheck {
  name: string;
  /** Resolves true when ready; a thrown error counts as not ready and its message is reported. */
  check(): Promise<boolean>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

/** Modules register what "ready" means for them (broker, consumer group, database). */
export class HealthRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async readiness(timeoutMs = 2000): Promise<ReadinessReport> {
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
