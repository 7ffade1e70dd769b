import { Topics } from '@herald/contracts';
import { KafkaProbe } from './kafka-probe';
import { TopicFollower } from './topic-follower';
import { uniqueId } from './unique-id';
import { waitFor } from './wait-for';

describe('TopicFollower (real broker): keeps following after a crash kafkajs would not restart', () => {
  const probe = new KafkaProbe();
  afterAll(() => probe.close());

  it('starts a new consumer in its group, reads from where the group was, skips what it saw', async () => {
    const run = uniqueId('follow');
    const keys = Array.from({ length: 6 }, (_, i) => `${run}-${i}`);
    const seen: string[] = [];
    let thrown = false;
    const follower = new TopicFollower(probe.client, [Topics.SmsStatusV1], (_topic, _partition, m) => {
      const key = m.key?.toString() ?? '';
      if (!key.startsWith(run)) return;
      seen.push(key);
      // kafkajs neither retries nor restarts after a TypeError (it deems it unrecoverable).
      if (key === keys[2] && !thrown) {
        thrown = true;
        throw new TypeError('handler failure');
      }
    });
    await follower.start();
    try {
      for (const key of keys.slice(0, 3)) await probe.produceRaw(Topics.SmsStatusV1, [{ key, value: '{}' }]);
      await waitFor('the crash and the restart', async () => follower.restarts > 0 || undefined, 30000, 100);
      for (const key of keys.slice(3)) await probe.produceRaw(Topics.SmsStatusV1, [{ key, value: '{}' }]);
      await waitFor('every record', async () => seen.length >= keys.length || undefined, 30000, 100);

      expect(follower.restarts).toBe(1);
      expect(seen.sort()).toEqual([...keys].sort());
    } finally {
      await follower.stop();
    }
  }, 60000);
});
