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
