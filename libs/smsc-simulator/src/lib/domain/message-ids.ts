const SPACE = 2 ** 40;

/**
 * SMSC message ids: 10 upper-case hex digits, as many SMSCs issue them. A counter from a random
 * start keeps them unique within a run and unlikely to repeat across restarts.
 */
export function messageIdGenerator(start: number = Math.floor(Math.random() * SPACE)): () => string {
  let next = start % SPACE;
  return () => {
    const id = next.toString(16).toUpperCase().padStart(10, '0');
    next = (next + 1) % SPACE;
    return id;
  };
}
