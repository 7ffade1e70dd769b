// Integration tests talk to a real broker and database: seconds, not milliseconds.
jest.setTimeout(Number(process.env.HERALD_TEST_TIMEOUT_MS ?? 180000));
