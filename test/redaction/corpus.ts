/** The redaction corpus (test/redaction/corpus/*.yaml): real-looking secrets by kind, and look-alikes that must survive. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface SecretCase {
  kind: string;
  text: string;
  secrets: string[];
}

export interface LookAlike {
  text: string;
  why: string;
}

const DIR = path.join(import.meta.dirname, 'corpus');

export const SECRETS: SecretCase[] = parse(readFileSync(path.join(DIR, 'secrets.yaml'), 'utf8'));
export const LOOKALIKES: LookAlike[] = parse(readFileSync(path.join(DIR, 'lookalikes.yaml'), 'utf8'));
