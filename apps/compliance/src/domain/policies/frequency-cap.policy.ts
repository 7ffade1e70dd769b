import type { MessageCategory } from '@herald/contracts';
import type { FrequencyCapRule } from '../rules/compliance-rules';
import { suppress, type Suppression } from '../decision';

/** One approved send counted against a cap: the message id makes a redelivery count once. */
export interface CapEntry {
  id: string;
  /** Epoch ms of the approval. */
  at: number;
}

export interface CapCounter {
  recipientToken: string;
  capName: string;
  entries: CapEntry[];
}

export interface CapWrite extends CapCounter {
  windowMs: number;
}

interface CapFacts {
  messageId: string;
  recipientToken: string;
  category: MessageCategory;
}

/**
 * Sliding-window caps per recipient. A send approved at t counts while now < t + window: with a
 * limit of 1 per hour, the next one is allowed at exactly t + 1 h. One ledger lives for one batch;
 * it starts from the stored counters and collects the counters it changed for a single upsert.
 */
export class CapLedger {
  private readonly counters = new Map<string, CapCounter>();
  private readonly touched = new Set<string>();

  constructor(
    stored: readonly CapCounter[],
    private readonly caps: readonly FrequencyCapRule[],
  ) {
    for (const c of stored) this.counters.set(keyOf(c.recipientToken, c.capName), { ...c, entries: [...c.entries] });
  }

  check(message: CapFacts, nowMs: number): Suppression | undefined {
    const applicable = this.applicable(message);
    if (applicable.some(([, counter]) => counter.entries.some((e) => e.id === message.messageId))) return undefined;
    for (const [cap, counter] of applicable) {
      const inWindow = counter.entries.filter((e) => e.at > nowMs - cap.windowSeconds * 1000).length;
      if (inWindow >= cap.limit) {
        return suppress(
          'FREQUENCY_CAP',
          `cap ${cap.name} reached: ${cap.limit} ${cap.categories.join('/')} per ${cap.windowSeconds} s`,
        );
      }
    }
    return undefined;
  }

  record(message: CapFacts, nowMs: number): void {
    for (const [cap, counter] of this.applicable(message)) {
      if (counter.entries.some((e) => e.id === message.messageId)) continue;
      counter.entries = counter.entries.filter((e) => e.at > nowMs - cap.windowSeconds * 1000);
      counter.entries.push({ id: message.messageId, at: nowMs });
      this.counters.set(keyOf(counter.recipientToken, cap.name), counter);
      this.touched.add(keyOf(counter.recipientToken, cap.name));
    }
  }

  writes(): CapWrite[] {
    const windows = new Map(this.caps.map((c) => [c.name, c.windowSeconds * 1000]));
    return [...this.touched].map((k) => {
      const c = this.counters.get(k) as CapCounter;
      return { ...c, windowMs: windows.get(c.capName) as number };
    });
  }

  private applicable(message: CapFacts): Array<[FrequencyCapRule, CapCounter]> {
    return this.caps
      .filter((cap) => cap.categories.includes(message.category))
      .map((cap) => [
        cap,
        this.counters.get(keyOf(message.recipientToken, cap.name)) ?? {
          recipientToken: message.recipientToken,
          capName: cap.name,
          entries: [],
        },
      ]);
  }
}

function keyOf(token: string, cap: string): string {
  return `${token}\u0000${cap}`;
}
