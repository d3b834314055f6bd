// The rule list: adding a rule means adding its module here and its case table in test/analyzers-dockerfile/rules/.
import type { Rule } from './rule.js';
import { ConsistentInstructionCasing } from './rules/ConsistentInstructionCasing.js';
import { DE1001 } from './rules/DE1001.js';
import { DE1002 } from './rules/DE1002.js';
import { DE1003 } from './rules/DE1003.js';
import { DE1004 } from './rules/DE1004.js';
import { DE1005 } from './rules/DE1005.js';
import { DE1006 } from './rules/DE1006.js';
import { DE1007 } from './rules/DE1007.js';
import { DE1008 } from './rules/DE1008.js';
import { DE1009 } from './rules/DE1009.js';
import { DE1010 } from './rules/DE1010.js';
import { DE1011 } from './rules/DE1011.js';
import { DE1012 } from './rules/DE1012.js';
import { DE1013 } from './rules/DE1013.js';
import { DE1014 } from './rules/DE1014.js';
import { DE1015 } from './rules/DE1015.js';
import { DE1016 } from './rules/DE1016.js';
import { DE1017 } from './rules/DE1017.js';
import { DE1018 } from './rules/DE1018.js';
import { DE1019 } from './rules/DE1019.js';
import { DE1020 } from './rules/DE1020.js';
import { DE1021 } from './rules/DE1021.js';
import { DL1000 } from './rules/DL1000.js';
import { DL1001 } from './rules/DL1001.js';
import { DL3000 } from './rules/DL3000.js';
import { DL3001 } from './rules/DL3001.js';
import { DL3002 } from './rules/DL3002.js';
import { DL3003 } from './rules/DL3003.js';
import { DL3004 } from './rules/DL3004.js';
import { DL3006 } from './rules/DL3006.js';
import { DL3007 } from './rules/DL3007.js';
import { DL3008 } from './rules/DL3008.js';
import { DL3009 } from './rules/DL3009.js';
import { DL3010 } from './rules/DL3010.js';
import { DL3011 } from './rules/DL3011.js';
import { DL3012 } from './rules/DL3012.js';
import { DL3013 } from './rules/DL3013.js';
import { DL3014 } from './rules/DL3014.js';
import { DL3015 } from './rules/DL3015.js';
import { DL3016 } from './rules/DL3016.js';
import { DL3018 } from './rules/DL3018.js';
import { DL3019 } from './rules/DL3019.js';
import { DL3020 } from './rules/DL3020.js';
import { DL3021 } from './rules/DL3021.js';
import { DL3022 } from './rules/DL3022.js';
import { DL3023 } from './rules/DL3023.js';
import { DL3024 } from './rules/DL3024.js';
import { DL3025 } from './rules/DL3025.js';
import { DL3026 } from './rules/DL3026.js';
import { DL3027 } from './rules/DL3027.js';
import { DL3028 } from './rules/DL3028.js';
import { DL3029 } from './rules/DL3029.js';
import { DL3030 } from './rules/DL3030.js';
import { DL3032 } from './rules/DL3032.js';
import { DL3033 } from './rules/DL3033.js';
import { DL3034 } from './rules/DL3034.js';
import { DL3035 } from './rules/DL3035.js';
import { DL3036 } from './rules/DL3036.js';
import { DL3037 } from './rules/DL3037.js';
import { DL3038 } from './rules/DL3038.js';
import { DL3040 } from './rules/DL3040.js';
import { DL3041 } from './rules/DL3041.js';
import { DL3042 } from './rules/DL3042.js';
import { DL3043 } from './rules/DL3043.js';
import { DL3044 } from './rules/DL3044.js';
import { DL3045 } from './rules/DL3045.js';
import { DL3046 } from './rules/DL3046.js';
import { DL3047 } from './rules/DL3047.js';
import { DL3048 } from './rules/DL3048.js';
import { DL3049 } from './rules/DL3049.js';
import { DL3050 } from './rules/DL3050.js';
import { DL3051 } from './rules/DL3051.js';
import { DL3052 } from './rules/DL3052.js';
import { DL3053 } from './rules/DL3053.js';
import { DL3054 } from './rules/DL3054.js';
import { DL3055 } from './rules/DL3055.js';
import { DL3056 } from './rules/DL3056.js';
import { DL3057 } from './rules/DL3057.js';
import { DL3058 } from './rules/DL3058.js';
import { DL3059 } from './rules/DL3059.js';
import { DL3060 } from './rules/DL3060.js';
import { DL3061 } from './rules/DL3061.js';
import { DL3062 } from './rules/DL3062.js';
import { DL3063 } from './rules/DL3063.js';
import { DL3064 } from './rules/DL3064.js';
import { DL3065 } from './rules/DL3065.js';
import { DL3066 } from './rules/DL3066.js';
import { DL3067 } from './rules/DL3067.js';
import { DL4000 } from './rules/DL4000.js';
import { DL4001 } from './rules/DL4001.js';
import { DL4003 } from './rules/DL4003.js';
import { DL4004 } from './rules/DL4004.js';
import { DL4005 } from './rules/DL4005.js';
import { DL4006 } from './rules/DL4006.js';
import { ExposeInvalidFormat } from './rules/ExposeInvalidFormat.js';
import { ExposeProtoCasing } from './rules/ExposeProtoCasing.js';
import { FromAsCasing } from './rules/FromAsCasing.js';
import { InvalidDefaultArgInFrom } from './rules/InvalidDefaultArgInFrom.js';
import { LegacyKeyValueFormat } from './rules/LegacyKeyValueFormat.js';
import { NoEmptyContinuation } from './rules/NoEmptyContinuation.js';
import { StageNameCasing } from './rules/StageNameCasing.js';
import { UndefinedArgInFrom } from './rules/UndefinedArgInFrom.js';
import { UndefinedVar } from './rules/UndefinedVar.js';

export const RULES: readonly Rule[] = [
  ConsistentInstructionCasing,
  DE1001,
  DE1002,
  DE1003,
  DE1004,
  DE1005,
  DE1006,
  DE1007,
  DE1008,
  DE1009,
  DE1010,
  DE1011,
  DE1012,
  DE1013,
  DE1014,
  DE1015,
  DE1016,
  DE1017,
  DE1018,
  DE1019,
  DE1020,
  DE1021,
  DL1000,
  DL1001,
  DL3000,
  DL3001,
  DL3002,
  DL3003,
  DL3004,
  DL3006,
  DL3007,
  DL3008,
  DL3009,
  DL3010,
  DL3011,
  DL3012,
  DL3013,
  DL3014,
  DL3015,
  DL3016,
  DL3018,
  DL3019,
  DL3020,
  DL3021,
  DL3022,
  DL3023,
  DL3024,
  DL3025,
  DL3026,
  DL3027,
  DL3028,
  DL3029,
  DL3030,
  DL3032,
  DL3033,
  DL3034,
  DL3035,
  DL3036,
  DL3037,
  DL3038,
  DL3040,
  DL3041,
  DL3042,
  DL3043,
  DL3044,
  DL3045,
  DL3046,
  DL3047,
  DL3048,
  DL3049,
  DL3050,
  DL3051,
  DL3052,
  DL3053,
  DL3054,
  DL3055,
  DL3056,
  DL3057,
  DL3058,
  DL3059,
  DL3060,
  DL3061,
  DL3062,
  DL3063,
  DL3064,
  DL3065,
  DL3066,
  DL3067,
  DL4000,
  DL4001,
  DL4003,
  DL4004,
  DL4005,
  DL4006,
  ExposeInvalidFormat,
  ExposeProtoCasing,
  FromAsCasing,
  InvalidDefaultArgInFrom,
  LegacyKeyValueFormat,
  NoEmptyContinuation,
  StageNameCasing,
  UndefinedArgInFrom,
  UndefinedVar,
];
