import { patternDetector } from './pattern.js';

/** AWS access key ids: long-term (AKIA), temporary (ASIA) and the other documented four-letter prefixes. */
export const awsAccessKey = patternDetector('aws-access-key', /\b(?<value>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16})\b/);
