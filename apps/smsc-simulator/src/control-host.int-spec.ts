import { networkInterfaces } from 'node:os';
import { loadSimulatorConfig } from './simulator.config';
import { SmscSimulator } from '@herald/smsc-simulator';

// Issue 19: the control API (behaviour changes, submitted numbers and bodies) listens on loopback
// unless told otherwise, even when SMPP listens on every interface.
describe('simulator control API address', () => {
  let sim: SmscSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('defaults SIM_CONTROL_HOST to 127.0.0.1, independent of SIM_HOST', () => {
    expect(loadSimulatorConfig({ SIM_HOST: '0.0.0.0' }).SIM_CONTROL_HOST).toBe('127.0.0.1');
    expect(loadSimulatorConfig({ SIM_CONTROL_HOST: '0.0.0.0' }).SIM_CONTROL_HOST).toBe('0.0.0.0');
  });

  it('serves SMPP on every interface but the control API on loopback only', async () => {
    sim = new SmscSimulator({ host: '0.0.0.0', smppPort: 0, httpPort: 0, systemId: 'herald', password: 'secret' });
    const { httpPort } = await sim.start();
    expect((await fetch(`http://127.0.0.1:${httpPort}/health`)).status).toBe(200);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) await expect(fetch(`http://${external.address}:${httpPort}/health`)).rejects.toThrow();
  });

  it('binds where it is told to', async () => {
    sim = new SmscSimulator({
      host: '127.0.0.1',
      controlHost: '0.0.0.0',
      smppPort: 0,
      httpPort: 0,
      systemId: 'herald',
      password: 'secret',
    });
    const { httpPort } = await sim.start();
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    const host = external?.address ?? '127.0.0.1';
    expect((await fetch(`http://${host}:${httpPort}/health`)).status).toBe(200);
  });
});
