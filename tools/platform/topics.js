'use strict';
// Topic provisioning from deploy/topics/topics.json (the broker has auto-create disabled).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'deploy', 'topics', 'topics.json');
const DEFAULT_PARTITIONS = 6;

/** Reads the topic manifest: an array of { name, partitions, compacted, retentionMs }. */
function readTopicManifest(file = MANIFEST) {
  const rel = path.relative(ROOT, file);
  if (!fs.existsSync(file)) throw new Error(`topic manifest ${rel} not found`);
  let specs;
  try {
    specs = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`topic manifest ${rel} is not valid JSON: ${e.message}`);
  }
  if (!Array.isArray(specs) || specs.some((s) => !s || typeof s.name !== 'string' || !s.name)) {
    throw new Error(`topic manifest ${rel} must be an array of { name, partitions, compacted, retentionMs }`);
  }
  return specs;
}

const isDlq = (name) => name.endsWith('.dlq');

/**
 * Expands specs with a `<name>.dlq` companion per non-DLQ topic and applies
 * HERALD_TOPIC_PARTITIONS. A DLQ keeps the source's partition count (so a replay can
 * preserve key -> partition order) but is never compacted: dead letters sharing a key
 * must all be kept. An explicit `.dlq` spec in the manifest wins.
 */
function expandSpecs(specs) {
  const override = Number(process.env.HERALD_TOPIC_PARTITIONS) || 0;
  const byName = new Map();
  for (const s of specs) byName.set(s.name, { ...s });
  for (const s of specs) {
    const dlq = `${s.name}.dlq`;
    if (!isDlq(s.name) && !byName.has(dlq)) byName.set(dlq, { name: dlq, partitions: s.partitions });
  }
  return [...byName.values()].map((s) => ({
    ...s,
    partitions: override || Number(s.partitions) || DEFAULT_PARTITIONS,
  }));
}

function toCreateRequest(s) {
  const configEntries = [];
  if (s.compacted) configEntries.push({ name: 'cleanup.policy', value: 'compact' });
  if (s.retentionMs != null) configEntries.push({ name: 'retention.ms', value: String(s.retentionMs) });
  return { topic: s.name, numPartitions: s.partitions, replicationFactor: 1, configEntries };
}

/**
 * kafkajs' own waitForLeaders only retries LEADER_NOT_AVAILABLE, but right after a create
 * the KRaft broker's metadata cache can still answer UNKNOWN_TOPIC_OR_PARTITION.
 */
async function waitForLeaders(admin, names, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (e) {
      if (!e.retriable) throw e;
    }
    if (Date.now() > deadline)
      throw new Error(`topics have no leader after ${timeoutMs / 1000} s: ${names.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Creates the missing topics (and their DLQs). Existing topics are left untouched;
 * a partition-count difference is reported in `mismatched`, never "fixed" (adding
 * partitions would silently remap keys).
 */
async function ensureTopics(brokers, specs) {
  const { Kafka, logLevel } = require('kafkajs');
  const list = Array.isArray(brokers)
    ? brokers
    : String(brokers)
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean);
  const admin = new Kafka({ clientId: 'herald-platform-topics', brokers: list, logLevel: logLevel.NOTHING }).admin();
  const wanted = expandSpecs(specs);
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map(toCreateRequest), waitForLeaders: false, timeout: 30_000 });
      await waitForLeaders(
        admin,
        missing.map((s) => s.name),
      );
    }
    const present = wanted.filter((s) => existing.has(s.name));
    const mismatched = [];
    if (present.length > 0) {
      const meta = await admin.fetchTopicMetadata({ topics: present.map((s) => s.name) });
      for (const t of meta.topics) {
        const want = present.find((s) => s.name === t.name).partitions;
        if (t.partitions.length !== want)
          mismatched.push({ name: t.name, partitions: t.partitions.length, wanted: want });
      }
    }
    return { created: missing.map((s) => s.name), existing: present.map((s) => s.name), mismatched };
  } finally {
    await admin.disconnect();
  }
}

module.exports = { ensureTopics, readTopicManifest, expandSpecs, MANIFEST };
