import { bad, good, pod, table } from '../helpers.js';

const img = (image: string) => pod({ containers: [{ name: 'a', image }] });

export default table('K8S-IMG-DIGEST', [
  bad('tag only', img('nginx:1.27')),
  bad('no tag', img('nginx')),
  good('tag and digest', img('nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000')),
  good('variable', img('$(IMAGE)')),
]);
