/** Command-line options the way Go's pflag (docker, podman, kubectl) reads them. */

export interface OptionSpec {
  /** Long name -> whether it takes a value. */
  long: Map<string, boolean>;
  /** Short letter -> long name. */
  short: Map<string, string>;
  /** Other long names that mean the same option (`net` -> `network`). */
  aliases: Map<string, string>;
}

/**
 * Builds a spec from a compact list: `a|attach=` (short a, long attach, takes a value), `privileged` (boolean),
 * `net>network` (alias).
 */
export function defineOptions(...lists: string[]): OptionSpec {
  const spec: OptionSpec = { long: new Map(), short: new Map(), aliases: new Map() };
  for (const token of lists.join(' ').split(/\s+/).filter(Boolean)) {
    const alias = /^([a-z0-9-]+)>([a-z0-9-]+)$/.exec(token);
    if (alias) {
      spec.aliases.set(alias[1], alias[2]);
      continue;
    }
    const m = /^(?:([A-Za-z0-9])\|)?([A-Za-z0-9][A-Za-z0-9-]*)(=?)$/.exec(token);
    if (!m) throw new Error(`bad option token '${token}'`);
    spec.long.set(m[2], m[3] === '=');
    if (m[1]) spec.short.set(m[1], m[2]);
  }
  return spec;
}

export function extendOptions(base: OptionSpec, ...lists: string[]): OptionSpec {
  const extra = defineOptions(...lists);
  return {
    long: new Map([...base.long, ...extra.long]),
    short: new Map([...base.short, ...extra.short]),
    aliases: new Map([...base.aliases, ...extra.aliases]),
  };
}

export interface ParsedOption {
  /** Canonical long name. */
  name: string;
  /** The value for options that take one; for booleans, the explicit `=value` if given. */
  value?: string;
  /** The words it came from. */
  raw: string;
}

export interface ParsedArgs {
  options: ParsedOption[];
  positionals: string[];
  /** Set when an option is unknown or lacks its value: the caller refuses the command. */
  error?: string;
}

/**
 * Reads options and positionals. `unknownLong: 'boolean'` takes an unknown `--flag` as a boolean (kubectl has too many
 * per-verb flags to list; a value is only ever taken for a flag known to have one, so no file argument is hidden). `interspersed: false` stops at the first positional (docker run/exec: the rest is the
 * container's command). Handles `--flag=value`, `--flag value`, bundled shorts `-itv /:/h`, `-vVALUE`, `-v=VALUE`, `--`.
 */
export function parseOptions(args: readonly string[], spec: OptionSpec, interspersed: boolean, unknownLong: 'error' | 'boolean' = 'error'): ParsedArgs {
  const options: ParsedOption[] = [];
  const positionals: string[] = [];
  const fail = (error: string): ParsedArgs => ({ options, positionals, error });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const given = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const name = spec.aliases.get(given) ?? given;
      const takesValue = spec.long.get(name) ?? (unknownLong === 'boolean' ? false : undefined);
      if (takesValue === undefined) return fail(`unknown option --${given}`);
      if (eq >= 0) options.push({ name, value: arg.slice(eq + 1), raw: arg });
      else if (takesValue) {
        if (i + 1 >= args.length) return fail(`--${given} needs a value`);
        options.push({ name, value: args[++i], raw: `${arg} ${args[i]}` });
      } else options.push({ name, raw: arg });
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        const name = spec.short.get(letter);
        if (name === undefined) return fail(`unknown option -${letter} in '${arg}'`);
        const takesValue = spec.long.get(name) as boolean;
        const rest = arg.slice(j + 1);
        if (takesValue) {
          if (rest !== '') options.push({ name, value: rest.startsWith('=') ? rest.slice(1) : rest, raw: arg });
          else if (i + 1 < args.length) options.push({ name, value: args[++i], raw: `${arg} ${args[i]}` });
          else return fail(`-${letter} needs a value`);
          break;
        }
        if (rest.startsWith('=')) {
          options.push({ name, value: rest.slice(1), raw: arg });
          break;
        }
        options.push({ name, raw: arg });
      }
      continue;
    }
    positionals.push(arg);
    if (!interspersed) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return { options, positionals };
}

/** Go's strconv.ParseBool, which pflag uses for `--flag=value` on booleans; undefined when it is not a boolean. */
export function parseGoBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return true;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

export function valuesOf(parsed: ParsedArgs, name: string): string[] {
  return parsed.options.filter((o) => o.name === name).map((o) => o.value ?? '');
}

export function has(parsed: ParsedArgs, name: string): boolean {
  return parsed.options.some((o) => o.name === name && parseGoBool(o.value) !== false);
}
