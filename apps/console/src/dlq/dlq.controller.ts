import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { Topics, dlqTopicOf, isTopicName } from '@herald/contracts';
import { listDeadLetters, replayDlq, replayReport } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { OperatorStore, type Operator } from '../auth/operator.store';
import { CurrentOperator, RequireRole, SessionGuard } from '../auth/session.guard';
import { badRequest, required, text, validate } from '../http/errors';
import { ConsoleKafka } from '../health/console-kafka';

const LIST_LIMIT = 500;
const CODE = /^[A-Z0-9_]{1,64}$/;

/** Dead letters through the code the `herald dlq` commands use (@herald/kafka): listing (masked), replay of one record or of a code, dry run first. */
@Controller('api/dlq')
@UseGuards(SessionGuard)
export class DlqController {
  constructor(
    private readonly kafka: ConsoleKafka,
    private readonly cipher: PiiCipher,
    private readonly store: OperatorStore,
  ) {}

  /** Every topic of the registry with its DLQ's record count. */
  @Get()
  async topics(): Promise<{ topics: Array<{ topic: string; dlq: string; records: number }> }> {
    return { topics: await this.kafka.dlqCounts(Object.values(Topics).map((t) => ({ topic: t, dlq: dlqTopicOf(t) }))) };
  }

  @Get(':topic')
  async list(@Param('topic') topic: string, @Query('code') code?: string) {
    this.checkTopic(topic);
    if (code !== undefined && !CODE.test(code))
      throw badRequest('not a reason code', [{ field: 'code', reason: 'must match [A-Z0-9_]{1,64}' }]);
    const records = await listDeadLetters(
      this.kafka.client,
      { dlqTopic: dlqTopicOf(topic), code, limit: LIST_LIMIT },
      this.cipher,
    );
    const codes: Record<string, number> = {};
    for (const r of records) codes[r.code] = (codes[r.code] ?? 0) + 1;
    return { topic, dlq: dlqTopicOf(topic), codes, records, truncated: records.length === LIST_LIMIT };
  }

  /** `{ code?, offset?, dryRun }`: one record (partition:offset) or every record of a code. */
  @Post(':topic/replay')
  @RequireRole('operator')
  @HttpCode(200)
  async replay(@Param('topic') topic: string, @Body() body: unknown, @CurrentOperator() me: Operator) {
    this.checkTopic(topic);
    const req = validate<{ code?: string; offset?: string; dryRun?: unknown }>(body, {
      code: [text(64), (v) => (v === undefined || CODE.test(String(v)) ? undefined : 'must match [A-Z0-9_]{1,64}')],
      offset: [
        text(40),
        (v) => (v === undefined || /^\d+:\d+$/.test(String(v)) ? undefined : 'must be partition:offset, e.g. 0:12'),
      ],
      dryRun: [required, (v) => (typeof v === 'boolean' ? undefined : 'must be true or false')],
    });
    if (!req.code && !req.offset)
      throw badRequest('say what to replay', [{ field: 'code', reason: 'code or offset is required' }]);
    const dryRun = req.dryRun === true;
    const filter = {
      dlqTopic: dlqTopicOf(topic),
      errorCode: req.code,
      offsets: req.offset ? [req.offset] : undefined,
      dryRun,
    };
    const counts = await replayDlq(this.kafka.client, filter, this.cipher);
    const report = replayReport(counts, dryRun);
    if (!dryRun)
      await this.store.audit(me.name, 'dlq.replay', dlqTopicOf(topic), {
        code: req.code,
        offset: req.offset,
        replayed: counts.replayed,
      });
    return { ...report.json, summary: report.summary };
  }

  private checkTopic(topic: string): void {
    if (!isTopicName(topic))
      throw badRequest(`${topic} is not a topic of the registry`, [
        { field: 'topic', reason: 'must be a registry topic, e.g. sms.requested.v1' },
      ]);
  }
}
