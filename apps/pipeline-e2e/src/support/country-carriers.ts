import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

/** The SMPP accounts of the two-country carriers file: one system id per country, same simulator. */
export const FR_SYSTEM_ID = 'herald';
export const IE_SYSTEM_ID = 'herald-ie';

/**
 * A carriers file with one carrier per country, France and Ireland, each its own bind (system id)
 * on the simulator at `2775 + offset`, so one country's carrier can go down while the other flows.
 * `patch` applies to both (e.g. `{ mpsSegments: 10 }`).
 */
export function countryCarriersFile(offset: number, patch: Record<string, unknown> = {}): string {
  const dir = path.join(root, 'results', 'e2e-logs');
  fs.mkdirSync(dir, { recursive: true });
  const tag = Object.entries(patch)
    .map(([k, v]) => `${k}-${v}`)
    .join('.');
  const file = path.join(dir, `carriers.fr-ie.port-${offset}${tag ? `.${tag}` : ''}.json`);
  const carrier = (id: string, systemId: string, country: string) => ({
    id,
    type: 'smpp',
    host: '127.0.0.1',
    port: 2775 + offset,
    systemId,
    passwordEnv: 'DISPATCH_SMPP_PASSWORD',
    windowSize: 50,
    mpsSegments: 0,
    countries: [country],
    priority: 1,
    concat: 'udh',
    acceptdAs: 'enroute',
    ...patch,
  });
  fs.writeFileSync(
    file,
    JSON.stringify(
      { carriers: [carrier('sim-fr', FR_SYSTEM_ID, 'FR'), carrier('sim-ie', IE_SYSTEM_ID, 'IE')] },
      null,
      2,
    ),
  );
  return file;
}

/** An Irish mobile per index (+353 85 ... ...), in the shipped en-IE locale. */
export function irishCustomer(i: number): { firstName: string; phone: string; locale: string; timezone: string } {
  return {
    firstName: 'Siobhán',
    phone: `+35385${String(1000000 + (i % 8999999)).padStart(7, '0')}`,
    locale: 'en-IE',
    timezone: 'Europe/Dublin',
  };
}
