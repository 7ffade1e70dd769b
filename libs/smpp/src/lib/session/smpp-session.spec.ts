import { Duplex } from 'node:stream';
import { CommandStatus } from '../pdu/command-status';
import { FrameDecoder } from '../pdu/frame-decoder';
import { decodePdu, encodePdu, type Pdu } from '../pdu/pdu';
import type { SessionTimers } from './session-timers';
import { ReconnectingSmppClient } from './reconnecting-client';
import type { SmppConnectOptions } from './session-options';
import { SmppSession } from './smpp-session';
import type { SubmitParams } from './submit-params';

class FakeClock implements SessionTimers {
  private t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

/** An in-memory SMSC end: no sockets, just a Duplex that decodes what the session writes. */
class FakeSmsc {
  readonly received: Pdu[] = [];
  autoAnswer = true;
  answerBind = true;
  socket!: Duplex;
  connects = 0;

  transport = () => {
    const decoder = new FrameDecoder();
    this.connects++;
    const socket: Duplex = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _enc, cb) => {
        for (const f of decoder.push(chunk)) this.onPdu(decodePdu(f));
        cb();
      },
    });
    this.socket = socket;
    setImmediate(() => socket.emit('connect'));
    return socket;
  };

  send(pdu: Pdu): void {
    this.socket.push(encodePdu(pdu));
  }

  drop(): void {
    this.socket.destroy();
  }

  submits(): Pdu[] {
    return this.received.filter((p) => p.command === 'submit_sm');
  }

  private onPdu(pdu: Pdu): void {
    this.received.push(pdu);
    const seq = pdu.sequenceNumber;
    if (pdu.command === 'bind_transceiver' && this.answerBind) {
      const status = pdu.password === 'secret' ? 0 : CommandStatus.ESME_RBINDFAIL;
      this.send({
        command: 'bind_transceiver_resp',
        sequenceNumber: seq,
        commandStatus: status,
        systemId: 'SIM',
        tlvs: [],
      });
    } else if (pdu.command === 'unbind') {
      this.send({ command: 'unbind_resp', sequenceNumber: seq, commandStatus: 0 });
      setImmediate(() => this.drop());
    } else if (pdu.command === 'enquire_link' && this.autoAnswer) {
      this.send({ command: 'enquire_link_resp', sequenceNumber: seq, commandStatus: 0 });
    }
  }
}

const tick = () => new Promise((r) => setImmediate(r));
const options: SmppConnectOptions = { host: 'sim', port: 1, systemId: 'herald', password: 'secret', windowSize: 2 };
const params: SubmitParams = {
  source: 'Herald',
  destination: '+33612345678',
  shortMessage: Buffer.from('hi'),
  dataCoding: 0,
};

async function bound(smsc: FakeSmsc, clock = new FakeClock(), extra: Partial<SmppConnectOptions> = {}) {
  const session = new SmppSession({ clock, transport: smsc.transport });
  await session.connect({ ...options, ...extra });
  return session;
}

function answer(smsc: FakeSmsc, pdu: Pdu, status = 0, messageId = 'ID1'): void {
  smsc.send({ command: 'submit_sm_resp', sequenceNumber: pdu.sequenceNumber, commandStatus: status, messageId });
}

describe('SmppSession', () => {
  it('binds as a transceiver with SMPP 3.4', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    expect(session.isBound).toBe(true);
    expect(smsc.received[0]).toMatchObject({ command: 'bind_transceiver', systemId: 'herald', interfaceVersion: 0x34 });
  });

  it('rejects a refused bind with BIND_FAILED and the status', async () => {
    const session = new SmppSession({ clock: new FakeClock(), transport: new FakeSmsc().transport });
    await expect(session.connect({ ...options, password: 'wrong' })).rejects.toMatchObject({
      code: 'BIND_FAILED',
      commandStatus: 0x0d,
    });
  });

  it('keeps at most windowSize submits in flight and sends the rest in FIFO order', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    const results = [1, 2, 3, 4].map((n) => session.submit({ ...params, userMessageReference: n }));
    await tick();
    expect(smsc.submits()).toHaveLength(2);
    expect([session.inFlight, session.queued]).toEqual([2, 2]);
    answer(smsc, smsc.submits()[1], CommandStatus.ESME_RTHROTTLED);
    await tick();
    expect(smsc.submits()).toHaveLength(3);
    smsc
      .submits()
      .slice(0, 1)
      .concat(smsc.submits().slice(2))
      .forEach((p) => answer(smsc, p));
    await tick();
    answer(smsc, smsc.submits()[3], 0, 'ID4');
    const settled = await Promise.all(results);
    expect(settled.map((r) => r.status)).toEqual([0, 0x58, 0, 0]);
    expect(settled[3].messageId).toBe('ID4');
    expect(settled[1].messageId).toBeUndefined();
  });

  it('rejects in-flight submits as maybeSubmitted and queued ones as not sent when the connection drops', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    const results = [1, 2, 3].map(() => session.submit(params).catch((e: unknown) => e));
    await tick();
    smsc.drop();
    const errors = await Promise.all(results);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'CONNECTION_LOST', maybeSubmitted: true }),
      expect.objectContaining({ code: 'CONNECTION_LOST', maybeSubmitted: true }),
      expect.objectContaining({ code: 'CONNECTION_LOST', maybeSubmitted: false }),
    ]);
    expect(session.state).toBe('closed');
  });

  it('times out an unanswered submit, frees its slot and reports a late resp', async () => {
    const clock = new FakeClock();
    const smsc = new FakeSmsc();
    const session = await bound(smsc, clock, { windowSize: 1, responseTimeoutMs: 1000 });
    const late = jest.fn();
    session.on('lateResponse', late);
    const first = session.submit(params).catch((e: unknown) => e);
    const second = session.submit(params);
    await tick();
    clock.advance(1000);
    expect(await first).toMatchObject({ code: 'TIMEOUT', maybeSubmitted: true, sequenceNumber: 2 });
    await tick();
    answer(smsc, smsc.submits()[0], 0, 'LATE');
    answer(smsc, smsc.submits()[1], 0, 'ID2');
    expect(await second).toMatchObject({ status: 0, messageId: 'ID2' });
    expect(late).toHaveBeenCalledWith({ sequenceNumber: 2, status: 0, messageId: 'LATE' });
  });

  it('sends enquire_link when idle and drops a connection that stops answering', async () => {
    const clock = new FakeClock();
    const smsc = new FakeSmsc();
    const session = await bound(smsc, clock, { enquireLinkMs: 5000, responseTimeoutMs: 1000 });
    clock.advance(5000);
    await tick();
    expect(smsc.received.filter((p) => p.command === 'enquire_link')).toHaveLength(1);
    smsc.autoAnswer = false;
    clock.advance(5000);
    await tick();
    clock.advance(1000);
    expect(session.state).toBe('closed');
  });

  it('answers enquire_link and unknown commands from the SMSC', async () => {
    const smsc = new FakeSmsc();
    await bound(smsc);
    smsc.received.length = 0;
    smsc.socket.push(encodePdu({ command: 'enquire_link', sequenceNumber: 77, commandStatus: 0 }));
    smsc.socket.push(
      encodePdu({ command: 'unknown', commandId: 0x103, sequenceNumber: 78, commandStatus: 0, body: Buffer.alloc(0) }),
    );
    await tick();
    expect(smsc.received).toEqual([
      { command: 'enquire_link_resp', sequenceNumber: 77, commandStatus: 0 },
      { command: 'generic_nack', sequenceNumber: 78, commandStatus: CommandStatus.ESME_RINVCMDID },
    ]);
  });

  it('emits deliver, then acknowledges with the onDeliver status', async () => {
    const smsc = new FakeSmsc();
    const order: string[] = [];
    const session = await bound(smsc, new FakeClock(), {
      onDeliver: async () => {
        order.push('hook');
        return CommandStatus.ESME_RX_T_APPN;
      },
    });
    session.on('deliver', (d) => order.push(`event:${d.isReceipt}:${d.sourceAddr}`));
    smsc.send({
      command: 'deliver_sm',
      sequenceNumber: 9,
      commandStatus: 0,
      serviceType: '',
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: '33612345678',
      destAddrTon: 5,
      destAddrNpi: 0,
      destinationAddr: 'Herald',
      esmClass: 0x04,
      protocolId: 0,
      priorityFlag: 0,
      scheduleDeliveryTime: '',
      validityPeriod: '',
      registeredDelivery: 0,
      replaceIfPresentFlag: 0,
      dataCoding: 0,
      smDefaultMsgId: 0,
      shortMessage: Buffer.from('id:1 stat:DELIVRD'),
      tlvs: [],
    });
    await tick();
    await tick();
    expect(order).toEqual(['event:true:33612345678', 'hook']);
    expect(smsc.received.at(-1)).toEqual({
      command: 'deliver_sm_resp',
      sequenceNumber: 9,
      commandStatus: 0x64,
      messageId: '',
    });
  });

  it('unbinds on close after the in-flight submits are answered', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    const pending = session.submit(params);
    await tick();
    const closing = session.close();
    await expect(session.submit(params)).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    answer(smsc, smsc.submits()[0]);
    await pending;
    await tick();
    expect(smsc.received.at(-1)?.command).toBe('unbind');
    await closing;
    expect(session.state).toBe('closed');
  });

  it('times out a bind the SMSC never answers', async () => {
    const clock = new FakeClock();
    const smsc = new FakeSmsc();
    smsc.answerBind = false;
    const session = new SmppSession({ clock, transport: smsc.transport });
    const result = session.connect({ ...options, responseTimeoutMs: 1000 }).catch((e: unknown) => e);
    await tick();
    clock.advance(1000);
    expect(await result).toMatchObject({ code: 'TIMEOUT' });
  });

  it('nacks an undecodable PDU and drops an unframeable stream', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    const errors: Error[] = [];
    session.on('error', (e) => errors.push(e));
    smsc.received.length = 0;
    smsc.socket.push(Buffer.from('000000140000000500000000000000094142434a', 'hex'));
    await tick();
    expect(smsc.received).toContainEqual({
      command: 'generic_nack',
      sequenceNumber: 9,
      commandStatus: CommandStatus.ESME_RINVMSGLEN,
    });
    smsc.socket.push(Buffer.from('00000002', 'hex'));
    await tick();
    expect(session.state).toBe('closed');
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('INVALID_PDU');
  });

  it('answers an unbind from the SMSC and closes', async () => {
    const smsc = new FakeSmsc();
    const session = await bound(smsc);
    const closed = new Promise((r) => session.once('closed', r));
    smsc.send({ command: 'unbind', sequenceNumber: 50, commandStatus: 0 });
    await tick();
    expect(smsc.received.at(-1)).toEqual({ command: 'unbind_resp', sequenceNumber: 50, commandStatus: 0 });
    smsc.drop();
    await closed;
  });

  it('fails fast when not bound', async () => {
    await expect(new SmppSession().submit(params)).rejects.toMatchObject({ code: 'NOT_BOUND', maybeSubmitted: false });
  });
});

describe('ReconnectingSmppClient', () => {
  it('rebinds after a drop with backoff and reports state changes', async () => {
    const clock = new FakeClock();
    const smsc = new FakeSmsc();
    const client = new ReconnectingSmppClient({ ...options, random: () => 0.5 }, { clock, transport: smsc.transport });
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    client.start();
    await tick();
    await tick();
    expect(client.isBound).toBe(true);
    smsc.drop();
    await tick();
    expect(client.state).toBe('waiting');
    await expect(client.submit(params)).rejects.toMatchObject({ code: 'NOT_BOUND' });
    clock.advance(499);
    expect(smsc.connects).toBe(1);
    clock.advance(1);
    await tick();
    await tick();
    expect(client.isBound).toBe(true);
    expect(states).toEqual(['connecting', 'bound', 'waiting', 'connecting', 'bound']);
    await client.stop();
    expect(client.state).toBe('stopped');
  });
});
