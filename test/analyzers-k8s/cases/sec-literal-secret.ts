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
  // Assignments inside a value (an env file, a properties file); Trivy's KSV-0109 reads them too, Polaris does not.
  { ...bad('NAME=value inside a value', cm({ env: 'LOG_LEVEL=info\nREDIS_PASSWORD=abcd1234\n' })), aliases: ['KSV-0109', 'CKV_SECRET_6'] },
  { ...bad('name: value inside a value', cm({ 'application.yaml': 'db:\n  password: hunter2\n' })), aliases: ['KSV-0109', 'CKV_SECRET_6'] },
  good('an assignment left empty', cm({ env: 'REDIS_PASSWORD=' })),
  good('an assignment from a variable or a command', cm({ env: 'DB_PASSWORD=${DB_PASSWORD}\nREDIS_PASSWORD="$(< "${REDIS_PASSWORD_FILE}")"' })),
  good('an assignment from a template', cm({ env: 'REDIS_PASSWORD={{ .Values.redis.password }}' })),
  // A key Trivy's names do not cover: ours, not KSV-0109.
  { ...bad('API key under a key Trivy does not name', cm({ stripe_api_key: 'sk_live_abc123' })), aliases: ['polaris:sensitiveConfigmapContent', 'CKV_SECRET_6'] },
  { ...bad('env var: no ConfigMap alias', env('DB_PASSWORD', 's3cr3t-value')), aliases: ['polaris:sensitiveContainerEnvVar', 'CKV_SECRET_6'] },
]);
