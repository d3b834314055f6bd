import { bad, good, svc, table } from '../helpers.js';

export default table('COMPOSE-PRIVILEGED', [
  bad('privileged: true, at the key', 'services:\n  app:\n    image: a:1\n    privileged: true\n', 1, { at: { line: 4, column: 5 } }),
  good('privileged: false', svc({ privileged: false })),
  good('unset', svc()),
]);
