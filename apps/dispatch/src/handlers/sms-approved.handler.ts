import { Injectable } from '@nestjs/common';
import { Topics, type SmsApprovedV1 } from '@herald/contracts';
import { BatchContext, OnTopic, type ConsumedMessage } from '@herald/kafka';
import { DispatchRuntime } from '../dispatch.runtime';

@Injectable()
export class SmsApprovedHandler {
  constructor(private readonly runtime: DispatchRuntime) {}

  @OnTopic(Topics.SmsApprovedV1)
  handle(batch: ConsumedMessage<SmsApprovedV1>[], ctx: BatchContext): Promise<void> {
    return this.runtime.dispatcher.dispatch(batch, ctx);
  }
}
