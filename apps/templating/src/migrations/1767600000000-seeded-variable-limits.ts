import type { MigrationInterface, QueryRunner } from 'typeorm';

// Render enforces a variable's declared maxLength, and the seeded order templates declared limits
// tighter than what shops send: a real Colissimo tracking link is 66 characters (limit 60), an
// ISO 8601 time with an offset 25 (limit 20), so those messages failed VARIABLE_INVALID. Seeded
// rows still holding the old limit get the new one (still within their maxSegments); a template
// an operator has edited since (another version, or another limit) is left alone.
const SEEDED: Array<[key: string, variable: string, from: number, to: number]> = [
  ['order.placed', 'trackingUrl', 60, 100],
  ['order.shipped', 'shipment.trackingUrl', 60, 100],
  ['order.shipped', 'shipment.estimatedDelivery', 20, 30],
];

export class SeededVariableLimits1767600000000 implements MigrationInterface {
  name = 'SeededVariableLimits1767600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [key, variable, from, to] of SEEDED) await setLimit(q, key, variable, from, to);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [key, variable, from, to] of SEEDED) await setLimit(q, key, variable, to, from);
  }
}

async function setLimit(q: QueryRunner, key: string, variable: string, from: number, to: number): Promise<void> {
  await q.query(
    `UPDATE templates SET variables = jsonb_set(variables, ARRAY[$2::text, 'maxLength'], to_jsonb($4::int))
      WHERE key = $1 AND version = 1 AND (variables -> $2 ->> 'maxLength')::int = $3`,
    [key, variable, from, to],
  );
}
