export { testEnv, TEST_RECIPIENT_TOKEN_KEY, TEST_PII_KEYS } from './lib/test-env';
export { KafkaProbe, type ProbeRecord } from './lib/kafka-probe';
export { waitFor } from './lib/wait-for';
export { uniqueId } from './lib/unique-id';
export { deadLetterValue } from './lib/dead-letter';
export { TopicTail, startGroupAtEnd, deleteGroups, type TailRecord } from './lib/topic-tail';
export { TopicWatcher, type WatchedRecord } from './lib/topic-watcher';
export { publishApproved, collectStatuses, statusesSoFar } from './lib/status-probe';
export { TopicFollower, type FollowedRecord } from './lib/topic-follower';
