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
      out.push({ topic, name: file.replace(/\.json$/, ''), data: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) });
    }
  }
  return out;
}

/** A distinct, valid French mobile number per index (+33 6 .. .. .. ..). */
export function frenchMobile(i: number): string {
  return `+336${String(10000000 + (i % 89999999)).padStart(8, '0')}`;
}
