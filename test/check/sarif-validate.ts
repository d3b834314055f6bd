/**
 * The required fields and enums of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) for the objects we emit,
 * plus what GitHub code scanning additionally needs (a ruleId on each result that names a rule of the driver,
 * a relative artifact URI and a region startLine). Returns the problems found; [] means valid.
 */
type J = Record<string, unknown>;

const LEVELS = ['none', 'note', 'warning', 'error'];
const COLUMN_KINDS = ['utf16CodeUnits', 'unicodeCodePoints'];

const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUri = (v: unknown) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(v);
const isUriReference = (v: unknown) => typeof v === 'string' && v.length > 0 && !/[\s\\]/.test(v);

function message(v: unknown, where: string, errors: string[]): void {
  if (!isObj(v)) return void errors.push(`${where}: message must be an object`);
  if (typeof v.text !== 'string' && typeof v.id !== 'string') errors.push(`${where}: message needs text or id`);
}

function multiformat(v: unknown, where: string, errors: string[]): void {
  if (v === undefined) return;
  if (!isObj(v) || typeof v.text !== 'string') errors.push(`${where}: multiformatMessageString needs text`);
}

export function validateSarif(log: unknown): string[] {
  const errors: string[] = [];
  if (!isObj(log)) return ['log is not an object'];
  if (log.version !== '2.1.0') errors.push('version must be "2.1.0"');
  if (log.$schema !== undefined && !isUri(log.$schema)) errors.push('$schema must be a URI');
  if (!Array.isArray(log.runs)) return [...errors, 'runs must be an array'];
  log.runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObj(run)) return void errors.push(`${at} is not an object`);
    if (!isObj(run.tool) || !isObj(run.tool.driver)) return void errors.push(`${at}.tool.driver is required`);
    const driver = run.tool.driver;
    if (typeof driver.name !== 'string' || !driver.name) errors.push(`${at}.tool.driver.name is required`);
    const rules = driver.rules === undefined ? [] : driver.rules;
    if (!Array.isArray(rules)) return void errors.push(`${at}.tool.driver.rules must be an array`);
    const ids = new Set<string>();
    rules.forEach((rule: unknown, i) => {
      const w = `${at}.tool.driver.rules[${i}]`;
      if (!isObj(rule) || typeof rule.id !== 'string') return void errors.push(`${w}.id is required`);
      if (ids.has(rule.id)) errors.push(`${w}: duplicate rule id ${rule.id}`);
      ids.add(rule.id);
      multiformat(rule.shortDescription, `${w}.shortDescription`, errors);
      multiformat(rule.fullDescription, `${w}.fullDescription`, errors);
      if (rule.helpUri !== undefined && !isUri(rule.helpUri)) errors.push(`${w}.helpUri must be an absolute URI`);
      if (rule.defaultConfiguration !== undefined) {
        const level = isObj(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
        if (level !== undefined && !LEVELS.includes(String(level))) errors.push(`${w}.defaultConfiguration.level ${String(level)} is not a SARIF level`);
      }
    });
    if (run.columnKind !== undefined && !COLUMN_KINDS.includes(String(run.columnKind))) errors.push(`${at}.columnKind is not valid`);
    if (run.originalUriBaseIds !== undefined) {
      if (!isObj(run.originalUriBaseIds)) errors.push(`${at}.originalUriBaseIds must be an object`);
      else for (const [k, v] of Object.entries(run.originalUriBaseIds)) if (!isObj(v) || !isUri(v.uri) || !String(v.uri).endsWith('/')) errors.push(`${at}.originalUriBaseIds.${k}.uri must be an absolute URI ending in /`);
    }
    if (!Array.isArray(run.results)) return void errors.push(`${at}.results must be an array (GitHub needs it)`);
    run.results.forEach((res: unknown, i) => {
      const w = `${at}.results[${i}]`;
      if (!isObj(res)) return void errors.push(`${w} is not an object`);
      message(res.message, w, errors);
      if (typeof res.ruleId !== 'string') errors.push(`${w}.ruleId is required by GitHub`);
      else if (!ids.has(res.ruleId)) errors.push(`${w}.ruleId ${res.ruleId} is not among the driver's rules`);
      if (res.ruleIndex !== undefined) {
        if (!Number.isInteger(res.ruleIndex) || (res.ruleIndex as number) < -1) errors.push(`${w}.ruleIndex must be an integer >= -1`);
        else if ((res.ruleIndex as number) >= rules.length) errors.push(`${w}.ruleIndex is past the driver's rules`);
        else if ((res.ruleIndex as number) >= 0 && (rules[res.ruleIndex as number] as J).id !== res.ruleId) errors.push(`${w}.ruleIndex points at another rule`);
      }
      if (res.level !== undefined && !LEVELS.includes(String(res.level))) errors.push(`${w}.level ${String(res.level)} is not a SARIF level`);
      if (!Array.isArray(res.locations) || res.locations.length === 0) return void errors.push(`${w}.locations: GitHub needs one`);
      res.locations.forEach((loc: unknown, j) => {
        const lw = `${w}.locations[${j}]`;
        const phys = isObj(loc) ? loc.physicalLocation : undefined;
        if (!isObj(phys) || !isObj(phys.artifactLocation)) return void errors.push(`${lw}.physicalLocation.artifactLocation is required`);
        if (!isUriReference(phys.artifactLocation.uri)) errors.push(`${lw}: artifactLocation.uri must be a URI reference`);
        if (phys.artifactLocation.uriBaseId !== undefined && !(isObj(run.originalUriBaseIds) && String(phys.artifactLocation.uriBaseId) in run.originalUriBaseIds)) {
          errors.push(`${lw}: uriBaseId is not declared in originalUriBaseIds`);
        }
        const region = phys.region;
        if (!isObj(region)) return void errors.push(`${lw}.region is required by GitHub`);
        if (!Number.isInteger(region.startLine) || (region.startLine as number) < 1) errors.push(`${lw}.region.startLine must be an integer >= 1`);
        if (region.startColumn !== undefined && (!Number.isInteger(region.startColumn) || (region.startColumn as number) < 1)) errors.push(`${lw}.region.startColumn must be an integer >= 1`);
      });
    });
  });
  return errors;
}
