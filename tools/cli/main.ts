// herald: operator CLI. `node tools/cli/herald.js <command>`; `herald help` lists the commands.
import { createKafkaClient, replayReport } from '@herald/kafka';
import { createLogger } from '@herald/observability';
import { ConfigError } from '@herald/service-kit';
import { repoRoot } from './repo-root';
import { optoutCall, previewCall, send } from './admin-http.command';
import { parseArgs, UsageError, boolFlag, type ParsedArgs } from './cli-args';
import { kafkaOptionsOf, loadCliConfig, piiCipherOf, type HeraldCliConfig } from './cli-config';
import { dlqList, dlqReplay, formatDeadLetter } from './dlq.command';
import { buildDomainEvent, publishAndReport } from './publish.command';
import { tailReceipts } from './tail.command';

export const USAGE = `herald <command>

  publish <event-type> [--fixture valid/<name> | --file f.json] [--phone +33...] [--id <ce_id>] [--source <ce_source>] [--key <key>]
          [--skip-validation] [--wait s (15; 0 = do not wait)] [--ids-only]
      publish a sample domain event (binary-mode CloudEvent) from libs/contracts/fixtures/<event-type>/valid/, then wait
      for the message id(s) ingest gives it (read back from sms.requested.v1) and print one JSON line with
      "messageIds"; --ids-only prints the ids alone, one per line. Exit 1 if ingest dead-letters the event or names
      no message in time. Chain: herald tail receipts --message "$(herald publish order.placed --ids-only)"
  tail receipts [--message <id>[,<id>...]] [--recipient <phone>] [--from-beginning] [--limit n] [--timeout s] [--json]
      print sms.receipts.v1 records as they arrive (--recipient needs RECIPIENT_TOKEN_KEY); with --message, exit 0
      once every named message reached a final state (exit 1 if --timeout ends the wait first)
  dlq list <topic> [--code <ERROR_CODE>] [--limit n] [--json]
      list the dead letters of <topic>.dlq: headers, and the value decrypted (PII_ENCRYPTION_KEYS)
      with phone numbers and OTP-like secrets masked
  dlq replay <topic> [--code <ERROR_CODE>] [--offsets p:o,...] [--limit n] [--dry-run]
      decrypt selected dead letters and re-publish their original bytes to the topic they came from (--dry-run: "would replay N", sends nothing)
  optout add|remove --phone <E.164> | --token <recipient token> --brand <brand> [--reason <text>]
      opt a recipient out of / back into a brand ('*': every brand) through compliance's admin API
  template preview <key> --locale <locale> [--vars '<json>'] [--version n] [--timezone <tz>]
      render a template with its samples (or --vars) through templating's admin API

Environment (defaults from .platform/env.json and .platform/dev-secrets.json of a local run):
  KAFKA_BROKERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, RECIPIENT_TOKEN_KEY, PII_ENCRYPTION_KEYS,
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
export async function run(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  out: Out,
  err: Out,
): Promise<number> {
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
      case 'publish':
        return await publishAndReport(kafkaFor(config), buildDomainEvent(root, args), args, out, err);
      case 'tail': {
        const { seen, notFinal } = await tailReceipts(kafkaFor(config), args, config, out);
        err(`${seen} receipt(s)${notFinal.length > 0 ? `; no final state yet for ${notFinal.join(', ')}` : ''}`);
        return notFinal.length > 0 ? 1 : 0;
      }
      case 'dlq':
        if (sub === 'list') {
          const letters = await dlqList(kafkaFor(config), args, piiCipherOf(config));
          for (const d of letters) out(boolFlag(args, 'json') ? JSON.stringify(d) : formatDeadLetter(d));
          err(`${letters.length} dead letter(s)`);
          return 0;
        }
        if (sub === 'replay') {
          const report = replayReport(
            await dlqReplay(kafkaFor(config), args, piiCipherOf(config)),
            boolFlag(args, 'dry-run'),
          );
          out(JSON.stringify(report.json));
          err(report.summary);
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
  run(
    process.argv.slice(2),
    process.env,
    (l) => console.log(l),
    (l) => console.error(l),
  ).then((code) => process.exit(code));
}
