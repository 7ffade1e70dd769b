import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { TopicFollower } from './topic-follower';

export interface WatchedRecord {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

interface Waiter {
  topic: string;
  match: (r: WatchedRecord) => boolean;
  count: number;
  found: WatchedRecord[];
  resolve(records: WatchedRecord[]): void;
}

/**
 * Reads topics from their current end: the group's offsets are set to the high watermarks before
 * it joins, so everything produced after `start` is seen and the topics' history (hundreds of
 * thousands of records from other suites) is not read at all.
 * Through a `TopicFollower`: it keeps reading after a consumer crash.
 */
export class TopicWatcher {
  private readonly records: WatchedRecord[] = [];
  private readonly waiters = new Set<Waiter>();

  private follower?: TopicFollower;

  static async start(brokers: string, topics: string[]): Promise<TopicWatcher> {
    const kafka = createKafkaClient(
      { service: 'dispatch-test-watcher', brokers: brokers.split(',') },
      createLogger('dispatch-test-watcher', 'error'),
    );
    const watcher = new TopicWatcher();
    watcher.follower = new TopicFollower(kafka, topics, (topic, _partition, message) => {
      if (message.value === null) return;
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, String(Array.isArray(v) ? v[0] : v)]],
        ),
      );
      watcher.add({ topic, key: message.key?.toString() ?? null, value: message.value.toString(), headers });
    });
    await watcher.follower.start();
    return watcher;
  }

  /** Resolves with the first `count` matching records, or rejects after the timeout with how many were seen. */
  waitFor(
    topic: string,
    match: (r: WatchedRecord) => boolean,
    count: number,
    timeoutMs = 60000,
  ): Promise<WatchedRecord[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        topic,
        match,
        count,
        found: [],
        resolve: (records) => (clearTimeout(timer), resolve(records)),
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(`expected ${count} matching records on ${topic}, saw ${waiter.found.length} in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      for (const r of this.records) if (this.offer(waiter, r)) return;
      this.waiters.add(waiter);
    });
  }

  all(topic: string, match: (r: WatchedRecord) => boolean): WatchedRecord[] {
    return this.records.filter((r) => r.topic === topic && match(r));
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }

  private add(record: WatchedRecord): void {
    this.records.push(record);
    for (const w of this.waiters) if (this.offer(w, record)) this.waiters.delete(w);
  }

  /** Each record is matched once per waiter; true when the waiter has all it wanted. */
  private offer(w: Waiter, r: WatchedRecord): boolean {
    if (r.topic !== w.topic || !w.match(r)) return false;
    w.found.push(r);
    if (w.found.length < w.count) return false;
    w.resolve(w.found);
    return true;
  }
}
