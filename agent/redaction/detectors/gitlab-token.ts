import { patternDetector } from './pattern.js';

/** GitLab tokens by their documented prefixes (personal, deploy, runner, trigger, feed, ...) and runner registration tokens. */
export const gitlabToken = patternDetector(
  'gitlab-token',
  /(?<![A-Za-z0-9_-])(?<value>(?:glpat|gldt|glrt|glptt|glcbt|glsoat|glft|glimt|glagent|gloas)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/,
);
