import { CommandStatus, SmppSession, type DeliverEvent, type SmppConnectOptions } from '@herald/smpp';
import { SmscSimulator } from './smsc-simulator';

interface Stats {
  submits: { total: number };
  binds: { total: number; failed: number; refused: number };
  deliveries: { dlrsHeld: number };
}

// One carrier account of several going down (the fault suite's "one country's carrier refuses
// binds"): its sessions are unbound, its binds refused, the other accounts keep working, and its
// receipts wait for it instead of going to another account.
describe('smsc-simulator: refusing the binds of one system id', () => {
  let sim: SmscSimulator;
  let base: string;
  let port: number;
  const sessions: SmppSession[] = [];

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stats = async () => (await (await fetch(`${base}/stats`)).json()) as Stats;
  const connect = async (systemId: string, received: DeliverEvent[] = []) => {
    const s = new SmppSession();
    sessions.push(s);
    s.on('deliver', (d) => received.push(d));
    s.on('error', () => undefined);
    const options: SmppConnectOptions = { host: '127.0.0.1', port, systemId, password: 'secret', windowSize: 10 };
    await s.connect(options);
    return s;
  };
  const until = async (ok: () => boolean | Promise<boolean>, ms = 5000) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const message = (destination: string) => ({
    source: 'Herald',
    destination,
    shortMessage: Buffer.from('Your order shipped'),
    dataCoding: 0,
    registeredDelivery: 1,
  });

  beforeAll(async () => {
    sim = new SmscSimulator({
      host: '127.0.0.1',
      smppPort: 0,
      httpPort: 0,
      systemId: 'herald-fr, herald-ie',
      password: 'secret',
      behaviour: { dlrDelayMs: 200 },
    });
    const ports = await sim.start();
    port = ports.smppPort;
    base = `http://127.0.0.1:${ports.httpPort}`;
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => (s.isBound ? s.close() : s.destroy('test over'))));
    await sim.stop();
  });

  it('unbinds that account, refuses its binds until cleared, and keeps its receipts for it', async () => {
    const frReceipts: DeliverEvent[] = [];
    const ieReceipts: DeliverEvent[] = [];
    const fr = await connect('herald-fr', frReceipts);
    const ie = await connect('herald-ie', ieReceipts);
    const ieClosed = new Promise<string>((r) => ie.once('closed', ({ reason }) => r(reason)));

    // A submit whose receipt is still due when the account goes down.
    const sent = await ie.submit(message('+353851234567'));
    expect(sent.status).toBe(CommandStatus.ESME_ROK);
    expect((await post('/config', { refuseBinds: ['herald-ie'] })).status).toBe(200);
    await ieClosed;
    expect(fr.isBound).toBe(true);

    await expect(connect('herald-ie')).rejects.toMatchObject({ code: 'BIND_FAILED' });
    expect((await fr.submit(message('+33612345678'))).status).toBe(CommandStatus.ESME_ROK);
    await until(() => frReceipts.length === 1);
    await until(async () => (await stats()).deliveries.dlrsHeld === 1);
    expect(frReceipts.map((d) => d.sourceAddr)).toEqual(['33612345678']);
    expect(await stats()).toMatchObject({ binds: { failed: 1, refused: 1 } });

    expect((await post('/config', { refuseBinds: [] })).status).toBe(200);
    await connect('herald-ie', ieReceipts);
    await until(() => ieReceipts.length === 1);
    expect(ieReceipts.map((d) => d.sourceAddr)).toEqual(['353851234567']);
    expect(frReceipts).toHaveLength(1);
  });

  it('refuses a bad refuseBinds value and names the key', async () => {
    expect(await post('/config', { refuseBinds: 'herald-ie' })).toEqual({
      status: 400,
      body: { error: 'refuseBinds: must be a list of system ids' },
    });
    expect(await post('/config', { refuseBinds: [''] })).toEqual({
      status: 400,
      body: { error: 'refuseBinds: must be a list of system ids' },
    });
  });
});
