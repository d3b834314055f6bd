import { moduleConfig } from './base.mjs';

export default moduleConfig('run-options');
