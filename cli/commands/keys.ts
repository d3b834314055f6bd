/** `docker-expert keys create NAME | list | revoke NAME [--data DIR]`: API keys for `serve`. */
import { parseArgs } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { defaultDataDir } from './serve.js';

const HELP = `Usage: docker-expert keys create NAME | list | revoke NAME [--data DIR]

API keys for docker-expert serve. A key is stored hashed (scrypt) in <data>/keys.json.
  create NAME   make a key and print it once on stdout (it cannot be shown again)
  list          the keys' names, ids and creation times
  revoke NAME   remove a key; a running server refuses it from its next request

Options:
  --data DIR    the server's data folder (default: $DOCKER_EXPERT_DATA, else $XDG_DATA_HOME/docker-expert,
                else ~/.local/share/docker-expert)
  -h, --help    this help
`;

export async function command(argv: string[], io: CliIO): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const { KeyStore, KeyError } = await import('../../service/keys.js');
  const store = new KeyStore(values.data ?? defaultDataDir(io.env, io.cwd));
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
        const keys = store.list();
        if (keys.length === 0) io.stderr.write('docker-expert keys: no keys yet (docker-expert keys create NAME)\n');
        for (const k of keys) io.stdout.write(`${k.name}\t${k.id}\t${k.created}\n`);
        return 0;
      }
      case 'revoke': {
        if (!store.revoke(needName())) {
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
