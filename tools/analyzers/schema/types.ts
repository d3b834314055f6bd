import type { YamlPath } from '../yaml-positions.js';

export interface SchemaIssue {
  path: YamlPath;
  problem: 'unknown-field' | 'type';
  message: string;
}
