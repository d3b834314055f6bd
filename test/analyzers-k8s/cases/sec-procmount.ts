import { bad, good, one, pod, sc, table } from '../helpers.js';

export default table('K8S-SEC-PROCMOUNT', [
  bad('Unmasked', pod(sc({ procMount: 'Unmasked' }))),
  good('Default', pod(sc({ procMount: 'Default' }))),
  good('unset', pod(one())),
]);
