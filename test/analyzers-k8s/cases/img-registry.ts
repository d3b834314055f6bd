import type { Case } from '../helpers.js';
import { pod, table } from '../helpers.js';

const img = (image: string) => pod({ containers: [{ name: 'a', image }] });
const trusted = ['registry.example.com', 'ghcr.io'];
const run = (name: string, yaml: string, count: number, trustedRegistries?: string[]): Case => ({ name, yaml, count, trustedRegistries });

export default table('K8S-IMG-REGISTRY', [
  run('Docker Hub image when only others are trusted', img('nginx:1.27'), 1, trusted),
  run('untrusted registry host', img('quay.io/org/app:1'), 1, trusted),
  run('trusted registry', img('ghcr.io/org/app:1'), 0, trusted),
  run('no trusted list: the check is off', img('quay.io/org/app:1'), 0),
  run('docker.io named explicitly is Docker Hub', img('docker.io/library/nginx:1'), 0, ['docker.io']),
  // Trivy's KSV-0125 never judges an image without a "/" (it has no registry part to compare).
  { ...run('Docker Hub library image: ours, not Trivy\'s', img('nginx:1.27'), 1, trusted), aliases: [] },
  { ...run('untrusted host: Trivy\'s too', img('quay.io/org/app:1'), 1, trusted), aliases: ['KSV-0125'] },
]);
