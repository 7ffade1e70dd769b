import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withDbErrors } from '@herald/persistence';

/** The `processes` table: which dispatch processes (ledger owners) are alive, by their last heartbeat. */
@Injectable()
export class ProcessRegistry {
  constructor(private readonly ds: DataSource) {}

  /** This process is alive now (its row is inserted on the first beat). */
  async beat(owner: string): Promise<void> {
    await this.run(
      `INSERT INTO processes (owner) VALUES ($1::uuid) ON CONFLICT (owner) DO UPDATE SET seen_at = now()`,
      [owner],
    );
  }

  /** A clean stop: its rows are settled or given back, nothing of it is left to reconcile. */
  async leave(owner: string): Promise<void> {
    await this.run(`DELETE FROM processes WHERE owner = $1::uuid`, [owner]);
  }

  private run(sql: string, params: unknown[]): Promise<unknown> {
    return withDbErrors('process registry', () => this.ds.query(sql, params));
  }
}
