import { bad, good, one, pod, table } from '../helpers.js';

const vol = (path: string) => pod(one({}, { volumes: [{ name: 'v', hostPath: { path } }] }));

export default table('K8S-SEC-DOCKER-SOCK', [
  bad('docker.sock', vol('/var/run/docker.sock')),
  bad('containerd socket', vol('/run/containerd/containerd.sock')),
  bad('the whole /var/run with a trailing slash', vol('/var/run/')),
  good('/var/log', vol('/var/log')),
  good('a socket-looking path elsewhere', vol('/srv/docker.sock.d')),
]);
