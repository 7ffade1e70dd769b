// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeMix } = require('./demo.js') as { describeMix(mix: Record<string, number>): string };

describe('the demo explains the simulator outcome mix', () => {
  it('prints the configured weights as shares', () => {
    expect(describeMix({ DELIVRD: 0.95, UNDELIV: 0.03, EXPIRED: 0.01, REJECTD: 0.01 })).toBe(
      'DELIVRD 95%, UNDELIV 3%, EXPIRED 1%, REJECTD 1%',
    );
  });

  it('normalizes weights that do not sum to 1', () => {
    expect(describeMix({ DELIVRD: 3, UNDELIV: 1 })).toBe('DELIVRD 75%, UNDELIV 25%');
  });
});
