import fs from 'node:fs';
import path from 'node:path';
import { DomainTopics } from '@herald/contracts';
import { lintTemplate } from '../domain/template-lint';
import { TemplateEngine } from '../domain/template-engine';
import { SEED_TEMPLATES_V1 } from './seed-templates.v1';

const engine = new TemplateEngine();

describe('seed templates v1', () => {
  it('covers every domain event type and the STOP/START/HELP replies in en and fr', () => {
    const keys = [...DomainTopics, 'system.stop_confirmation', 'system.start_confirmation', 'system.help'];
    const seeded = new Set(SEED_TEMPLATES_V1.map((t) => `${t.key}/${t.locale}`));
    for (const key of keys) for (const locale of ['en', 'fr']) expect(seeded).toContain(`${key}/${locale}`);
    expect(SEED_TEMPLATES_V1).toHaveLength(keys.length * 2);
  });

  it.each(SEED_TEMPLATES_V1.map((t) => [`${t.key}/${t.locale}`, t] as const))(
    '%s passes the save-time lint',
    (_label, draft) => {
      const report = lintTemplate(engine, draft);
      expect(report.problems).toEqual([]);
      expect(report.worst?.segments).toBeLessThanOrEqual(draft.maxSegments);
      expect(report.worst?.encoding).toBe('GSM7');
    },
  );

  // Render enforces maxLength, so a limit tighter than what real shops send fails real messages
  // (a Colissimo tracking link is 66 characters; the first limit was 60).
  it.each(DomainTopics.map((t) => [t] as const))(
    '%s: every valid contract fixture fits the declared limits',
    (type) => {
      const dir = path.resolve(__dirname, '../../../../libs/contracts/fixtures', type, 'valid');
      const declared = SEED_TEMPLATES_V1.filter((t) => t.key === type).flatMap((t) => Object.entries(t.variables));
      for (const file of fs.readdirSync(dir)) {
        const event = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
        for (const [name, variable] of declared) {
          const value = name
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], event);
          if (typeof value === 'string')
            expect({ file, name, length: value.length }).toEqual({
              file,
              name,
              length: Math.min(value.length, variable.maxLength),
            });
        }
      }
    },
  );

  it('marks the OTP code as secret', () => {
    for (const t of SEED_TEMPLATES_V1.filter((s) => s.key === 'auth.otp_requested'))
      expect(t.variables['otp.code'].secret).toBe(true);
  });
});
