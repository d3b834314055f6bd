/** Every built-in detector, one kind (or a family of close ones) per module; docs/observability.md lists them. */
import type { Detector } from '../types.js';
import { awsAccessKey } from './aws-access-key.js';
import { awsSecretKey } from './aws-secret-key.js';
import { azureKey } from './azure-key.js';
import { credentialAssignment } from './credential-assignment.js';
import { envSecret } from './env-secret.js';
import { gcpApiKey } from './gcp-api-key.js';
import { gcpServiceAccount } from './gcp-service-account.js';
import { githubToken } from './github-token.js';
import { gitlabToken } from './gitlab-token.js';
import { jwt } from './jwt.js';
import { kubernetesSecret } from './kubernetes-secret.js';
import { npmToken } from './npm-token.js';
import { privateKey } from './private-key.js';
import { slackToken } from './slack-token.js';
import { stripeKey } from './stripe-key.js';
import { urlCredentials } from './url-credentials.js';

export const BUILTIN_DETECTORS: readonly Detector[] = [
  kubernetesSecret,
  envSecret,
  gcpServiceAccount,
  privateKey,
  awsAccessKey,
  awsSecretKey,
  gcpApiKey,
  azureKey,
  githubToken,
  gitlabToken,
  slackToken,
  stripeKey,
  npmToken,
  jwt,
  urlCredentials,
  credentialAssignment,
];
