import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { TopicName } from '@herald/contracts';
import type { TopicHandlerFn } from '../consume/batch-context';
import { ON_TOPIC_METADATA } from './tokens';

/** Finds every `@OnTopic` method among the app's providers; one handler per topic. */
@Injectable()
export class HandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  explore(): Map<string, TopicHandlerFn<unknown>> {
    const handlers = new Map<string, TopicHandlerFn<unknown>>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as TopicHandlerFn<unknown>;
        const topics = this.reflector.get<TopicName[] | undefined>(ON_TOPIC_METADATA, method);
        for (const topic of topics ?? []) {
          if (handlers.has(topic)) throw new Error(`two handlers for topic ${topic}`);
          handlers.set(topic, method.bind(instance));
        }
      }
    }
    return handlers;
  }
}
