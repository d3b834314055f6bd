import type { Case } from '../helpers.js';
import { bad, docs, good, table } from '../helpers.js';

const cm = (data: Record<string, string>) => docs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
const on = (c: Case): Case => ({ ...c, enable: ['K8S-SEC-PERSONAL-DATA'] });

export default table('K8S-SEC-PERSONAL-DATA', [
  on({ ...bad('a username key', cm({ username: 'jane' })), aliases: ['KSV-01010'] }),
  on(bad('an e-mail address assigned in a value', cm({ 'app.properties': 'mail.from=jane@example.com\nmail.port=25' }))),
  on(bad('a phone number assigned', cm({ contact: 'phone: +44 20 7946 0000' }))),
  on(good('ordinary settings', cm({ 'color.good': 'blue', LOG_LEVEL: 'INFO', PORT: '8080' }))),
  good('optional: off unless enabled', cm({ username: 'jane' })),
]);
