import { isBenchDatabase, recreateBenchDatabase } from './pg-hygiene';

describe('the bench database', () => {
  it('is only ever herald_bench or herald_bench_<suffix>', () => {
    expect(isBenchDatabase('herald_bench')).toBe(true);
    expect(isBenchDatabase('herald_bench_lead')).toBe(true);
    for (const name of ['herald', 'postgres', 'herald_bench; DROP', 'Herald_bench', 'x_herald_bench'])
      expect(isBenchDatabase(name)).toBe(false);
  });

  it('refuses to drop anything else before connecting anywhere', async () => {
    await expect(recreateBenchDatabase('postgres://nobody@127.0.0.1:1/postgres', 'herald')).rejects.toThrow(
      'refusing to drop database "herald"',
    );
  });
});
