import { lintTemplate, scenarioContext } from './template-lint';
import { TemplateEngine } from './template-engine';
import type { TemplateDraft } from './template';

const engine = new TemplateEngine();
const draft = (over: Partial<TemplateDraft> = {}): TemplateDraft => ({
  key: 'order.placed',
  locale: 'fr',
  body: 'Bonjour {{ customer.firstName }}, votre commande {{ orderId }} de {{ total | money }} est confirmée.',
  senderProfile: 'transactional-default',
  category: 'transactional',
  maxSegments: 1,
  transliterate: true,
  variables: {
    'customer.firstName': { maxLength: 20, sample: 'Amélie' },
    orderId: { maxLength: 12, sample: '10023' },
    total: { maxLength: 16, sample: { amount: '49.90', currency: 'EUR' } },
  },
  ...over,
});

describe('lintTemplate', () => {
  it('accepts a template that fits at worst case and reports each scenario', () => {
    const report = lintTemplate(engine, draft());
    expect(report.problems).toEqual([]);
    expect(report.scenarios.map((s) => s.scenario)).toEqual(['samples', 'max-length', 'max-length-sample-chars']);
    expect(report.scenarios[0]).toMatchObject({ encoding: 'GSM7', segments: 1, characters: 62 });
    expect(report.worst).toMatchObject({ segments: 1, characters: 83 });
  });

  it('fills text variables to maxLength: a long declared name pushes it over maxSegments', () => {
    const report = lintTemplate(
      engine,
      draft({ variables: { ...draft().variables, 'customer.firstName': { maxLength: 100, sample: 'Amélie' } } }),
    );
    expect(report.problems).toEqual([
      {
        field: 'maxSegments',
        reason: 'worst case (max-length) is 2 segments (GSM7, 163 characters), over maxSegments 1',
      },
    ]);
  });

  it("checks the sample's own characters at max length: a non-GSM name turns the body into UCS-2", () => {
    const report = lintTemplate(
      engine,
      draft({ variables: { ...draft().variables, 'customer.firstName': { maxLength: 20, sample: 'Łucja 😀' } } }),
    );
    expect(report.scenarios.find((s) => s.scenario === 'max-length')).toMatchObject({ encoding: 'GSM7', segments: 1 });
    expect(report.worst).toMatchObject({ scenario: 'max-length-sample-chars', encoding: 'UCS2', segments: 2 });
    expect(report.problems.map((p) => p.field)).toEqual(['maxSegments']);
  });

  it.each([
    ['a syntax error', { body: 'Bonjour {{ customer.firstName' }, 'body', /template syntax: output .* not closed/],
    ['an unknown filter', { body: '{{ orderId | shout }}' }, 'body', /undefined filter: shout/],
    [
      'an undeclared variable',
      { body: '{{ orderId }} {{ trackingUrl }}' },
      'body',
      /uses trackingUrl, which is not declared/,
    ],
    [
      'a sample the filter cannot format',
      { variables: { ...draft().variables, total: { maxLength: 16, sample: '49.90' } } },
      'body',
      /cannot render with the samples: .*money filter/,
    ],
    [
      'a sample longer than maxLength',
      { variables: { orderId: { maxLength: 3, sample: '10023' } } },
      'variables.orderId.sample',
      /longer than maxLength 3/,
    ],
    ['a missing sample', { variables: { orderId: { maxLength: 3 } } }, 'variables.orderId.sample', /is required/],
    [
      'a bad maxLength',
      { variables: { orderId: { maxLength: 0, sample: '1' } } },
      'variables.orderId.maxLength',
      /integer from 1/,
    ],
    [
      'a bad variable name',
      { variables: { 'customer..x': { maxLength: 3, sample: '1' } } },
      'variables.customer..x',
      /dotted identifier/,
    ],
    [
      'a prototype name',
      { variables: { '__proto__.x': { maxLength: 3, sample: '1' } } },
      'variables.__proto__.x',
      /dotted identifier/,
    ],
    ['variables that are not an object', { variables: 'orderId' }, 'variables', /must be an object/],
    [
      'too many variables',
      { variables: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`v${i}`, { maxLength: 1, sample: 'a' }])) },
      'variables',
      /at most 50/,
    ],
    ['a declaration that is not an object', { variables: { orderId: 12 } }, 'variables.orderId', /must be an object/],
    [
      'a non-boolean secret',
      { variables: { orderId: { maxLength: 3, sample: '1', secret: 'yes' } } },
      'variables.orderId.secret',
      /must be a boolean/,
    ],
    [
      'an unknown property',
      { variables: { orderId: { maxLength: 3, sample: '1', secrte: true } } },
      'variables.orderId.secrte',
      /not a known property/,
    ],
  ])('rejects %s', (_label, over, field, reason) => {
    const report = lintTemplate(engine, draft(over as Partial<TemplateDraft>));
    expect(report.problems).toContainEqual({ field, reason: expect.stringMatching(reason) });
  });

  it('rejects a body that renders empty', () => {
    const report = lintTemplate(engine, draft({ body: '{% if orderId == "x" %}x{% endif %}' }));
    expect(report.problems).toEqual([
      { field: 'body', reason: 'cannot render with the samples: order.placed/fr draft: the rendered body is empty' },
    ]);
  });

  it('counts UCS-2 templates in 70/67 units', () => {
    const report = lintTemplate(
      engine,
      draft({
        locale: 'ar',
        body: 'طلبك {{ orderId }} مؤكد',
        variables: { orderId: { maxLength: 61, sample: '10023' } },
      }),
    );
    expect(report.worst).toMatchObject({ encoding: 'UCS2', segments: 2, characters: 71 });
  });
});

describe('scenarioContext', () => {
  const variables = {
    'customer.firstName': { maxLength: 5, sample: 'Zoë' },
    'booking.startsAt': { maxLength: 30, sample: '2025-03-08T19:30:00Z' },
    total: { maxLength: 16, sample: { amount: '1.00', currency: 'EUR' } },
    count: { maxLength: 4, sample: 3 },
  };

  it.each([
    [
      'samples',
      {
        customer: { firstName: 'Zoë' },
        booking: { startsAt: '2025-03-08T19:30:00Z' },
        total: { amount: '1.00', currency: 'EUR' },
        count: 3,
      },
    ],
    [
      'max-length',
      {
        customer: { firstName: 'aaaaa' },
        booking: { startsAt: '2025-03-08T19:30:00Z' },
        total: { amount: '1.00', currency: 'EUR' },
        count: 3,
      },
    ],
    [
      'max-length-sample-chars',
      {
        customer: { firstName: 'ZoëZo' },
        booking: { startsAt: '2025-03-08T19:30:00Z' },
        total: { amount: '1.00', currency: 'EUR' },
        count: 3,
      },
    ],
  ] as const)('%s', (scenario, expected) => {
    expect(scenarioContext({ variables }, scenario)).toEqual(expected);
  });
});
