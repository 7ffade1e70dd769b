import { createHmac } from 'node:crypto';
import { HERALD_NAMESPACE, isUuid, eventMessageIdFor, messageIdFor, recipientTokenFor, uuidv5 } from './ids';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidv5', () => {
  it('matches the RFC/Python reference vectors', () => {
    expect(uuidv5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidv5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidv5('http://python.org/', URL_NAMESPACE)).toBe('4c565f0d-3f5a-5890-b41b-20cf47701c5e');
  });

  it('accepts an uppercase namespace and rejects a malformed one', () => {
    expect(uuidv5('www.example.com', DNS_NAMESPACE.toUpperCase())).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(() => uuidv5('x', 'not-a-uuid')).toThrow(TypeError);
  });

  it('hashes names as UTF-8', () => {
    expect(uuidv5('Amélie', HERALD_NAMESPACE)).not.toBe(uuidv5('Amelie', HERALD_NAMESPACE));
  });
});

describe('messageIdFor', () => {
  const token = 'a'.repeat(64);

  it('is deterministic and a version 5 UUID', () => {
    const id = messageIdFor('evt-1', 'order_placed', token);
    expect(id).toBe(messageIdFor('evt-1', 'order_placed', token));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
  });

  it('separates the parts so they cannot run into each other', () => {
    expect(messageIdFor('evt-1', 'a', token)).not.toBe(messageIdFor('evt-1a', '', token));
    expect(messageIdFor('evt-1', 'order_placed', token)).not.toBe(messageIdFor('evt-2', 'order_placed', token));
  });
});

describe('eventMessageIdFor', () => {
  const token = recipientTokenFor('secret', '+33612345678');
  it('is a v5 UUID keyed by source, event id, template and recipient', () => {
    const id = eventMessageIdFor('shop', 'evt-1', 'order_placed', token);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe(eventMessageIdFor('shop', 'evt-1', 'order_placed', token));
    expect(id).not.toBe(eventMessageIdFor('other-shop', 'evt-1', 'order_placed', token));
    expect(eventMessageIdFor('shop', 'a', 'x', token)).not.toBe(eventMessageIdFor('shopa', '', 'x', token));
  });
});

describe('recipientTokenFor', () => {
  it('returns the full HMAC-SHA256 hex digest', () => {
    const token = recipientTokenFor('secret', '+33612345678');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toBe(createHmac('sha256', 'secret').update('+33612345678').digest('hex'));
  });

  it('accepts a Buffer key and depends on the key', () => {
    const key = Buffer.from('secret');
    expect(recipientTokenFor(key, '+33612345678')).toBe(recipientTokenFor('secret', '+33612345678'));
    expect(recipientTokenFor('other', '+33612345678')).not.toBe(recipientTokenFor('secret', '+33612345678'));
  });
});
