import { HeraldError } from '@herald/contracts';
import { TemplateEngine } from './template-engine';

// Regression tests for the liquidjs advisories fixed after 10.24.0. Each pattern is the one the
// upstream fix commit tests; on liquidjs 10.24.0 every case below renders instead of failing.
const engine = new TemplateEngine();
const fr = { locale: 'fr-FR', timeZone: 'Europe/Paris' };
const render = (body: string, context: Record<string, unknown>) => engine.render(engine.compile(body), context, fr);

function errorOf(run: () => unknown): HeraldError {
  try {
    run();
  } catch (e) {
    if (e instanceof HeraldError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('CVE-2026-45618: Object.prototype names as filters or tags (RCE gadget, fixed in liquidjs 10.26.0)', () => {
  it('refuses valueOf as a filter, which handed the template the filter context (liquid, parser, loader)', () => {
    // On 10.24.0 this compiles and prints the template source read from the leaked `token`.
    const error = errorOf(() => render('{% assign f = 1 | valueOf %}{{ f.token.input }}', {}));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toMatch(/undefined filter: valueOf/);
  });

  it.each(Object.getOwnPropertyNames(Object.prototype))('refuses %s as a filter at compile time', (name) => {
    const error = errorOf(() => engine.compile(`{% assign f = 1 | ${name} %}ok`));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toContain(`undefined filter: ${name}`);
  });

  it.each(['constructor', 'valueOf', 'hasOwnProperty'])('refuses {%% %s %%} as a tag with a clear message', (name) => {
    const error = errorOf(() => engine.compile(`{% ${name} %}`));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toContain(`tag "${name}" not found`);
  });
});

describe('CVE-2026-55575: pop bypassed memoryLimit (fixed in liquidjs 10.27.1)', () => {
  it('charges each pop copy of a large list to the memory limit', () => {
    // Two copies of 600k items exceed the 1M budget; 10.24.0 charged nothing and printed 599998.
    const items = new Array<number>(600_000).fill(0);
    const error = errorOf(() => render('{% assign a = items | pop | pop %}{{ a | size }}', { items }));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toMatch(/memory alloc limit exceeded/);
  });

  it('still renders pop on a small list', () => {
    expect(render('{{ items | pop | join: "," }}', { items: [1, 2, 3] })).toBe('1,2');
  });
});

describe('renderLimit bypass through an empty for body (fixed in liquidjs 10.26.0)', () => {
  it('stops an empty loop over a huge list at the render limit', () => {
    // 10.24.0 checked the time budget only before each node of a body, so an empty body never
    // checked it and this loop ran to the end (~1 s here) without an error.
    const items = new Array<number>(6_000_000).fill(0);
    const error = errorOf(() => render('{%- for i in items -%}{%- endfor -%}', { items }));
    expect(error.code).toBe('TEMPLATE_RENDER_FAILED');
    expect(error.message).toMatch(/render limit exceeded/);
  });

  it('renders a body whose first try was stalled past the limit by the machine, not by the body', () => {
    // The limit is wall-clock time: here the clock jumps 1 s between the first render's start and
    // its first check, as when the process is not scheduled. A real fault test saw 5 of 20,000
    // orders dead-lettered this way on a 2-core machine at load 20.
    const real = performance.now.bind(performance);
    let calls = 0;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => (++calls === 2 ? real() + 1000 : real()));
    try {
      expect(render('{{ brand }} : commande {{ orderId }}', { brand: 'Acme', orderId: '100023' })).toBe(
        'Acme : commande 100023',
      );
      expect(calls).toBeGreaterThan(2);
    } finally {
      now.mockRestore();
    }
  });
});
