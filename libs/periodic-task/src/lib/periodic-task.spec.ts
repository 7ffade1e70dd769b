import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('runs every interval, timed from the end of the previous run, until stopped', async () => {
    const runs: number[] = [];
    const task = new PeriodicTask({
      everyMs: 100,
      run: async () => void runs.push(runs.length),
      onError: () => undefined,
    });
    task.start();
    await jest.advanceTimersByTimeAsync(99);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([0, 1]);
    await task.stop();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([0, 1]);
  });

  it('takes the delay a run answers (0 after a full batch) and retryMs after a failure, reporting it', async () => {
    const answers: Array<number | Error> = [0, 0, new Error('db down'), 500];
    const errors: unknown[] = [];
    let runs = 0;
    const task = new PeriodicTask({
      everyMs: 1000,
      retryMs: 300,
      run: async () => {
        const a = answers[runs++];
        if (a instanceof Error) throw a;
        return a;
      },
      onError: (e) => errors.push(e),
    });
    task.start(0);
    await jest.advanceTimersByTimeAsync(10);
    expect([runs, errors.map((e) => (e as Error).message)]).toEqual([3, ['db down']]);
    await jest.advanceTimersByTimeAsync(250);
    expect(runs).toBe(3);
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(4);
    await task.stop();
  });

  it('never overlaps: runNow during a run shares it, and stop() waits for it and aborts its signal', async () => {
    let release!: () => void;
    let started = 0;
    let aborted = false;
    const task = new PeriodicTask({
      everyMs: 10,
      run: (signal) => {
        started++;
        return new Promise<void>((resolve) => {
          release = () => {
            aborted = signal.aborted;
            resolve();
          };
        });
      },
      onError: () => undefined,
    });
    const first = task.runNow();
    const second = task.runNow();
    await settle();
    expect(started).toBe(1);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release();
    await Promise.all([first, second, stopping]);
    expect([started, aborted, stopped]).toEqual([1, true, true]);
  });
});
