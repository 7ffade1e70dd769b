import { ServiceConfigOf } from './config-keys';
import { ServiceTopology } from './service-topology';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const platform = require('@herald/platform/services.js') as {
  SERVICES: Array<{ name: string; port: number; mgmtPort?: number }>;
  servicesAt(offset: number): Array<{ name: string; port: number; mgmtPort?: number }>;
  portsAt(offset: number): number[];
};

describe('service ports: config defaults, the local platform and the deploy topology agree', () => {
  it.each(ServiceTopology.map((s) => [s.name, s] as const))('%s: HTTP_PORT and MGMT_PORT', (name, s) => {
    const defaults = new ServiceConfigOf[name]() as { HTTP_PORT: number; MGMT_PORT: number };
    expect({ http: defaults.HTTP_PORT, mgmt: defaults.MGMT_PORT }).toEqual({ http: s.port, mgmt: s.mgmtPort });
    expect(platform.SERVICES.find((x) => x.name === name)).toMatchObject({ port: s.port, mgmtPort: s.mgmtPort });
  });

  it('no two listeners of a local Herald share a port, and an offset moves the management ports too', () => {
    const ports = platform.portsAt(0);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports).toEqual(expect.arrayContaining(ServiceTopology.map((s) => s.mgmtPort)));
    const moved = platform.servicesAt(500).filter((s) => s.mgmtPort !== undefined);
    expect(moved.map((s) => s.mgmtPort)).toEqual(ServiceTopology.map((s) => s.mgmtPort + 500));
    // Herald's offsets go in steps of 100: one Herald's management ports never land on another's API ports.
    for (const a of [0, 100, 200, 300, 400, 500])
      for (const b of [0, 100, 200, 300, 400, 500]) {
        const api = new Set(platform.servicesAt(a).map((s) => s.port));
        expect(platform.servicesAt(b).filter((s) => s.mgmtPort !== undefined && api.has(s.mgmtPort))).toEqual([]);
      }
  });
});
