import type { Detector } from '../types.js';
import { patternDetector } from './pattern.js';

const parts = [
  patternDetector('slack-token', /\b(?<value>xox[abposr]-(?:\d+-)?[A-Za-z0-9-]{10,})\b/),
  patternDetector('slack-token', /\b(?<value>xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,})\b/),
  // Incoming webhooks: the path after /services/ is the credential.
  patternDetector('slack-token', /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<value>[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]{16,})/),
];

/** Slack bot, user, app and workflow tokens and incoming webhook URLs. */
export const slackToken: Detector = { kinds: ['slack-token'], find: (text) => parts.flatMap((p) => p.find(text)) };
