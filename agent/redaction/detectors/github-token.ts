import { patternDetector } from './pattern.js';

/** GitHub tokens: classic and app tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and fine-grained `github_pat_`. */
export const githubToken = patternDetector('github-token', /\b(?<value>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/);
