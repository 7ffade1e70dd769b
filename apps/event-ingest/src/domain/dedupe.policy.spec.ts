import {
  HTTP_POSITION,
  decideDedupe,
  samePosition,
  shouldEmit,
  splitInBatchDuplicates,
  type DedupeCandidate,
  type DedupeRow,
  type RecordPosition,
} from './dedupe.policy';

const at = (partition: number, offset: string, topic = 'order.placed'): RecordPosition => ({
  topic,
  partition,
  offset,
});
const candidate = (position: RecordPosition, eventId = 'e-1', source = 'shop'): DedupeCandidate => ({
  source,
  eventId,
  eventType: 'order.placed',
  position,
});
const row = (inserted: boolean, firstSeen?: RecordPosition): DedupeRow => ({
  source: 'shop',
  eventId: 'e-1',
  inserted,
  firstSeen,
});

describe('decideDedupe', () => {
  it.each<[string, RecordPosition, DedupeRow | undefined, string]>([
    ['first sighting', at(1, '10'), row(true), 'new'],
    ['first sighting over HTTP', HTTP_POSITION, row(true), 'new'],
    [
      'the same record redelivered after a crash before the publish',
      at(1, '10'),
      row(false, at(1, '10')),
      'redelivery',
    ],
    ['a re-published copy on another partition', at(2, '10'), row(false, at(1, '10')), 'duplicate'],
    ['a re-published copy later on the same partition', at(1, '11'), row(false, at(1, '10')), 'duplicate'],
    ['the same offset of another topic', at(1, '10', 'order.shipped'), row(false, at(1, '10')), 'duplicate'],
    ['a Kafka copy of an event first posted over HTTP', at(1, '10'), row(false, HTTP_POSITION), 'duplicate'],
    ['an HTTP re-post of an event first read from Kafka', HTTP_POSITION, row(false, at(1, '10')), 'duplicate'],
    ['an HTTP re-post of an HTTP event', HTTP_POSITION, row(false, HTTP_POSITION), 'duplicate'],
    ['a row committed by a concurrent transaction after our snapshot', at(1, '10'), row(false), 'duplicate'],
    ['no row at all', at(1, '10'), undefined, 'duplicate'],
  ])('%s -> %s', (_name, position, dedupeRow, expected) => {
    expect(decideDedupe(candidate(position), dedupeRow)).toBe(expected);
  });

  it('emits new events and redeliveries, never duplicates', () => {
    expect([shouldEmit('new'), shouldEmit('redelivery'), shouldEmit('duplicate')]).toEqual([true, true, false]);
  });

  it('never treats two HTTP requests as the same record', () => {
    expect(samePosition(HTTP_POSITION, HTTP_POSITION)).toBe(false);
    expect(samePosition(at(0, '5'), at(0, '5'))).toBe(true);
  });
});

describe('splitInBatchDuplicates', () => {
  it('keeps the first record of a source+id in a batch and marks later ones duplicates', () => {
    const first = candidate(at(1, '10'));
    const otherSource = candidate(at(1, '11'), 'e-1', 'other-shop');
    const copy = candidate(at(1, '12'));
    const other = candidate(at(1, '13'), 'e-2');
    expect(splitInBatchDuplicates([first, otherSource, copy, other])).toEqual({
      unique: [first, otherSource, other],
      duplicates: [copy],
    });
  });

  it('does not confuse ids that only collide when concatenated', () => {
    const a = candidate(at(0, '1'), 'b:c', 'a');
    const b = candidate(at(0, '2'), 'c', 'a:b');
    expect(splitInBatchDuplicates([a, b]).duplicates).toEqual([]);
  });
});
