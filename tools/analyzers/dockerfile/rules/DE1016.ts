import { hitAt } from '../rule.js';
import type { Rule } from '../rule.js';
import { copyArgs } from '../lib/copy.js';

const SECRET_FILES = /(^|\/)(\.env(\.[\w-]+)?|id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg|credentials(\.json)?|[\w.-]+\.(pem|key|p12|pfx|jks|keystore))$|(^|\/)\.(aws|ssh|docker|kube)(\/|$)/;

export const DE1016: Rule = {
  id: 'DE1016',
  severity: 'warning',
  description: 'A file that usually holds credentials (.env, id_rsa, *.pem, .npmrc, .aws/ ...) is copied into the image.',
  aliases: ['DS-0031', 'AVD-DS-0031'],
  check({ model }) {
    return model.all
      .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !copyArgs(i).from)
      .flatMap((i) => {
        const bad = copyArgs(i).sources.find((s) => SECRET_FILES.test(s.replace(/\/$/, '')) && !/\.(example|sample|template|dist)$/.test(s));
        return bad ? [hitAt(i, `${i.keyword} ${bad}: credentials copied into a layer stay there; use a build secret mount`)] : [];
      });
  },
};
