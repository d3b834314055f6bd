import { bad, good, one, pod, table } from '../helpers.js';

export default table('K8S-ENV-DUP', [
  bad('same name twice', pod(one({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'A', value: '3' }] }))),
  bad('three times gives two findings', pod(one({ env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'A', value: '3' }] })), 2),
  good('distinct names', pod(one({ env: [{ name: 'A', value: '1' }, { name: 'a', value: '2' }] }))),
]);
