import { bad, good, one, pod, table } from '../helpers.js';

const vol = (path: string) => pod(one({}, { volumes: [{ name: 'v', hostPath: { path } }] }));

export default table('K8S-SEC-DOCKER-SOCK', [
  // Trivy's KSV-0006 names /var/run/docker.sock only.
  { ...bad('docker.sock', vol('/var/run/docker.sock')), aliases: ['KSV-0006', 'CKV_K8S_27', 'kubesec:DockerSock'] },
  { ...bad('containerd socket', vol('/run/containerd/containerd.sock')), aliases: ['CKV_K8S_27', 'kubesec:DockerSock'] },
  bad('the whole /var/run with a trailing slash', vol('/var/run/')),
  good('/var/log', vol('/var/log')),
  good('a socket-looking path elsewhere', vol('/srv/docker.sock.d')),
]);
