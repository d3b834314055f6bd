import { bad, docs, good, one, pod, table } from '../helpers.js';

const env = (name: string, value: string) => pod(one({ env: [{ name, value }] }));
const cm = (data: Record<string, string>) => docs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });

export default table('K8S-SEC-LITERAL-SECRET', [
  bad('password in env', env('DB_PASSWORD', 's3cr3t-value')),
  bad('API key in env', env('STRIPE_API_KEY', 'sk_live_abc123')),
  bad('a private key under any name', env('BLOB', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')),
  bad('ConfigMap with a password', cm({ db_password: 'hunter2', db_user: 'app' })),
  good('reference to another variable', env('DB_PASSWORD', '$(FROM_SECRET)')),
  good('a path to the secret, not the secret', env('DB_PASSWORD_FILE', '/run/secrets/db')),
  good('non-sensitive name', env('GREETING', 'hello')),
  good('empty value', env('API_TOKEN', '')),
  good('ConfigMap without secrets', cm({ message: 'hi', db_user: 'app' })),
]);
