import { HeraldError } from '@herald/contracts';
import { renderMessage, recipientFormat, type CompiledTemplate, type LocaleTemplates, type RenderInput } from './render-message';
import { TemplateEngine } from './template-engine';
import type { TemplateDraft } from './template';

const engine = new TemplateEngine();

function compiled(draft: Partial<TemplateDraft> & { locale: string; body: string }, version = 1): CompiledTemplate {
  return {
    key: 'order.placed',
    senderProfile: 'transactional-default',
    category: 'transactional',
    maxSegments: 2,
    transliterate: true,
    variables: {},
    version,
    active: true,
    createdAt: '2025-03-01T00:00:00Z',
    ...draft,
    compiled: engine.compile(draft.body),
  };
}

const orderPlaced = new Map([
  ['fr', compiled({ locale: 'fr', body: 'Bonjour{% if customer.firstName %} {{ customer.firstName }}{% endif %}, commande {{ orderId }} de {{ total | money }} confirmée.' })],
  ['en', compiled({ locale: 'en', body: 'Hi {{ customer.firstName | default: "there" }}, order {{ orderId }} for {{ total | money }} is confirmed.' })],
  ['fr-CA', compiled({ locale: 'fr-CA', body: 'Allô {{ customer.firstName }}, commande {{ orderId }} : {{ total | money }}.' })],
]);

const byKey = new Map<string, LocaleTemplates>([['order.placed', orderPlaced]]);
const templates = (key: string) => byKey.get(key);

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  templateKey: 'order.placed',
  locale: 'fr-FR',
  country: 'FR',
  brand: 'Maison Durand',
  variables: { orderId: '10023', customer: { firstName: 'Amélie' }, total: { amount: '49.90', currency: 'EUR' } },
  ...over,
});

function failure(run: () => unknown): HeraldError {
  try {
    run();
  } catch (e) {
    if (e instanceof HeraldError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('renderMessage', () => {
  it('renders the French template for fr-FR with euros, transliterated to GSM-7', () => {
    const { template, body } = renderMessage(engine, input(), templates, 'en');
    expect(template.locale).toBe('fr');
    expect(body.text).toBe('Bonjour Amélie, commande 10023 de 49,90 € confirmée.');
    expect(body.transliterated).toBe(true);
    expect(body.analysis).toMatchObject({ encoding: 'GSM7', segments: 1, characters: 52 });
  });

  it.each([
    ['fr-CA', 'fr-CA', 'Allo Amélie, commande 10023 : 49,90 €.'],
    ['fr-BE', 'fr', 'Bonjour Amélie, commande 10023 de 49,90 € confirmée.'],
    ['de-DE', 'en', 'Hi Amélie, order 10023 for 49,90 € is confirmed.'],
    ['en-US', 'en', 'Hi Amélie, order 10023 for €49.90 is confirmed.'],
  ])('%s falls back to the %s template and formats money for the recipient', (locale, templateLocale, text) => {
    const { template, body } = renderMessage(engine, input({ locale }), templates, 'en');
    expect(template.locale).toBe(templateLocale);
    expect(body.text).toBe(text);
  });

  it('renders a secret merged from secretsEnc and the brand', () => {
    const otp = new Map([['en', compiled({ key: 'auth.otp_requested', locale: 'en', body: '{{ otp.code }} is your {{ brand }} code. Expires in {{ otp.expiresInSeconds | divided_by: 60 }} min.' })]]);
    const request = input({ templateKey: 'auth.otp_requested', locale: 'en-IE', variables: { otp: { expiresInSeconds: 600 } }, secrets: { otp: { code: '482913' } } });
    const { body } = renderMessage(engine, request, () => otp, 'en');
    expect(body.text).toBe('482913 is your Maison Durand code. Expires in 10 min.');
  });

  it.each([
    ['an unknown key', input({ templateKey: 'nope' }), 'UNKNOWN_TEMPLATE', /no active template nope for locales fr-FR -> fr -> en/],
    ['a locale with no fallback', input({ locale: 'de-DE' }), 'UNKNOWN_TEMPLATE', /de-DE -> de -> it/],
    ['a missing variable', input({ variables: { orderId: '1', customer: {} } }), 'MISSING_VARIABLE', /order.placed\/fr v1: variable total is not in the event/],
    ['a bad money value', input({ variables: { orderId: '1', total: 49.9 } }), 'TEMPLATE_RENDER_FAILED', /money filter/],
    ['a body over maxSegments', input({ variables: { orderId: '1'.repeat(400), total: { amount: '1', currency: 'EUR' } } }), 'TOO_MANY_SEGMENTS', /renders 3 segments \(GSM7, 439 characters\), max 2/],
  ])('fails %s with %s', (_label, request, code, message) => {
    const defaultLocale = request.locale === 'de-DE' ? 'it' : 'en';
    const error = failure(() => renderMessage(engine, request, templates, defaultLocale));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('never puts the value of a missing or failing variable in the error', () => {
    const error = failure(() => renderMessage(engine, input({ variables: { orderId: '1', total: { amount: 'SECRET-99', currency: 'EUR' } } }), templates, 'en'));
    expect(error.message).not.toContain('SECRET-99');
  });

  it('renders Liquid syntax inside event data as text', () => {
    const { body } = renderMessage(engine, input({ variables: { orderId: '{{ brand }}{% raw %}', customer: { firstName: '{% for i in (1..9) %}x{% endfor %}' }, total: { amount: '1', currency: 'EUR' } } }), templates, 'en');
    expect(body.text).toBe('Bonjour {% for i in (1..9) %}x{% endfor %}, commande {{ brand }}{% raw %} de 1,00 € confirmée.');
  });
});

describe('recipientFormat', () => {
  it.each([
    ['fr-FR', 'America/Martinique', 'FR', 'America/Martinique'],
    ['fr-FR', undefined, 'FR', 'Europe/Paris'],
    ['en-IE', '', 'IE', 'Europe/Dublin'],
    ['en', undefined, 'ZZ', 'UTC'],
  ])('%s, timezone %s, country %s -> %s', (locale, timezone, country, timeZone) => {
    expect(recipientFormat(locale, timezone, country)).toEqual({ locale, timeZone });
  });
});
