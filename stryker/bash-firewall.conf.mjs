import { moduleConfig } from './base.mjs';

export default moduleConfig('bash-firewall');
