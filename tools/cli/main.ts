// herald: operator CLI. `node tools/cli/herald.js <command>`; `herald help` lists the commands.
import { createKafkaClient } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { ConfigError } from '@herald/service-kit';
import { repoRoot } from './repo-root';
import { optoutCall, previewCall, send } from './admin-http.command';
import { parseArgs, UsageError, boolFlag, type ParsedArgs } from './cli-args';
import { kafkaOptionsOf, loadCliConfig, type HeraldCliConfig } from './cli-config';
import { formatDeadLetter, listDeadLetters, replayDeadLetters } from './dlq.command';
import { buildDomainEvent, publishRecord } from './publish.command';
import { tailReceipts } from './tail.command';

export const USAGE = `herald <command>

  publish <event-type> [--fixture valid/<name> | --file f.json] [--phone +33...] [--id <ce_id>] [--key <key>] [--skip-validation]
      publish a sample domain event (binary-mode CloudEvent) from libs/contracts/fixtures/<event-type>/valid/
  tail receipts [--message <id>] [--recipient <phone>] [--from-beginning] [--limit n] [--timeout s] [--json]
      print sms.receipts.v1 records as they arrive (--recipient needs RECIPIENT_TOKEN_KEY)
  dlq list <topic> [--code <ERROR_CODE>] [--limit n] [--json]
      list the dead letters of <topic>.dlq (headers and size, never the value)
  dlq replay <topic> [--code <ERROR_CODE>] [--offsets p:o,...] [--limit n] [--dry-run]
      re-publish selected dead letters, bytes unchanged, to the topic they came from
  optout add|remove --phone <E.164> | --token <recipient token> --brand <brand> [--reason <text>]
      opt a recipient out of / back into a brand ('*': every brand) through compliance's admin API
  template preview <key> --locale <locale> [--vars '<json>'] [--version n] [--timezone <tz>]
      render a template with its samples (or --vars) through templating's admin API

Environment (defaults from .platform/env.json and .platform/dev-secrets.json of a local run):
  KAFKA_BROKERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, RECIPIENT_TOKEN_KEY,
  COMPLIANCE_URL (http://127.0.0.1:3003), COMPLIANCE_ADMIN_TOKEN, TEMPLATING_URL (http://127.0.0.1:3002), TEMPLATING_ADMIN_TOKEN`;

type Out = (line: string) => void;

function kafkaFor(config: HeraldCliConfig) {
  return createKafkaClient(kafkaOptionsOf(config), createLogger('herald-cli', 'error'));
}

async function printHttp(call: ReturnType<typeof optoutCall>, out: Out): Promise<number> {
  const res = await send(call);
  out(JSON.stringify(res.body, null, 2));
  return res.status >= 200 && res.status < 300 ? 0 : 1;
}

/** Runs one command; resolves the process exit code. */
export async function run(argv: readonly string[], env: Record<string, string | undefined>, out: Out, err: Out): Promise<number> {
  const args: ParsedArgs = parseArgs(argv);
  const [command, sub] = args.positionals;
  try {
    if (!command || command === 'help' || boolFlag(args, 'help')) {
      out(USAGE);
      return command || boolFlag(args, 'help') ? 0 : 2;
    }
    const root = repoRoot();
    const config = loadCliConfig(root, env);
    switch (command) {
      case 'publish': {
        const record = buildDomainEvent(root, args);
        const at = await publishRecord(kafkaFor(config), record);
        out(JSON.stringify({ topic: record.topic, id: record.id, key: record.key, partition: at.partition, offset: at.offset }));
        return 0;
      }
      case 'tail': {
        const n = await tailReceipts(kafkaFor(config), args, config, out);
        err(`${n} receipt(s)`);
        return 0;
      }
      case 'dlq':
        if (sub === 'list') {
          const letters = await listDeadLetters(kafkaFor(config), args);
          for (const d of letters) out(boolFlag(args, 'json') ? JSON.stringify(d) : formatDeadLetter(d));
          err(`${letters.length} dead letter(s)`);
          return 0;
        }
        if (sub === 'replay') {
          out(JSON.stringify(await replayDeadLetters(kafkaFor(config), args)));
          return 0;
        }
        throw new UsageError('usage: herald dlq list|replay <topic> ...');
      case 'optout':
        return await printHttp(optoutCall(args, config), out);
      case 'template':
        return await printHttp(previewCall(args, config), out);
      default:
        throw new UsageError(`unknown command "${command}"; run \`herald help\``);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(`herald: ${e.message}`);
      return 2;
    }
    err(`herald: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module || process.argv[1]?.endsWith('herald.js')) {
  // The launcher (tools/cli/herald.js) requires this module, so require.main is the launcher.
  run(process.argv.slice(2), process.env, (l) => console.log(l), (l) => console.error(l)).then((code) => process.exit(code));
}
