import type { MigrationInterface, QueryRunner } from 'typeorm';

// pending_dlrs is a queue (every early DLR is inserted then deleted) and messages is updated two or
// three times per message: vacuum them long before the default 20% of dead rows, and keep the
// planner's statistics fresh so lookups stay index probes.
export class ChurnTableVacuum1767225600001 implements MigrationInterface {
  name = 'ChurnTableVacuum1767225600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE pending_dlrs SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.01)',
    );
    await q.query('ALTER TABLE webhook_replays SET (autovacuum_vacuum_scale_factor = 0.05)');
    await q.query(
      'ALTER TABLE messages SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.02)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE pending_dlrs RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor)',
    );
    await q.query('ALTER TABLE webhook_replays RESET (autovacuum_vacuum_scale_factor)');
    await q.query('ALTER TABLE messages RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)');
  }
}
