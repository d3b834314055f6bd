import { describe } from '../model.js';
import type { K8sCheck } from '../types.js';

export const check: K8sCheck = {
  id: 'K8S-INGRESS-TLS',
  severity: 'warning',
  title: 'Ingress without TLS',
  aliases: ['polaris:tlsSettingsMissing'],
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  check: (ctx) =>
    ctx.objects
      .filter((o) => o.kind === 'Ingress' && !(Array.isArray(o.value.spec?.tls) && o.value.spec.tls.length > 0))
      .map((o) => ({ object: o, path: ['spec', 'tls'], message: `${describe(o)} serves plain HTTP: add spec.tls with a certificate Secret` })),
};
