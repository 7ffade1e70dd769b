import { HeraldError } from '@herald/contracts';
import {
  renderMessage,
  recipientFormat,
  type CompiledTemplate,
  type LocaleTemplates,
  type RenderInput,
} from './render-message';
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
  [
    'fr',
    compiled({
      locale: 'fr',
      body: 'Bonjour{% if customer.firstName %} {{ customer.firstName }}{% endif %}, commande {{ orderId }} de {{ total | money }} confirmée.',
    }),
  ],
  [
    'en',
    compiled({
      locale: 'en',
      body: 'Hi {{ customer.firstName | default: "there" }}, order {{ orderId }} for {{ total | money }} is confirmed.',
    }),
  ],
  [
    'fr-CA',
    compiled({ locale: 'fr-CA', body: 'Allô {{ customer.firstName }}, commande {{ orderId }} : {{ total | money }}.' }),
  ],
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
    const otp = new Map([
      [
        'en',
        compiled({
          key: 'auth.otp_requested',
          locale: 'en',
          body: '{{ otp.code }} is your {{ brand }} code. Expires in {{ otp.expiresInSeconds | divided_by: 60 }} min.',
        }),
      ],
    ]);
    const request = input({
      templateKey: 'auth.otp_requested',
      locale: 'en-IE',
      variables: { otp: { expiresInSeconds: 600 } },
      secrets: { otp: { code: '482913' } },
    });
    const { body } = renderMessage(engine, request, () => otp, 'en');
    expect(body.text).toBe('482913 is your Maison Durand code. Expires in 10 min.');
  });

  it.each([
    [
      'an unknown key',
      input({ templateKey: 'nope' }),
      'UNKNOWN_TEMPLATE',
      /no active template nope for locales fr-FR -> fr -> en/,
    ],
    ['a locale with no fallback', input({ locale: 'de-DE' }), 'UNKNOWN_TEMPLATE', /de-DE -> de -> it/],
    [
      'a missing variable',
      input({ variables: { orderId: '1', customer: {} } }),
      'MISSING_VARIABLE',
      /order.placed\/fr v1: variable total is not in the event/,
    ],
    [
      'a bad money value',
      input({ variables: { orderId: '1', total: 49.9 } }),
      'TEMPLATE_RENDER_FAILED',
      /money filter/,
    ],
    [
      'a body over maxSegments',
      input({ variables: { orderId: '1'.repeat(400), total: { amount: '1', currency: 'EUR' } } }),
      'TOO_MANY_SEGMENTS',
      /renders 3 segments \(GSM7, 439 characters\), max 2/,
    ],
  ])('fails %s with %s', (_label, request, code, message) => {
    const defaultLocale = request.locale === 'de-DE' ? 'it' : 'en';
    const error = failure(() => renderMessage(engine, request, templates, defaultLocale));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('never puts the value of a missing or failing variable in the error', () => {
    const error = failure(() =>
      renderMessage(
        engine,
        input({ variables: { orderId: '1', total: { amount: 'SECRET-99', currency: 'EUR' } } }),
        templates,
        'en',
      ),
    );
    expect(error.message).not.toContain('SECRET-99');
  });

  it('renders Liquid syntax inside event data as text', () => {
    const { body } = renderMessage(
      engine,
      input({
        variables: {
          orderId: '{{ brand }}{% raw %}',
          customer: { firstName: '{% for i in (1..9) %}x{% endfor %}' },
          total: { amount: '1', currency: 'EUR' },
        },
      }),
      templates,
      'en',
    );
    expect(body.text).toBe(
      'Bonjour {% for i in (1..9) %}x{% endfor %}, commande {{ brand }}{% raw %} de 1,00 € confirmée.',
    );
  });
});

describe('renderMessage enforces the declared variables (issue 19)', () => {
  const declared = new Map([
    [
      'en',
      compiled({
        key: 'system.help',
        locale: 'en',
        body: '{{ brand }}: order {{ orderId }}, code {{ otp.code }}.',
        variables: {
          brand: { maxLength: 20, sample: 'Maison Durand' },
          orderId: { maxLength: 8, sample: '10023' },
          'otp.code': { maxLength: 6, sample: '123456', secret: true },
        },
      }),
    ],
  ]);
  const help = (over: Partial<RenderInput>) => input({ templateKey: 'system.help', locale: 'en', ...over });

  it('renders values within their declaration, a number standing for digits', () => {
    const { body } = renderMessage(
      engine,
      help({ variables: { orderId: 10023 }, secrets: { otp: { code: '482913' } } }),
      () => declared,
      'en',
    );
    expect(body.text).toBe('Maison Durand: order 10023, code 482913.');
  });

  it('fails a value longer than its maxLength instead of sending it longer than the lint measured', () => {
    const error = failure(() =>
      renderMessage(
        engine,
        help({ variables: { orderId: '123456789' }, secrets: { otp: { code: '1' } } }),
        () => declared,
        'en',
      ),
    );
    expect(error.code).toBe('VARIABLE_INVALID');
    expect(error.message).toMatch(/system.help\/en v1: variable orderId has 9 characters, more than its maxLength 8/);
    expect(error.details).toEqual({ variable: 'orderId' });
  });

  it.each([
    ['an object for text', { orderId: { a: 1 } }, /orderId must be text, the event has object/],
    ['a list for text', { orderId: ['1'] }, /orderId must be text, the event has list/],
    ['a boolean for text', { orderId: true }, /orderId must be text, the event has boolean/],
  ])('fails %s', (_label, variables, message) => {
    const error = failure(() =>
      renderMessage(engine, help({ variables, secrets: { otp: { code: '1' } } }), () => declared, 'en'),
    );
    expect(error.code).toBe('VARIABLE_INVALID');
    expect(error.message).toMatch(message);
  });

  it('checks secrets too without putting their value in the error', () => {
    const error = failure(() =>
      renderMessage(
        engine,
        help({ variables: { orderId: '1' }, secrets: { otp: { code: 'SECRET-1234' } } }),
        () => declared,
        'en',
      ),
    );
    expect(error.code).toBe('VARIABLE_INVALID');
    expect(error.message).not.toContain('SECRET');
  });

  it('prints the configured brand of a system reply whatever variables.brand carries', () => {
    const request = help({
      variables: { orderId: '1', brand: 'Call +1 900 555 0100 now' },
      secrets: { otp: { code: '1' } },
    });
    expect(renderMessage(engine, request, () => declared, 'en').body.text).toBe('Maison Durand: order 1, code 1.');
  });

  it('fails a configured display name longer than the template declares', () => {
    const error = failure(() =>
      renderMessage(
        engine,
        help({ brand: 'A very long brand display name', variables: { orderId: '1' }, secrets: { otp: { code: '1' } } }),
        () => declared,
        'en',
      ),
    );
    expect(error.code).toBe('VARIABLE_INVALID');
    expect(error.message).toMatch(/variable brand has 30 characters/);
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
