import { patternDetector } from './pattern.js';

/** Stripe secret and restricted keys (live and test) and webhook signing secrets; publishable `pk_` keys are public. */
export const stripeKey = patternDetector('stripe-key', /\b(?<value>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}|whsec_[A-Za-z0-9]{24,})\b/);
