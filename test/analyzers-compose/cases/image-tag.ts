import { bad, compose, good, svc, table } from '../helpers.js';

export default table('COMPOSE-IMAGE-TAG', [
  bad('no tag', compose({ db: { image: 'postgres' } })),
  bad(':latest', compose({ db: { image: 'postgres:latest' } })),
  good('pinned', compose({ db: { image: 'postgres:17.2' } })),
  good('digest', compose({ db: { image: 'postgres@sha256:0000000000000000000000000000000000000000000000000000000000000000' } })),
  good('built here: image names the result', compose({ app: { build: '.', image: 'myapp' } })),
  good('interpolated tag', compose({ app: { image: 'myapp:${TAG:-dev}' } })),
  good('no image (build only)', svc({ image: undefined, build: '.' })),
]);
