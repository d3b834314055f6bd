import { bad, deployment, good, one, pod, table } from '../helpers.js';

export default table('K8S-LABEL-VALUES', [
  bad('value with a space', pod(one(), { labels: { app: 'my app' } })),
  bad('value ending in a dash', pod(one(), { labels: { tier: 'front-' } })),
  bad('value of 64 characters', pod(one(), { labels: { v: 'a'.repeat(64) } })),
  bad('key with an upper-case prefix', pod(one(), { labels: { 'Example.com/app': 'x' } })),
  bad('invalid value in a Deployment template only', deployment(one(), {}, {}).replace('app: web\n    spec:', 'app: web\n        bad: "x y"\n    spec:')),
  good('value of exactly 63 characters', pod(one(), { labels: { v: 'a'.repeat(63) } })),
  good('empty value', pod(one(), { labels: { flag: '' } })),
  good('prefixed key', pod(one(), { labels: { 'app.kubernetes.io/name': 'web', 'example.com/tier': 'front_end.v1' } })),
]);
