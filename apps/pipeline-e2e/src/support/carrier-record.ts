import { referenceOf, type SimulatorClient } from './simulator-client';

/** What the carrier (the simulator) recorded for one of our messages. */
export interface CarrierView {
  /** Submits of its first part accepted (status 0) or never answered: more than 1 is a duplicate. */
  taken: number;
  /** Extra taken submits over all parts: the simulator's own definition of a duplicate. */
  duplicates: number;
  unanswered: number;
  /** When the first taken submit arrived (epoch ms). */
  firstAt?: number;
  systemIds: string[];
}

interface Submit {
  userMessageReference?: string;
  receivedAt: string;
  status: number | null;
  concat?: { index: number };
  systemId?: string;
}

/** The simulator's record of each message id, from every submit it received since `since` (epoch ms). */
export async function carrierRecord(
  simulator: SimulatorClient,
  messageIds: Iterable<string>,
  since: number,
): Promise<Map<string, CarrierView>> {
  const byReference = new Map<string, string>();
  for (const id of messageIds) byReference.set(referenceOf(id), id);
  const submits = (await simulator.submits({ since, limit: 100000 })) as unknown as Submit[];
  const perPart = new Map<string, Map<number, number>>();
  const out = new Map<string, CarrierView>();
  for (const id of byReference.values()) out.set(id, { taken: 0, duplicates: 0, unanswered: 0, systemIds: [] });
  for (const s of submits) {
    const id = s.userMessageReference === undefined ? undefined : byReference.get(s.userMessageReference);
    if (id === undefined) continue;
    const view = out.get(id)!;
    if (s.systemId !== undefined && !view.systemIds.includes(s.systemId)) view.systemIds.push(s.systemId);
    if (s.status === null) view.unanswered++;
    if (s.status !== null && s.status !== 0) continue;
    const part = s.concat?.index ?? 0;
    const parts = perPart.get(id) ?? perPart.set(id, new Map()).get(id)!;
    parts.set(part, (parts.get(part) ?? 0) + 1);
    if (parts.get(part)! > 1) view.duplicates++;
    // SMPP numbers parts from 1; a single-part message has no concat info.
    if (s.concat === undefined || s.concat.index === 1) {
      view.taken = Math.max(view.taken, parts.get(part)!);
      const at = Date.parse(s.receivedAt);
      if (view.firstAt === undefined || at < view.firstAt) view.firstAt = at;
    }
  }
  return out;
}

/** Nearest-rank percentile (p in 0..1) of a list of numbers; NaN for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
