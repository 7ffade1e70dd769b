import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SmsApprovedV1 } from '@herald/contracts';
import { planMessage } from './message-plan';
import { messageIdFromReference } from './message-reference';

const fixture = (name: string): SmsApprovedV1 =>
  JSON.parse(
    readFileSync(path.join(__dirname, '../../../../libs/contracts/fixtures/sms.approved.v1/valid', name), 'utf8'),
  ) as SmsApprovedV1;

describe('planMessage', () => {
  const fr = fixture('fr-alphanumeric-sender.json');
  const india = fixture('en-india-dlt.json');

  it('splits a UCS-2 body into its parts and keeps what the carrier needs', () => {
    const body =
      'Votre commande 10023 est partie 📦 et arrivera demain entre 9 h et 12 h. Suivi : https://track.example/10023';
    const plan = planMessage(fr, body, '+33612345678');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.sms).toMatchObject({
      messageId: fr.messageId,
      destination: '+33612345678',
      source: 'MaisonDrnd',
      encoding: 'UCS2',
      country: 'FR',
      expiresAt: Date.parse(fr.expiresAt),
    });
    expect(plan.sms.parts.length).toBe(2);
    expect(plan.sms.parts.join('')).toBe(body);
    expect(messageIdFromReference(plan.sms.reference)).toBe(fr.messageId);
  });

  it('carries India DLT ids', () => {
    const plan = planMessage(india, 'Your ACME Bank code is 482913. Valid 10 min.', '+919876543210');
    expect(plan.ok && plan.sms).toMatchObject({
      entityId: india.entityId,
      registeredTemplateId: india.registeredTemplateId,
      parts: ['Your ACME Bank code is 482913. Valid 10 min.'],
    });
  });

  it.each([
    ['a number that is not E.164', fr, 'Hello', '0612345678', 'recipient.phoneEnc'],
    ['an empty body', fr, '', '+33612345678', 'bodyEnc'],
    [
      'a GSM7 message with characters outside GSM 03.38',
      { ...india, encoding: 'GSM7' as const },
      'Code 48291 ✓',
      '+919876543210',
      'encoding',
    ],
    ['an unreadable expiry', { ...fr, expiresAt: 'soon' }, 'Hello', '+33612345678', 'expiresAt'],
  ])('refuses %s, naming the field', (_name, message, body, e164, field) => {
    expect(planMessage(message, body, e164)).toMatchObject({ ok: false, field });
  });
});
