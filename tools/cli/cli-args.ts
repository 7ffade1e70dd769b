/** `herald <command...> --flag value --switch`: positionals in order, flags by name. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags.set(arg.slice(2), argv[++i]);
    } else {
      flags.set(arg.slice(2), true);
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

export function requiredFlag(args: ParsedArgs, name: string): string {
  const v = stringFlag(args, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(args, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer, got "${v}"`);
  return Number(v);
}

export const boolFlag = (args: ParsedArgs, name: string): boolean =>
  args.flags.get(name) === true || args.flags.get(name) === 'true';

/** Rejects flags a command does not know, so a typo never silently changes what is sent. */
export function expectFlags(args: ParsedArgs, allowed: readonly string[]): void {
  const unknown = [...args.flags.keys()].filter((f) => !allowed.includes(f));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown option ${unknown.map((f) => `--${f}`).join(', ')} (allowed: ${allowed.map((f) => `--${f}`).join(', ') || 'none'})`,
    );
}
