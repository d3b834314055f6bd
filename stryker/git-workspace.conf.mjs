import { moduleConfig } from './base.mjs';

export default moduleConfig('git-workspace');
