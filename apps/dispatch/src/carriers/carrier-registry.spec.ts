import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchConfig } from '../dispatch.config';
import { loadCarriers } from './carrier-registry';

const carrier = {
  id: 'sim',
  type: 'smpp',
  host: '127.0.0.1',
  port: 2775,
  systemId: 'herald',
  windowSize: 10,
  mpsSegments: 0,
  countries: '*',
  priority: 1,
};

function carriersFile(carriers: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'carriers-')), 'carriers.v1.json');
  writeFileSync(file, JSON.stringify({ carriers }));
  return file;
}

const config = (file: string, secrets: Partial<DispatchConfig> = {}) =>
  Object.assign(new DispatchConfig(), { DISPATCH_CARRIERS_FILE: file, ...secrets });

describe('loadCarriers', () => {
  it('reads the carriers with the secret each one names', () => {
    const file = carriersFile([{ ...carrier, passwordEnv: 'DISPATCH_SMPP_PASSWORD' }]);
    expect(loadCarriers(config(file, { DISPATCH_SMPP_PASSWORD: 'pw' })).map((c) => c.id)).toEqual(['sim']);
  });

  it('reads a CARRIER_* secret from the environment', () => {
    const file = carriersFile([{ ...carrier, passwordEnv: 'CARRIER_SIM_PASSWORD' }]);
    expect(loadCarriers(config(file), { CARRIER_SIM_PASSWORD: 'pw' }).map((c) => c.id)).toEqual(['sim']);
    expect(() => loadCarriers(config(file), {})).toThrow(
      /carriers\[0\]\.passwordEnv: CARRIER_SIM_PASSWORD is not set$/,
    );
  });

  it('refuses a secret name that is neither a dispatch secret key nor CARRIER_*, or one that is not set, as a problem of the file', () => {
    const unknown = carriersFile([carrier, { ...carrier, id: 'b', passwordEnv: 'DATABASE_URL' }]);
    expect(() => loadCarriers(config(unknown), { DATABASE_URL: 'postgres://x' })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(
          /^invalid configuration: DISPATCH_CARRIERS_FILE: .*carriers\.v1\.json: carriers\[1\]\.passwordEnv: DATABASE_URL is not a carrier secret name \(DISPATCH_SMPP_PASSWORD, .* or CARRIER_\*\)/,
        ),
      }),
    );
    const unset = carriersFile([{ ...carrier, passwordEnv: 'DISPATCH_SMPP_PASSWORD' }]);
    expect(() => loadCarriers(config(unset, { DISPATCH_SMPP_PASSWORD: '' }))).toThrow(
      /carriers\[0\]\.passwordEnv: DISPATCH_SMPP_PASSWORD is not set$/,
    );
  });
});
