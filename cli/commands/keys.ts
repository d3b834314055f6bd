/** `docker-expert keys create NAME | list | revoke NAME [--data DIR]`: API keys for `serve`. */
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { defaultDataDir } from './serve.js';
import { databaseOption, readSecretFiles } from '../secret-files.js';
import type { KeyEntry } from '../../service/keys.js';
import { parseCommandArgs } from '../args.js';

const HELP = `Usage: docker-expert keys create NAME | list | revoke NAME [--data DIR | --database URL]

API keys for docker-expert serve. A key is stored hashed (scrypt) in <data>/keys.json.
  create NAME   make a key and print it once on stdout (it cannot be shown again)
  list          the keys' names, ids and creation times
  revoke NAME   remove a key; a running server refuses it from its next request

Options:
  --data DIR    the server's data folder (default: $DOCKER_EXPERT_DATA, else $XDG_DATA_HOME/docker-expert,
                else ~/.local/share/docker-expert)
  --database URL  the keys of servers sharing a PostgreSQL database (serve --database; default:
                $DOCKER_EXPERT_DATABASE_URL, or the file DOCKER_EXPERT_DATABASE_URL_FILE names)
  -h, --help    this help
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({ args: argv, options: { data: { type: 'string' }, database: { type: 'string' } }, allowPositionals: true }, HELP, io);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const { KeyStore, KeyError } = await import('../../service/keys.js');
  const env = readSecretFiles(io.env, io.cwd, ['DOCKER_EXPERT_DATABASE_URL']);
  const database = await databaseOption(values.database, env);
  let store: { create(name: string): Promise<string>; list(): KeyEntry[] | Promise<KeyEntry[]>; revoke(name: string): boolean | Promise<boolean> };
  let close = async () => {};
  if (database) {
    if (values.data) throw new UsageError('--data and --database name two different key stores: give one');
    const { openStore } = await import('../../service/pg/backend.js');
    const { PgKeyStore } = await import('../../service/pg/keys.js');
    const { connection, store: tasks } = await openStore(database, 2);
    store = new PgKeyStore(connection.pool);
    close = () => tasks.close();
  } else store = new KeyStore(values.data ?? defaultDataDir(io.env, io.cwd));
  try {
    return await run(store, positionals, io, KeyError);
  } finally {
    await close();
  }
}

async function run(
  store: { create(name: string): Promise<string>; list(): KeyEntry[] | Promise<KeyEntry[]>; revoke(name: string): boolean | Promise<boolean> },
  positionals: string[],
  io: CliIO,
  KeyError: new (...args: never[]) => Error,
): Promise<number> {
  const [action, name, ...extra] = positionals;
  const needName = () => {
    if (!name || extra.length > 0) throw new UsageError(`keys ${action} takes exactly one NAME\n\n${HELP}`);
    return name;
  };
  try {
    switch (action) {
      case 'create': {
        const key = await store.create(needName());
        io.stdout.write(`${key}\n`);
        io.stderr.write(`docker-expert keys: made key '${name}'; it is shown only this once\n`);
        return 0;
      }
      case 'list': {
        if (name) throw new UsageError(`keys list takes no NAME\n\n${HELP}`);
        const keys = await store.list();
        if (keys.length === 0) io.stderr.write('docker-expert keys: no keys yet (docker-expert keys create NAME)\n');
        for (const k of keys) io.stdout.write(`${k.name}\t${k.id}\t${k.created}\n`);
        return 0;
      }
      case 'revoke': {
        if (!(await store.revoke(needName()))) {
          io.stderr.write(`docker-expert keys: no key named '${name}'\n`);
          return 1;
        }
        io.stderr.write(`docker-expert keys: revoked '${name}'\n`);
        return 0;
      }
      default:
        throw new UsageError(`${action ? `unknown action '${action}'` : 'no action'}\n\n${HELP}`);
    }
  } catch (err) {
    if (err instanceof KeyError) throw new UsageError(err.message);
    throw err;
  }
}
