import { SetMetadata } from '@nestjs/common';
import type { TopicName } from '@herald/contracts';
import { ON_TOPIC_METADATA } from './tokens';

/**
 * Marks a provider method as the handler of a topic. The method receives the validated records of
 * one fetch of that topic (one or more partitions, each partition's records in order) and a
 * BatchContext to publish outputs or fail single records.
 */
export const OnTopic = (...topics: TopicName[]): MethodDecorator => SetMetadata(ON_TOPIC_METADATA, topics);
