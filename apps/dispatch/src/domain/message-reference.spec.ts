import { concatReferenceFor, messageIdFromReference, referenceFor } from './message-reference';

describe('message references', () => {
  const id = '26bcc33f-54bc-53c2-bd06-89c6b787d038';

  it('turns a message id into a 22-character reference and back', () => {
    const ref = referenceFor(id);
    expect(ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(messageIdFromReference(ref)).toBe(id);
  });

  it.each([undefined, '', 'drop-3', '12345', 'a'.repeat(23), '!'.repeat(22)])('reads %j as no message id', (ref) => {
    expect(messageIdFromReference(ref)).toBeUndefined();
  });

  it('refuses to reference something that is not a UUID', () => {
    expect(() => referenceFor('msg-1')).toThrow(TypeError);
  });

  it('derives the same concatenation reference for every attempt of a message', () => {
    expect(concatReferenceFor(id)).toBe(0xd038);
    expect(concatReferenceFor(id)).toBe(concatReferenceFor(id.toUpperCase()));
  });
});
