import fs from 'node:fs';
import path from 'node:path';
import { DomainTopics, type DomainTopicName } from '@herald/contracts';

const root = path.resolve(__dirname, '../../../..');

export interface Sample {
  topic: DomainTopicName;
  name: string;
  data: Record<string, unknown> & { customer: { phone: string; locale?: string } };
}

/** Every valid fixture of every domain event type: the happy paths, in every shipped locale. */
export function domainSamples(): Sample[] {
  const out: Sample[] = [];
  for (const topic of DomainTopics) {
    const dir = path.join(root, 'libs/contracts/fixtures', topic, 'valid');
    for (const file of fs.readdirSync(dir).sort()) {
      out.push({
        topic,
        name: file.replace(/\.json$/, ''),
        data: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
      });
    }
  }
  return out;
}

/**
 * A distinct, valid French mobile number per index below 10 million (+33 6 1. .. .. ..). Only the
 * 061 block: about 9% of 06 numbers are unallocated (e.g. 0639, 069x) and compliance rightly
 * suppresses them as INVALID_NUMBER, so a random index over all of 06 made tests flaky.
 */
export function frenchMobile(i: number): string {
  return `+3361${String(Math.abs(i) % 10_000_000).padStart(7, '0')}`;
}

/**
 * A shop-like order number for the i-th order of a stream (`100023`), within the 20 characters the
 * order templates declare for `orderId`. Tests correlate by event id (`ce_id`), never by this.
 */
export function orderNumber(i: number): string {
  return String(100000 + i);
}
