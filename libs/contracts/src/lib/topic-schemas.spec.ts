import { SmsApprovedV1 } from './dto/sms-approved.v1';
import { SmsRenderedV1 } from './dto/sms-rendered.v1';
import { TopicSchemas } from './topic-schemas';
import { Topics } from './topics';

describe('TopicSchemas', () => {
  it('maps every registered topic to a DTO class', () => {
    expect(Object.keys(TopicSchemas).sort()).toEqual(Object.values(Topics).sort());
    for (const cls of Object.values(TopicSchemas)) expect(typeof cls).toBe('function');
  });

  it('uses one class per topic', () => {
    expect(new Set(Object.values(TopicSchemas)).size).toBe(Object.keys(TopicSchemas).length);
    expect(new TopicSchemas[Topics.SmsApprovedV1]()).toBeInstanceOf(SmsRenderedV1);
    expect(TopicSchemas[Topics.SmsApprovedV1]).toBe(SmsApprovedV1);
  });
});
