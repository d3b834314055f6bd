import { bad, compose, good, table } from '../helpers.js';

export default table('COMPOSE-VERSION-OBSOLETE', [
  bad('version: "3.8"', compose({ app: { image: 'a:1' } }, { version: '3.8' })),
  good('no version', compose({ app: { image: 'a:1' } })),
]);
