import {
  buildParts,
  classifyStatus,
  CommandStatus,
  DataCoding,
  decodeText,
  IndiaDltTlvTag,
  parseDeliverReceipt,
  parseDlr,
  ReconnectingSmppClient,
  SmppSession,
  tlv,
  type DeliverEvent,
  type SmppConnectOptions,
  type SubmitParams,
} from '@herald/smpp';
import { SmscSimulator } from './smsc-simulator';

interface SimStats {
  submits: { total: number; byStatus: Record<string, number> };
  binds: { total: number; failed: number; byMode: Record<string, number> };
  duplicates: { total: number; references: Array<{ reference: string; extra: number }> };
}

// Our SMPP client (libs/smpp) against the simulator built on node-smpp: two implementations
// written by different people must agree on every octet.
describe('SMPP round trip: libs/smpp client <-> smsc-simulator', () => {
  let sim: SmscSimulator;
  let base: string;
  let port: number;
  const sessions: SmppSession[] = [];

  const http = async <T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const res = await fetch(`${base}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await res.json()) as T;
  };
  const stats = () => http<SimStats>('GET', '/stats');
  const submits = async (query: string) =>
    (await http<{ submits: Array<Record<string, unknown>> }>('GET', `/submits?${query}`)).submits;
  const options = (extra: Partial<SmppConnectOptions> = {}): SmppConnectOptions => ({
    host: '127.0.0.1',
    port,
    systemId: 'herald',
    password: 'secret',
    windowSize: 10,
    ...extra,
  });
  const connect = async (extra: Partial<SmppConnectOptions> = {}) => {
    const s = new SmppSession();
    sessions.push(s);
    await s.connect(options(extra));
    return s;
  };
  const message = (over: Partial<SubmitParams> = {}): SubmitParams => ({
    source: 'Herald',
    destination: '+33612345678',
    shortMessage: Buffer.from('Your order shipped'),
    dataCoding: 0,
    ...over,
  });
  const waitFor = async (ok: () => boolean | Promise<boolean>, ms = 5000) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    sim = new SmscSimulator({ host: '127.0.0.1', smppPort: 0, httpPort: 0, systemId: 'herald', password: 'secret' });
    const ports = await sim.start();
    port = ports.smppPort;
    base = `http://127.0.0.1:${ports.httpPort}`;
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => (s.isBound ? s.close() : s.destroy())));
    await http('POST', '/reset');
  });

  afterAll(() => sim.stop());

  it.each([
    [
      'GSM 03.38 with extension characters, UDH',
      DataCoding.GSM7,
      'udh',
      ['Commande no 1: 2€ {promo} [x] ~ ', '| ^ \\ Ça arrive à 18h. ', 'Ænd ß Ø Δ_ @£$¥'],
    ],
    ['UCS-2 with emoji, UDH', DataCoding.UCS2, 'udh', ['Заказ отправлен 📦 ', 'скоро будет у вас ', '— спасибо! 你好']],
    ['GSM 03.38, SAR TLVs', DataCoding.GSM7, 'sar', ['First part, ', 'second part.']],
  ] as const)('the simulator reassembles %s intact', async (_name, dataCoding, method, segments) => {
    const session = await connect();
    const reference = `msg-${dataCoding}-${method}`;
    const parts = buildParts(segments, { dataCoding, reference: 0x42, method });
    const dlt = [tlv.cstring(IndiaDltTlvTag.ENTITY_ID, '1101234567890')];
    const results = await Promise.all(
      parts.map((p) =>
        session.submit(message({ ...p, tlvs: [...p.tlvs, ...dlt], userMessageReference: reference, ttlSeconds: 600 })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(parts.map(() => CommandStatus.ESME_ROK));
    expect(results.every((r) => /^[0-9A-F]{10}$/.test(r.messageId ?? ''))).toBe(true);

    const records = await submits(`reference=${reference}`);
    expect(records).toHaveLength(segments.length);
    for (const [i, record] of records.entries()) {
      expect(record).toMatchObject({
        assembledText: segments.join(''),
        text: segments[i],
        dataCoding,
        destination: '33612345678',
        source: 'Herald',
        validityPeriod: '000000001000000R',
        registeredDelivery: 1,
        userMessageReference: reference,
        concat: { method, total: segments.length, index: i + 1 },
      });
      expect((record.tlvs as Record<string, string>)['0x1400']).toBe('1101234567890');
    }
  });

  it('delivers receipts that our parser reads, from the TLVs and from the text alone', async () => {
    await http('POST', '/config', {
      outcomeMix: { DELIVRD: 1 },
      dlrDelayMs: 10,
      forcedOutcomes: { '99': 'UNDELIV', '98': 'ESME_RINVDSTADR' },
    });
    const session = await connect();
    const receipts: DeliverEvent[] = [];
    session.on('deliver', (d) => receipts.push(d));
    const ok = await Promise.all([1, 2, 3].map((n) => session.submit(message({ destination: `+3361234560${n}` }))));
    const undeliv = await session.submit(message({ destination: '+33612345699' }));
    const refused = await session.submit(message({ destination: '+33612345698' }));
    expect(classifyStatus(refused.status)).toBe('permanent');
    expect(refused.status).toBe(CommandStatus.ESME_RINVDSTADR);

    await waitFor(() => receipts.length === 4);
    const parsed = receipts.map((d) => ({ d, dlr: parseDeliverReceipt(d) }));
    expect(parsed.every(({ d }) => d.isReceipt && d.esmClass === 0x04)).toBe(true);
    const byId = new Map(parsed.map(({ dlr }) => [dlr?.id, dlr]));
    for (const r of ok) expect(byId.get(r.messageId)).toMatchObject({ stat: 'DELIVRD', dlvrd: '001', err: '000' });
    expect(byId.get(undeliv.messageId)).toMatchObject({ stat: 'UNDELIV' });
    const textOnly = parseDlr(receipts[0].shortMessage.toString('latin1'));
    expect(textOnly?.id).toBe(parseDeliverReceipt(receipts[0])?.id);
    expect(textOnly?.submitDate).toMatch(/^\d{10}$/);
  });

  it('redelivers a receipt the ESME never answered once it binds again, and one it answered with an error', async () => {
    await http('POST', '/config', { outcomeMix: { DELIVRD: 1 }, dlrDelayMs: 10 });
    const silent = await connect({ onDeliver: () => new Promise<number>(() => undefined) });
    const heard: string[] = [];
    silent.on('deliver', (d) => heard.push(parseDeliverReceipt(d)?.id ?? ''));
    const lost = await silent.submit(message());
    await waitFor(() => heard.includes(lost.messageId!));
    silent.destroy();

    // Recorded in onDeliver: the held receipt may arrive in the same read as bind_resp.
    const second: string[] = [];
    await connect({
      onDeliver: (d) =>
        second.push(parseDeliverReceipt(d)?.id ?? '') === 1 ? CommandStatus.ESME_RX_T_APPN : undefined,
    });
    await waitFor(() => second.filter((id) => id === lost.messageId).length === 2, 10000);
    const stats = await http<{ deliveries: { dlrsRedelivered: number } }>('GET', '/stats');
    expect(stats.deliveries.dlrsRedelivered).toBe(2);
  });

  it('surfaces injected throttling (20%) as throttled', async () => {
    await http('POST', '/config', { throttleRate: 0.2, sendDlrs: false });
    const session = await connect({ windowSize: 20 });
    const results = await Promise.all(Array.from({ length: 300 }, () => session.submit(message())));
    const throttled = results.filter((r) => classifyStatus(r.status) === 'throttled').length;
    expect(throttled).toBeGreaterThan(20);
    expect(throttled).toBeLessThan(120);
    expect(results.filter((r) => classifyStatus(r.status) === 'ok')).toHaveLength(300 - throttled);
  });

  it('rejects a full window lost mid-flight as maybeSubmitted, and the simulator still recorded it', async () => {
    await http('POST', '/config', { submitLatencyMs: 60_000 });
    const session = await connect({ windowSize: 10 });
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      session.submit(message({ userMessageReference: `drop-${i}` })).catch((e: unknown) => e),
    );
    const queued = session.submit(message({ userMessageReference: 'drop-queued' })).catch((e: unknown) => e);
    expect(session.inFlight).toBe(10);
    await waitFor(async () => (await stats()).submits.total === 10);

    expect(await http('POST', '/drop-connections')).toMatchObject({ sessions: 1, unansweredSubmits: 10 });
    const errors = await Promise.all(inFlight);
    expect(errors).toHaveLength(10);
    for (const e of errors) expect(e).toMatchObject({ code: 'CONNECTION_LOST', maybeSubmitted: true });
    expect(await queued).toMatchObject({ code: 'CONNECTION_LOST', maybeSubmitted: false });

    expect((await stats()).submits).toMatchObject({ total: 10, byStatus: { UNANSWERED: 10 } });
    expect(await submits('reference=drop-3')).toEqual([expect.objectContaining({ status: null })]);
  });

  it('reconnects and binds again after the simulator drops the connection', async () => {
    const client = new ReconnectingSmppClient({ ...options(), minBackoffMs: 50, maxBackoffMs: 200 });
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    client.start();
    await waitFor(() => client.isBound);
    await http('POST', '/drop-connections');
    await waitFor(() => states.includes('waiting'));
    await waitFor(() => client.isBound);
    expect(states).toEqual(['connecting', 'bound', 'waiting', 'connecting', 'bound']);
    expect((await client.submit(message())).status).toBe(0);
    expect((await stats()).binds.byMode.transceiver).toBe(2);
    await client.stop();
  });

  it('injects MO messages as deliver events that are not receipts', async () => {
    const session = await connect();
    const mo: DeliverEvent[] = [];
    session.on('deliver', (d) => mo.push(d));
    expect(await http('POST', '/mo', { from: '+33612345678', to: '36xx', text: 'STOP' })).toHaveProperty('sessionId');
    expect(await http('POST', '/mo', { from: '+33612345678', to: '36xx', text: 'ARRÊT' })).toHaveProperty('sessionId');
    await waitFor(() => mo.length === 2);
    expect(mo.map((d) => [d.isReceipt, d.sourceAddr, d.dataCoding, decodeText(d.shortMessage, d.dataCoding)])).toEqual([
      [false, '33612345678', 0, 'STOP'],
      [false, '33612345678', 8, 'ARRÊT'],
    ]);
  });

  it('refuses a bind with the wrong password', async () => {
    await expect(connect({ password: 'nope' })).rejects.toMatchObject({
      code: 'BIND_FAILED',
      commandStatus: CommandStatus.ESME_RBINDFAIL,
    });
    expect((await stats()).binds.failed).toBe(1);
  });

  it('counts a resent reference as a duplicate, but not a retry after throttling', async () => {
    await http('POST', '/config', { forcedOutcomes: { '77': 'ESME_RTHROTTLED' }, sendDlrs: false });
    const session = await connect();
    await session.submit(message({ userMessageReference: 'dup-1' }));
    await session.submit(message({ userMessageReference: 'dup-1' }));
    await session.submit(message({ userMessageReference: 'thr-1', destination: '+33612345677' }));
    await session.submit(message({ userMessageReference: 'thr-1' }));
    expect((await stats()).duplicates).toEqual({ total: 1, references: [{ reference: 'dup-1', extra: 1 }] });
  });
});
