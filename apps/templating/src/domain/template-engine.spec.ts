import { HeraldError } from '@herald/contracts';
import { TemplateEngine } from './template-engine';

const engine = new TemplateEngine();
const fr = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
const render = (body: string, context: Record<string, unknown>, recipient = fr) =>
  engine.render(engine.compile(body), context, recipient);

function errorOf(run: () => unknown): HeraldError {
  try {
    run();
  } catch (e) {
    if (e instanceof HeraldError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('TemplateEngine rendering', () => {
  it('renders the French order confirmation with euros for fr-FR', () => {
    const body = 'Bonjour {{ customer.firstName }}, votre commande {{ orderId }} de {{ total | money }} est confirmée.';
    const context = {
      customer: { firstName: 'Amélie' },
      orderId: '10023',
      total: { amount: '49.90', currency: 'EUR' },
    };
    expect(render(body, context)).toBe('Bonjour Amélie, votre commande 10023 de 49,90\u00a0€ est confirmée.');
  });

  it.each([
    ['{{ at | date }}', '15 mars 2025'],
    ['{{ at | date: "short" }}', '15/03/2025'],
    ['{{ at | datetime }}', '15 mars 2025 à 14:30'],
    ['{{ at | time }}', '14:30'],
  ])('%s uses the recipient locale and time zone, replacing the builtin date', (body, expected) => {
    expect(render(body, { at: '2025-03-15T13:30:00Z' })).toBe(expected);
  });

  it('keeps the recipient locale for money even when the template is another locale', () => {
    expect(
      render(
        '{{ total | money }}',
        { total: { amount: '49.90', currency: 'CAD' } },
        { locale: 'fr-CA', timeZone: 'America/Toronto' },
      ),
    ).toBe('49,90\u00a0$');
  });

  it('lets optional fields disappear with if and default', () => {
    const body =
      'Hi {{ customer.firstName | default: "there" }}{% if trackingUrl %}, track: {{ trackingUrl }}{% endif %}.';
    expect(render(body, { customer: {} })).toBe('Hi there.');
    expect(render(body, {})).toBe('Hi there.');
    expect(render(body, { customer: { firstName: 'Ann' }, trackingUrl: 'https://t.example/1' })).toBe(
      'Hi Ann, track: https://t.example/1.',
    );
  });

  it('supports the standard filters a template needs', () => {
    expect(
      render('{{ items | map: "name" | join: ", " }} {{ s | divided_by: 60.0 | ceil }} min', {
        items: [{ name: 'a' }, { name: 'b' }],
        s: 90,
      }),
    ).toBe('a, b 2 min');
  });
});

describe('TemplateEngine strictness', () => {
  it.each([
    ['Hi {{ customer.firstName }}', {}, 'customer'],
    ['Hi {{ customer.firstName }}', { customer: {} }, 'customer.firstName'],
    ['Code {{ otp.code }}', { otp: { expiresInSeconds: 600 } }, 'otp.code'],
    ['{{ total | money }}', {}, 'total'],
  ])('%s with %j is MISSING_VARIABLE naming %s', (body, context, name) => {
    const error = errorOf(() => render(body, context));
    expect(error.code).toBe('MISSING_VARIABLE');
    expect(error.message).toContain(name);
    expect(error.details).toEqual({ variable: name });
  });

  it('treats a printed null as a missing variable, never as an empty string', () => {
    expect(errorOf(() => render('Hi {{ name }}!', { name: null })).code).toBe('MISSING_VARIABLE');
  });

  it.each([
    ['{{ total }}', { total: { amount: '1', currency: 'EUR' } }],
    ['{{ total | raw }}', { total: { amount: '1', currency: 'EUR' } }],
    ['{{ items }}', { items: [1, 2] }],
    ['{{ total | money }}', { total: 'nope' }],
    ['{{ at | date: "%Y" }}', { at: '2025-03-15T13:30:00Z' }],
  ])('%s with %j is TEMPLATE_RENDER_FAILED', (body, context) => {
    expect(errorOf(() => render(body, context)).code).toBe('TEMPLATE_RENDER_FAILED');
  });

  it.each([
    ['Hi {{ name | shout }}', /undefined filter: shout/],
    ['Hi {{ name', /not closed/],
    ['{% if x %}open', /not closed/],
    ['{% include "secrets.txt" %}', /not allowed/],
    ['{% render "x" %}', /not allowed/],
  ])('refuses to compile %s', (body, message) => {
    const error = errorOf(() => engine.compile(body));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toMatch(message);
  });

  it('renders a stored body that no longer compiles as TEMPLATE_RENDER_FAILED', () => {
    const broken = engine.compileOrFailure('Hi {{ name | shout }}');
    const error = errorOf(() => engine.render(broken, { name: 'x' }, fr));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toMatch(/undefined filter: shout/);
  });

  it('stops a runaway loop instead of hanging the consumer', () => {
    expect(errorOf(() => render('{% for i in (1..100000000) %}{{ i }}{% endfor %}', {})).code).toBe(
      'TEMPLATE_RENDER_FAILED',
    );
  });

  it('reads only own properties of the data', () => {
    expect(errorOf(() => render('{{ name.constructor }}', { name: 'x' })).code).toBe('MISSING_VARIABLE');
  });

  it('lists the variables a body reads', () => {
    const compiled = engine.compile(
      '{{ brand }}: {% if customer.firstName %}{{ customer.firstName }}{% endif %} {{ total | money }} {% for i in items %}{{ i.name }}{% endfor %}',
    );
    expect([...compiled.variables].sort()).toEqual(['brand', 'customer.firstName', 'items', 'total']);
  });
});

describe('TemplateEngine injection', () => {
  it.each([
    ['{{ brand }}'],
    ['{% raw %}{{ otp.code }}{% endraw %}'],
    ['{% for i in (1..3) %}x{% endfor %}'],
    ['{{ "a" | append: secret }}'],
    ['{% include "/etc/passwd" %}'],
  ])('prints a value containing %s as text, never evaluating it', (payload) => {
    const out = render('Hi {{ customer.firstName }}, code {{ otp.code }}', {
      customer: { firstName: payload },
      otp: { code: '123456' },
      brand: 'Acme',
    });
    expect(out).toBe(`Hi ${payload}, code 123456`);
  });
});
