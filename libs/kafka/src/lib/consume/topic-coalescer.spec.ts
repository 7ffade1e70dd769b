import type { RawRecord } from './consumed-message';
import type { BatchControl } from './batch-processor';
import { TopicCoalescer } from './topic-coalescer';
import { OffsetCommitter, type TopicPartitionOffset } from './offset-committer';

const raw = (topic: string, partition: number, offset: number): RawRecord => ({
  topic,
  partition,
  offset: String(offset),
  key: null,
  value: Buffer.from('{}'),
  headers: {},
  timestamp: '0',
});
const control = (abandoned = false): BatchControl => ({
  heartbeat: async () => undefined,
  isAbandoned: () => abandoned,
});

describe('TopicCoalescer', () => {
  it('joins the partition batches of one topic that arrive together into one call, each partition in order', async () => {
    const calls: Array<{ topic: string; records: string[] }> = [];
    let flushTick!: () => void;
    const c = new TopicCoalescer(
      async (topic, raws) => void calls.push({ topic, records: raws.map((r) => `${r.partition}:${r.offset}`) }),
      (fn) => (flushTick = fn),
    );
    const a = c.join('t', { raws: [raw('t', 0, 1), raw('t', 0, 2)], control: control() });
    const b = c.join('t', { raws: [raw('t', 3, 7)], control: control() });
    const tick1 = flushTick;
    const other = c.join('u', { raws: [raw('u', 1, 5)], control: control() });
    const tick2 = flushTick;
    tick1();
    tick2();
    await Promise.all([a, b, other]);
    expect(calls).toEqual([
      { topic: 't', records: ['0:1', '0:2', '3:7'] },
      { topic: 'u', records: ['1:5'] },
    ]);
    // The next turn starts a new call.
    const next = c.join('t', { raws: [raw('t', 0, 3)], control: control() });
    flushTick();
    await next;
    expect(calls).toHaveLength(3);
  });

  it('settles every joined batch with the shared failure, and abandons all when one partition is revoked', async () => {
    const seen: boolean[] = [];
    const c = new TopicCoalescer(async (_t, _r, ctl) => {
      seen.push(ctl.isAbandoned());
      throw new Error('produce failed');
    });
    const results = await Promise.allSettled([
      c.join('t', { raws: [raw('t', 0, 1)], control: control() }),
      c.join('t', { raws: [raw('t', 1, 1)], control: control(true) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(seen).toEqual([true]);
  });
});

describe('OffsetCommitter', () => {
  it('commits the latest processed offset + 1 per partition in one request, and nothing when idle', async () => {
    const commits: TopicPartitionOffset[][] = [];
    const c = new OffsetCommitter(async (o) => void commits.push(o));
    c.processed('t', 0, '4');
    c.processed('t', 0, '9');
    c.processed('t', 2, '1');
    await c.flush();
    await c.flush();
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '10' },
        { topic: 't', partition: 2, offset: '2' },
      ],
    ]);
  });

  it('keeps offsets of a failed commit unless newer ones arrived, and drops partitions no longer assigned', async () => {
    let fail = true;
    const commits: TopicPartitionOffset[][] = [];
    const c = new OffsetCommitter(async (o) => {
      if (fail) throw new Error('coordinator moved');
      commits.push(o);
    });
    c.processed('t', 0, '4');
    c.processed('t', 1, '4');
    const failed = c.flush();
    c.processed('t', 0, '6');
    await expect(failed).rejects.toThrow(/coordinator/);
    c.processed('t', 3, '0');
    c.retain((_t, p) => p !== 3);
    fail = false;
    await c.flush();
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '7' },
        { topic: 't', partition: 1, offset: '5' },
      ],
    ]);
  });
});
