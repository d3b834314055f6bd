import { bad, deploymentObj, docs, good, one, table } from '../helpers.js';

const sts = (serviceName?: string) => {
  const o = deploymentObj(one(), serviceName ? { serviceName } : {}, {}, 'StatefulSet');
  return o;
};
const svc = (name: string, headless: boolean, app = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ...(headless ? { clusterIP: 'None' } : {}), selector: { app }, ports: [{ port: 80 }] } });

export default table('K8S-STS-SERVICE', [
  bad('no serviceName', docs(sts())),
  bad('Service is not headless', docs(sts('web'), svc('web', false))),
  bad('Service missing among the analyzed ones', docs(sts('web'), svc('other', true))),
  bad('headless Service selecting other pods', docs(sts('web'), svc('web', true, 'db'))),
  good('headless Service present', docs(sts('web'), svc('web', true))),
  good('no Services analyzed: cannot judge', docs(sts('web'))),
]);
