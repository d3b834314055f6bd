import { moduleConfig } from './base.mjs';

export default moduleConfig('service-auth');
