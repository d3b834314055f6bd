/**
 * Secrets from files, as container platforms hand them over (Compose and Kubernetes secrets are files): for each
 * variable NAME that is unset, NAME_FILE names a file whose content (one trailing newline dropped) becomes NAME.
 * An unreadable or empty file is an error naming the variable and the file; both set is an error too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './io.js';

export const SECRET_VARIABLES = ['DOCKER_EXPERT_DATABASE_URL', 'ANTHROPIC_API_KEY'] as const;

/** A copy of `env` with every NAME_FILE of `names` read into NAME. */
export function readSecretFiles(env: NodeJS.ProcessEnv, cwd: string, names: readonly string[] = SECRET_VARIABLES): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') throw new UsageError(`both ${name} and ${name}_FILE are set: use one`);
    const abs = path.resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (err) {
      throw new UsageError(`${name}_FILE=${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '' || value.includes('\n')) throw new UsageError(`${name}_FILE=${file}: expected one line with the value, found ${value === '' ? 'nothing' : 'several lines'}`);
    out[name] = value;
    delete out[`${name}_FILE`];
  }
  return out;
}

/**
 * The `--database` value of serve, worker and keys: the flag, else DOCKER_EXPERT_DATABASE_URL (env already read
 * through readSecretFiles); checked, with a usage error for a bad URL. Undefined when neither is given.
 */
export async function databaseOption(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const database = flag ?? (env.DOCKER_EXPERT_DATABASE_URL || undefined);
  if (database === undefined) return undefined;
  const { parseDatabaseUrl, DatabaseUrlError } = await import('../service/pg/connect.js');
  try {
    parseDatabaseUrl(database);
  } catch (err) {
    if (err instanceof DatabaseUrlError) throw new UsageError(err.message);
    throw err;
  }
  return database;
}
