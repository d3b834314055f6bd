/** What the offline expert understood a task to ask for, from its verbs and nouns. */
export interface Intent {
  /** review / audit / check / analyze / explain: report findings, change nothing. */
  review: boolean;
  /** containerize / create / generate / write / dockerize: write the missing container files. */
  containerize: boolean;
  /** fix / harden / improve / optimize / secure: apply the safe fixes. */
  fix: boolean;
  compose: boolean;
  kubernetes: boolean;
  /** Parts of the task the offline expert cannot do, said plainly in its report. */
  unsupported: string[];
}

const WORDS = {
  review: /\b(review|audit|check|analy[sz]e|inspect|lint|scan|explain|assess|evaluate)\w*/i,
  containerize: /\b(containeri[sz]e|dockeri[sz]e|create|generate|write|add|make|set ?up|bootstrap|scaffold|package)\w*/i,
  fix: /\b(fix|harden|improve|optimi[sz]e|secure|repair|correct|clean ?up|slim|shrink|reduce)\w*/i,
  compose: /\b(compose|docker-compose|multi-?service)\b/i,
  kubernetes: /\b(kubernetes|k8s|manifests?|deployment|helm|kustomize|pod|cluster)\b/i,
};

const UNSUPPORTED: [RegExp, string][] = [
  [/\b(deploy|apply|push|publish|release|roll ?out)\b.*\b(to|on|into)\b.*\b(cluster|prod\w*|registry|staging|cloud)\b/i, 'deploying or pushing to a live cluster or registry (offline I only write and check files; run the commands in the handoff)'],
  [/\b(helm)\b/i, 'writing Helm charts (I write plain Kubernetes manifests instead)'],
  [/\b(scan|cve|vulnerabilit)\w*/i, 'scanning images for CVEs (no vulnerability database offline; run the scan command in the handoff)'],
  [/\b(benchmark|load ?test|profil)\w*/i, 'measuring runtime performance'],
];

export function parseIntent(task: string): Intent {
  const intent: Intent = {
    review: WORDS.review.test(task),
    containerize: WORDS.containerize.test(task),
    fix: WORDS.fix.test(task),
    compose: WORDS.compose.test(task),
    kubernetes: WORDS.kubernetes.test(task),
    unsupported: UNSUPPORTED.filter(([re]) => re.test(task)).map(([, what]) => what),
  };
  if (!intent.review && !intent.containerize && !intent.fix && !intent.compose && !intent.kubernetes) intent.review = true;
  return intent;
}
