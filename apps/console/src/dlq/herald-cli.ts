// The `herald` CLI's dead-letter code (tools/cli), reused as it is rather than copied: the console
// lists and replays exactly as `herald dlq list|replay` does. tools/ is outside every Nx project.
/* eslint-disable @nx/enforce-module-boundaries */
export { listDeadLetters, replayDeadLetters, type DeadLetter } from '../../../../tools/cli/dlq.command';
export { replayReport } from '../../../../tools/cli/dlq-replay.report';
export { parseArgs, UsageError } from '../../../../tools/cli/cli-args';
