import type { ComposeService, Json } from './types.js';

export function isRecord(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A service's environment as name -> value, with the path of each entry (map or `KEY=value` list form). */
export function environmentOf(s: ComposeService): { name: string; value: string | undefined; path: (string | number)[] }[] {
  const env = s.value.environment;
  if (Array.isArray(env)) {
    return env.map((entry: Json, i: number) => {
      const text = String(entry);
      const eq = text.indexOf('=');
      return { name: eq >= 0 ? text.slice(0, eq) : text, value: eq >= 0 ? text.slice(eq + 1) : undefined, path: [...s.path, 'environment', i] };
    });
  }
  if (isRecord(env)) {
    return Object.entries(env).map(([name, value]) => ({ name, value: value === null || value === undefined ? undefined : String(value), path: [...s.path, 'environment', name] }));
  }
  return [];
}

export interface VolumeMount {
  source: string | undefined;
  target: string | undefined;
  type: string;
  readOnly: boolean;
  index: number;
}

/** Short (`/host:/ctr:ro`) and long (`{type: bind, source, target}`) volume syntax. */
export function volumesOf(s: ComposeService): VolumeMount[] {
  const list = Array.isArray(s.value.volumes) ? s.value.volumes : [];
  return list.map((v: Json, index: number) => {
    if (isRecord(v)) return { source: v.source === undefined ? undefined : String(v.source), target: v.target === undefined ? undefined : String(v.target), type: String(v.type ?? 'volume'), readOnly: v.read_only === true, index };
    const parts = String(v).split(':');
    if (parts.length === 1) return { source: undefined, target: parts[0], type: 'volume', readOnly: false, index };
    const source = parts[0];
    const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~') || source.startsWith('$');
    return { source, target: parts[1], type: bind ? 'bind' : 'volume', readOnly: (parts[2] ?? '').split(',').includes('ro'), index };
  });
}

export interface PortMapping {
  hostIp: string | undefined;
  published: string | undefined;
  target: string;
  index: number;
}

/** Short (`"127.0.0.1:8080:80/tcp"`) and long (`{target, published, host_ip}`) port syntax. */
export function portsOf(s: ComposeService): PortMapping[] {
  const list = Array.isArray(s.value.ports) ? s.value.ports : [];
  return list.map((p: Json, index: number) => {
    if (isRecord(p)) return { hostIp: p.host_ip === undefined ? undefined : String(p.host_ip), published: p.published === undefined ? undefined : String(p.published), target: String(p.target ?? ''), index };
    const text = String(p).replace(/\/(tcp|udp|sctp)$/, '');
    // IPv6 host addresses come in brackets: "[::1]:8080:80".
    const v6 = /^\[([^\]]+)\]:(.*)$/.exec(text);
    const rest = v6 ? v6[2] : text;
    const parts = rest.split(':');
    if (v6) return { hostIp: v6[1], published: parts.length > 1 ? parts[0] : undefined, target: parts[parts.length - 1], index };
    if (parts.length === 3) return { hostIp: parts[0], published: parts[1], target: parts[2], index };
    if (parts.length === 2) return { hostIp: undefined, published: parts[0], target: parts[1], index };
    return { hostIp: undefined, published: undefined, target: parts[0], index };
  });
}

/** security_opt entries, normalised to `name:value` (`no-new-privileges=true` is accepted too). */
export function securityOptions(s: ComposeService): { option: string; index: number }[] {
  const list = Array.isArray(s.value.security_opt) ? s.value.security_opt : [];
  return list.map((o: Json, index: number) => ({ option: String(o).replace('=', ':').toLowerCase(), index }));
}
