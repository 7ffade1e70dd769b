import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: number;
  logEnd: number;
  lag: number;
}

/** A partition with no committed offset counts from its log start, as ConsumerGroupCommand does. */
export async function fetchGroupLag(admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const out: PartitionLag[] = [];
  for (const t of committed) {
    const ends = await admin.fetchTopicOffsets(t.topic);
    for (const p of t.partitions) {
      const end = ends.find((e) => e.partition === p.partition);
      if (!end) continue;
      const logEnd = Number(end.high);
      const at = Number(p.offset) >= 0 ? Number(p.offset) : Number(end.low);
      out.push({
        topic: t.topic,
        partition: p.partition,
        committed: Number(p.offset),
        logEnd,
        lag: Math.max(0, logEnd - at),
      });
    }
  }
  return out;
}
