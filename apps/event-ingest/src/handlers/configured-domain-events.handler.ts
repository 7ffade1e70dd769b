import { Injectable, type Type } from '@nestjs/common';
import type { DomainTopicName } from '@herald/contracts';
import { BatchContext, OnTopic } from '@herald/kafka';
import { DomainEventsHandler, type Msg } from './domain-events.handler';

/** The handler subscribed to the topics of INGEST_TOPICS, which are known only at start. */
export function domainEventsHandlerFor(topics: readonly DomainTopicName[]): Type<DomainEventsHandler> {
  @Injectable()
  class ConfiguredDomainEventsHandler extends DomainEventsHandler {
    @OnTopic(...topics)
    override handle(batch: Msg[], ctx: BatchContext): Promise<void> {
      return super.handle(batch, ctx);
    }
  }
  return ConfiguredDomainEventsHandler;
}
