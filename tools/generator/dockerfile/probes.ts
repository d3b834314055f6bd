/**
 * Health probes that need nothing but what the final image already has. Each returns argv for an
 * exec-form HEALTHCHECK; the HTTP status must be below 400.
 */

/** Node.js: the runtime's own http module (no curl in node slim images). */
export function nodeHttpProbe(port: number, path: string): string[] {
  return [
    'node', '-e',
    `require('http').get({host:'127.0.0.1',port:process.env.PORT||${port},path:'${path}',timeout:2000},` +
      `r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))`,
  ];
}

/** Python: urllib raises on 4xx/5xx and on connection errors, which exits non-zero. */
export function pythonHttpProbe(port: number, path: string): string[] {
  return [
    'python', '-c',
    `import os,urllib.request; urllib.request.urlopen('http://127.0.0.1:%s${path}' % (os.environ.get('PORT') or '${port}'), timeout=2)`,
  ];
}

/** BusyBox wget (Alpine): exits non-zero on HTTP errors. */
export function wgetHttpProbe(port: number, path: string): string[] {
  // No -T: HEALTHCHECK --timeout bounds the probe, and Debian's static BusyBox 1.35 crashes on -T.
  return ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${path}`];
}

/**
 * bash's /dev/tcp: Debian/Ubuntu-based runtimes (JRE, ASP.NET, Ruby, PHP, Debian slim) have bash but
 * neither curl nor wget. Sends a minimal HTTP/1.0 request and checks the status code.
 */
export function bashHttpProbe(port: number, path: string): string[] {
  return [
    'bash', '-c',
    `exec 3<>/dev/tcp/127.0.0.1/\${PORT:-${port}} && printf 'GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 ` +
      `&& read -r _ code _ <&3 && [ "$code" -ge 200 ] && [ "$code" -lt 400 ]`,
  ];
}

/** The tools a final image has for probing itself; each HTTP probe above has a TCP twin below. */
export type ProbeTool = 'node' | 'python' | 'wget' | 'bash';

/** Node.js: a TCP connect to the port. */
export function nodeTcpProbe(port: number): string[] {
  return [
    'node', '-e',
    `require('net').connect({host:'127.0.0.1',port:process.env.PORT||${port},timeout:2000}).on('connect',()=>process.exit(0))` +
      `.on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))`,
  ];
}

export function pythonTcpProbe(port: number): string[] {
  return ['python', '-c', `import os,socket; socket.create_connection(('127.0.0.1', int(os.environ.get('PORT') or '${port}')), timeout=2).close()`];
}

/** BusyBox nc (no -z): connects, sees end of input, exits 0 once connected, 1 when refused. */
export function ncTcpProbe(port: number): string[] {
  return ['sh', '-c', `nc -w 2 127.0.0.1 "\${PORT:-${port}}" </dev/null >/dev/null`];
}

export function bashTcpProbe(port: number): string[] {
  return ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/\${PORT:-${port}}`];
}

/** The probe for a tool: HTTP GET of `path` when given, else a TCP connect. */
export function probeFor(tool: ProbeTool, port: number, path: string | undefined): string[] {
  switch (tool) {
    case 'node': return path ? nodeHttpProbe(port, path) : nodeTcpProbe(port);
    case 'python': return path ? pythonHttpProbe(port, path) : pythonTcpProbe(port);
    case 'wget': return path ? wgetHttpProbe(port, path) : ncTcpProbe(port);
    case 'bash': return path ? bashHttpProbe(port, path) : bashTcpProbe(port);
  }
}
