import { TemplateKeyCatalog } from './template-key-catalog';

describe('TemplateKeyCatalog', () => {
  it('answers unchecked until a list was read, then known or unknown', () => {
    const c = new TemplateKeyCatalog(1000);
    expect(c.answer('order.placed')).toBe('unchecked');
    c.attempt(0);
    c.replace(['order.placed', 'welcome']);
    expect(c.answer('order.placed')).toBe('known');
    expect(c.answer('nope')).toBe('unknown');
    expect(c.size).toBe(2);
  });

  it('refreshes on a miss at most once per interval, counting failed reads too', () => {
    const c = new TemplateKeyCatalog(1000);
    expect(c.mayRefreshOnMiss(0)).toBe(true);
    c.attempt(5000);
    expect(c.mayRefreshOnMiss(5999)).toBe(false);
    expect(c.mayRefreshOnMiss(6000)).toBe(true);
  });

  it('keeps trusting known keys after a failed read, but refuses nothing on a list that may be stale', () => {
    const c = new TemplateKeyCatalog(1000);
    c.replace(['order.placed']);
    c.failed();
    expect(c.answer('order.placed')).toBe('known');
    expect(c.answer('created.during.outage')).toBe('unchecked');
    c.replace(['order.placed']);
    expect(c.answer('created.during.outage')).toBe('unknown');
  });

  it('drops a key a later read no longer lists (deactivated everywhere)', () => {
    const c = new TemplateKeyCatalog(1000);
    c.replace(['a', 'b']);
    c.replace(['a']);
    expect(c.answer('b')).toBe('unknown');
  });
});
