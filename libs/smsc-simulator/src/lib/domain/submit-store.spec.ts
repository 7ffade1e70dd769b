import { ConcatAssembler } from './concat-assembler';
import { formatDlrText, smppDate } from './dlr-text';
import { messageIdGenerator } from './message-ids';
import type { SubmitRecord } from './submit-record';
import { SubmitStore } from './submit-store';

const record = (over: Partial<SubmitRecord> = {}): Omit<SubmitRecord, 'seq'> => ({
  sequenceNumber: 1,
  sessionId: 's1',
  receivedAt: 1000,
  source: 'Herald',
  destination: '33612345678',
  esmClass: 0,
  dataCoding: 0,
  text: 'hi',
  registeredDelivery: 1,
  validityPeriod: '',
  tlvs: {},
  status: 0,
  ...over,
});

describe('SubmitStore', () => {
  it('evicts the oldest beyond capacity and keeps the reference index consistent', () => {
    const store = new SubmitStore(2);
    store.add(record({ userMessageReference: 'a' }));
    store.add(record({ userMessageReference: 'b' }));
    store.add(record({ userMessageReference: 'a', receivedAt: 2000 }));
    expect([store.size, store.total]).toEqual([2, 3]);
    expect(store.query({ reference: 'a' }).map((r) => r.seq)).toEqual([3]);
    expect(store.query({ since: 1500 }).map((r) => r.seq)).toEqual([3]);
    expect(store.query({ destination: '33612345678', limit: 1 }).map((r) => r.seq)).toEqual([2]);
  });

  it('counts duplicates per part among accepted or unanswered submits only', () => {
    const store = new SubmitStore();
    const part = (index: number) => ({ method: 'udh' as const, reference: 1, total: 2, index });
    store.add(record({ userMessageReference: 'm1', concat: part(1) }));
    store.add(record({ userMessageReference: 'm1', concat: part(2) }));
    store.add(record({ userMessageReference: 'm2', status: 0x58 }));
    store.add(record({ userMessageReference: 'm2' }));
    store.add(record({ userMessageReference: 'm3', status: null }));
    store.add(record({ userMessageReference: 'm3' }));
    expect(store.duplicates()).toEqual({ total: 1, references: [{ reference: 'm3', extra: 1 }] });
    expect(store.countByStatus((s) => (s === 0 ? 'ESME_ROK' : 'ESME_RTHROTTLED'))).toEqual({
      ESME_ROK: 4,
      ESME_RTHROTTLED: 1,
      UNANSWERED: 1,
    });
    store.clear();
    expect([store.size, store.total, store.duplicates().total]).toEqual([0, 0, 0]);
  });
});

describe('ConcatAssembler', () => {
  it('joins parts in order whatever order they arrive in', () => {
    const a = new ConcatAssembler<number>();
    const info = (index: number) => ({ method: 'udh' as const, reference: 7, total: 3, index });
    expect(a.add('k', info(3), Buffer.from('c'), 3)).toBeUndefined();
    expect(a.add('k', info(1), Buffer.from('a'), 1)).toBeUndefined();
    expect(a.incomplete).toBe(1);
    expect(a.add('k', info(2), Buffer.from('b'), 2)).toEqual({ body: Buffer.from('abc'), items: [1, 2, 3] });
    expect(a.incomplete).toBe(0);
  });

  it('forgets the oldest incomplete message beyond its bound', () => {
    const a = new ConcatAssembler<number>(1);
    a.add('k1', { method: 'sar', reference: 1, total: 2, index: 1 }, Buffer.from('x'), 1);
    a.add('k2', { method: 'sar', reference: 1, total: 2, index: 1 }, Buffer.from('y'), 1);
    expect(a.add('k1', { method: 'sar', reference: 1, total: 2, index: 2 }, Buffer.from('z'), 2)).toBeUndefined();
  });
});

describe('receipt text and ids', () => {
  it('writes the SMPP 3.4 appendix B form', () => {
    const at = Date.UTC(2024, 0, 15, 12, 30);
    expect(smppDate(at)).toBe('2401151230');
    expect(
      formatDlrText({
        messageId: '00000000FF',
        stat: 'UNDELIV',
        submittedAt: at,
        doneAt: at + 60_000,
        text: 'Your code is 123456 ok',
      }),
    ).toBe(
      'id:00000000FF sub:001 dlvrd:000 submit date:2401151230 done date:2401151231 stat:UNDELIV err:003 text:Your code is 123456 ',
    );
  });

  it('issues 10-digit upper-case hex ids', () => {
    const next = messageIdGenerator(2 ** 40 - 1);
    expect([next(), next()]).toEqual(['FFFFFFFFFF', '0000000000']);
  });
});
