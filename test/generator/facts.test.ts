/**
 * App facts read from code (issue 13): each case is a small project written here in the shapes real apps use, and the
 * fact the generator must take from it: the health route (never an invented one), the bind and its switch, the start
 * command, the files read and written at run time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectStack, generateDockerfile, type StackInfo } from '../../tools/generator/index.js';
import { blankComments } from '../../tools/generator/detect/facts/source-text.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function app(files: Record<string, string>): Promise<StackInfo> {
  const root = mkdtempSync(path.join(tmpdir(), 'de-facts-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const stack = await detectStack(root);
  expect(stack, 'a stack is detected').toBeDefined();
  return stack!;
}

const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'svc', version: '1.0.0', dependencies: { express: '^4.21.0' }, ...extra });
const paths = (s: StackInfo) => s.facts!.routes.map((r) => r.path);

describe('source text', () => {
  it('blanks comments but keeps strings, offsets and lines', () => {
    const js = "app.get('/a', h); // app.get('/b')\n/* app.get('/c') */ const u = 'http://x/y'; // '\n";
    const out = blankComments(js, 'c');
    expect(out).toHaveLength(js.length);
    expect(out).toContain("app.get('/a'");
    expect(out).not.toContain('/b');
    expect(out).not.toContain('/c');
    expect(out).toContain("'http://x/y'");
    expect(out.split('\n')).toHaveLength(js.split('\n').length);
    expect(blankComments("x = '#not a comment' # a comment\n", 'hash')).toBe("x = '#not a comment'            \n");
  });
});

describe('Node.js facts', () => {
  it('follows a router mounted under a prefix to its health route, and probes it', async () => {
    const s = await app({
      'package.json': pkg(),
      'app.js': "const express = require('express');\nconst app = express();\napp.use('/api', require('./routes/api'));\napp.listen(process.env.PORT || 4000);\n",
      'routes/api.js': "const router = require('express').Router();\nrouter.get('/health', (req, res) => res.send('ok'));\nrouter.get('/items', list);\nmodule.exports = router;\n",
    });
    expect(paths(s)).toEqual(expect.arrayContaining(['/api/health', '/api/items']));
    expect(s.healthPath).toBe('/api/health');
    expect(s.port).toBe(4000);
    const out = generateDockerfile(s);
    expect(out.dockerfile).toContain("path:'/api/health'");
    expect(out.dockerfile).not.toMatch(/path:'\/health'/);
  });

  it('ESM router `get("")` under app.use("/health", router) is the /health route', async () => {
    const s = await app({
      'package.json': pkg({ type: 'module' }),
      'server/server.js': "import express from 'express';\nimport healthRoutes from './routes/health-route.js';\nconst app = express();\napp.use('/health', healthRoutes);\napp.listen(3000);\n",
      'server/routes/health-route.js': "import express from 'express';\nconst router = express.Router();\nrouter.get('', (req, res) => res.json({ status: 'UP' }));\nexport default router;\n",
    });
    expect(s.healthPath).toBe('/health');
  });

  it('views and a static folder with index.html: run-time files, and / is served', async () => {
    const s = await app({
      'package.json': pkg(),
      'index.js': "const path = require('path');\nconst express = require('express');\nexpress()\n  .use(express.static(path.join(__dirname, 'public')))\n  .set('views', path.join(__dirname, 'views'))\n  .get('/about', (req, res) => res.render('about'))\n  .listen(5000);\n",
      'public/index.html': '<h1>hi</h1>',
      'views/about.ejs': 'about',
    });
    expect(s.facts!.runtimeFiles.map((f) => f.path).sort()).toEqual(['public', 'views']);
    expect(s.facts!.root?.via).toMatch(/public\/index\.html/);
    expect(paths(s)).toContain('/about');
    expect(s.healthPath).toBe('/');
  });

  it('fastify.listen() without a host binds 127.0.0.1: with no switch it is a warning with file:line', async () => {
    const s = await app({
      'package.json': JSON.stringify({ name: 'f', dependencies: { fastify: '^4.0.0' } }),
      'server.js': "const fastify = require('fastify')();\nfastify.get('/', async () => 'hi');\nfastify.listen({ port: 3000 });\n",
    });
    expect(s.localOnly).toMatchObject({ file: 'server.js', line: 3 });
    expect(s.bindFix).toBeUndefined();
    expect(generateDockerfile(s).notes.join('\n')).toMatch(/WARNING server\.js:3: the app fastify\.listen\(\) without a host binds 127\.0\.0\.1 only/);
  });

  it('a HOST variable with a loopback default is the switch: HOST=0.0.0.0 goes into ENV', async () => {
    const s = await app({
      'package.json': pkg(),
      'server.js': "const app = require('express')();\nconst host = process.env.HOST || '127.0.0.1';\napp.get('/healthz', ok);\napp.listen(8081, host);\n",
    });
    expect(s.bindFix?.env).toEqual({ HOST: '0.0.0.0' });
    expect(generateDockerfile(s).dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(s.healthPath).toBe('/healthz');
  });

  it("`'RENDER' in process.env ? '0.0.0.0' : 'localhost'`: setting RENDER is the switch", async () => {
    const s = await app({
      'package.json': JSON.stringify({ name: 'r', dependencies: { fastify: '^4' } }),
      'app.js': "const fastify = require('fastify')();\nconst host = ('RENDER' in process.env) ? `0.0.0.0` : `localhost`;\nfastify.get('/', h);\nfastify.listen({ host: host, port: process.env.PORT || 3000 });\n",
    });
    expect(s.bindFix?.env).toEqual({ RENDER: '1' });
  });

  it('a plain node:http server comparing the path, NestJS controllers, and commented-out routes', async () => {
    const raw = await app({
      'package.json': JSON.stringify({ name: 'raw', scripts: { start: 'node srv.js' } }),
      'srv.js': "const http = require('http');\nhttp.createServer((req, res) => {\n  if (req.url === '/livez') return res.end('ok');\n  // if (req.url === '/health') ...\n  res.end();\n}).listen(8080);\n",
    });
    expect(paths(raw)).toEqual(['/livez']);
    expect(raw.healthPath).toBe('/livez');
    const nest = await app({
      'package.json': JSON.stringify({ name: 'n', dependencies: { '@nestjs/core': '^10' }, scripts: { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' } }),
      'src/status.controller.ts': "@Controller('status')\nexport class StatusController {\n  @Get()\n  get() { return 'ok'; }\n}\n",
      'src/main.ts': 'async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\n',
    });
    expect(nest.startCommand).toEqual(['node', 'dist/main']);
    expect(nest.healthPath).toBe('/status');
  });

  it('files written at run time are made writable for the non-root user (project folders and absolute ones)', async () => {
    const s = await app({
      'package.json': JSON.stringify({ name: 'w', dependencies: { express: '4', sqlite3: '5' }, scripts: { start: 'node src/index.js' } }),
      'src/index.js': "const app = require('express')();\napp.get('/', h);\napp.listen(3000);\n",
      'src/db.js': "const location = process.env.SQLITE_DB_LOCATION || '/etc/todos/todo.db';\nconst db = new sqlite3.Database(location);\nconst cache = new sqlite3.Database('./var/cache.db');\n",
    });
    // Relative paths open from the process's working directory (WORKDIR), not from the file's folder.
    expect(s.writableDirs).toEqual(expect.arrayContaining(['/etc/todos', 'var']));
    const out = generateDockerfile(s);
    expect(out.dockerfile).toMatch(/RUN mkdir -p [^\n]*\/etc\/todos[^\n]*&& chown -R 10001:10001/);
    // sqlite3 compiles when no prebuilt binary can be fetched: the full image installs it.
    expect(out.dockerfile).toMatch(/^FROM node:22-bookworm AS deps$/m);
    expect(out.dockerfile).toMatch(/^FROM node:22-bookworm-slim AS runtime$/m);
  });

  it('a postinstall that runs a development tool: installs skip scripts', async () => {
    const s = await app({
      'package.json': JSON.stringify({ name: 'h', dependencies: { express: '4' }, devDependencies: { lefthook: '1' }, scripts: { postinstall: 'lefthook install', start: 'node app.js' } }),
      'pnpm-lock.yaml': "lockfileVersion: '6.0'\n",
      'app.js': "require('express')().get('/', h).listen(3000);\n",
    });
    expect(s.language === 'node' && s.devLifecycleScript).toEqual({ name: 'postinstall', command: 'lefthook install' });
    const out = generateDockerfile(s).dockerfile;
    expect(out).toContain('pnpm install --frozen-lockfile --prod --ignore-scripts');
    // No packageManager field: pnpm comes from npm at the lockfile's release line, not from corepack.
    expect(out).toContain('RUN npm install -g pnpm@8');
  });

  it('fastify-cli (`fastify start`) binds 127.0.0.1 unless FASTIFY_ADDRESS is set: it is set', async () => {
    const s = await app({
      'package.json': JSON.stringify({ name: 'fc', dependencies: { fastify: '4', 'fastify-cli': '6', '@fastify/autoload': '5' }, scripts: { start: 'fastify start -l info app.js' } }),
      'app.js': "module.exports = async function (fastify, opts) { fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes') }); };\n",
      'routes/root.js': "module.exports = async function (fastify) { fastify.get('/', async () => ({ root: true })); };\n",
      'routes/example/index.js': "module.exports = async function (fastify) { fastify.get('/', async () => 'ex'); };\n",
    });
    expect(s.startCommand).toEqual(['node_modules/.bin/fastify', 'start', '-l', 'info', 'app.js']);
    expect(s.bindFix?.env).toEqual({ FASTIFY_ADDRESS: '0.0.0.0' });
    expect(paths(s)).toEqual(expect.arrayContaining(['/', '/example']));
  });
});

describe('Python facts', () => {
  it('a FastAPI package with relative imports starts as a module, with router prefixes followed', async () => {
    const s = await app({
      'requirements.txt': 'fastapi[standard]\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\nfrom .routers import items\n\napp = FastAPI()\napp.include_router(items.router, prefix="/items")\n\n@app.get("/healthz")\ndef healthz():\n    return {"ok": True}\n',
      'app/routers/__init__.py': '',
      'app/routers/items.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get("/")\ndef list_items():\n    return []\n',
    });
    expect(s.startCommand).toEqual(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000']);
    expect(paths(s)).toEqual(expect.arrayContaining(['/healthz', '/items']));
    expect(s.healthPath).toBe('/healthz');
  });

  it('a Flask blueprint with url_prefix, registered with another prefix', async () => {
    const s = await app({
      'requirements.txt': 'flask\ngunicorn\n',
      'app.py': 'from flask import Flask\nfrom views import bp\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix="/api")\n',
      'views.py': 'from flask import Blueprint\nbp = Blueprint("v", __name__)\n\n@bp.route("/ping")\ndef ping():\n    return "pong"\n\n@bp.route("/submit", methods=["POST"])\ndef submit():\n    return ""\n',
    });
    expect(paths(s)).toEqual(['/api/ping']);
    expect(s.healthPath).toBe('/api/ping');
    expect(s.startCommand).toEqual(['gunicorn', '--bind', '0.0.0.0:5000', 'app:app']);
  });

  it('Flask without a WSGI server: `flask run` on every interface, not a loopback `app.run()`', async () => {
    const s = await app({
      'requirements.txt': 'Flask>=3\n',
      'hello.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
    });
    expect(s.startCommand).toEqual(['flask', '--app', 'hello:app', 'run', '--host', '0.0.0.0', '--port', '5000']);
    expect(s.localOnly).toBeUndefined();
  });

  it('an aiohttp package that runs itself: python -m, on 8080', async () => {
    const s = await app({
      'requirements.txt': 'aiohttp\n',
      'chat/__init__.py': '',
      'chat/main.py': 'from aiohttp import web\nfrom .views import index\n\ndef main():\n    app = web.Application()\n    app.router.add_get("/", index)\n    web.run_app(app)\n\nif __name__ == "__main__":\n    main()\n',
      'chat/views.py': 'async def index(request):\n    return None\n',
    });
    expect(s.startCommand).toEqual(['python', '-m', 'chat.main']);
    expect(s.port).toBe(8080);
    expect(s.healthPath).toBe('/');
  });

  it('Django URLconf includes, with the WSGI module', async () => {
    const s = await app({
      'requirements.txt': 'django\ngunicorn\n',
      'manage.py': 'import os\n',
      'site1/__init__.py': '',
      'site1/settings.py': 'ROOT_URLCONF = "site1.urls"\n',
      'site1/wsgi.py': 'application = get_wsgi_application()\n',
      'site1/urls.py': 'from django.urls import include, path\nurlpatterns = [path("ops/", include("ops.urls")), path("", home)]\n',
      'ops/__init__.py': '',
      'ops/urls.py': 'from django.urls import path\nurlpatterns = [path("health/", health)]\n',
    });
    expect(paths(s)).toEqual(expect.arrayContaining(['/ops/health/', '/']));
    expect(s.healthPath).toBe('/ops/health/');
    expect(s.startCommand).toEqual(['gunicorn', '--bind', '0.0.0.0:8000', 'site1.wsgi:application']);
  });

  it('SQLite under Flask-SQLAlchemy lives in instance/: it is made writable', async () => {
    const s = await app({
      'requirements.txt': 'flask\nflask-sqlalchemy\ngunicorn\n',
      'app.py': 'from flask import Flask\napp = Flask(__name__)\napp.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///todo.db"\n\n@app.get("/")\ndef i():\n    return ""\n',
    });
    expect(s.writableDirs).toEqual(['instance']);
    expect(generateDockerfile(s).dockerfile).toContain('RUN mkdir -p /app/instance && chown -R 10001:10001 /app/instance');
  });
});

describe('Go facts', () => {
  it('templates and static files read from disk go into the final stage, with WORKDIR; embedded ones do not', async () => {
    const s = await app({
      'go.mod': 'module example.com/web\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport (\n\t"embed"\n\t"html/template"\n\t"net/http"\n)\n\n//go:embed assets\nvar assets embed.FS\n\nvar tpl = template.Must(template.ParseGlob("templates/*.html"))\n\nfunc main() {\n\thttp.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir("./static"))))\n\thttp.Handle("/assets/", http.FileServer(http.FS(assets)))\n\thttp.HandleFunc("/", index)\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      'templates/index.html': '<p>{{.}}</p>',
      'static/app.css': 'body{}',
      'assets/logo.svg': '<svg/>',
    });
    expect(s.facts!.runtimeFiles.map((f) => f.path).sort()).toEqual(['static', 'templates']);
    expect(s.facts!.embedded.map((f) => f.path)).toEqual(['assets']);
    const out = generateDockerfile(s).dockerfile;
    const final = out.slice(out.lastIndexOf('FROM '));
    expect(final).toMatch(/WORKDIR \/app\n[\s\S]*COPY templates \.\/templates\nCOPY static \.\/static/);
    expect(final).not.toContain('assets');
  });

  it('an -addr flag that defaults to localhost: the flag is set on the command line', async () => {
    const s = await app({
      'go.mod': 'module golang.org/x/example/helloserver\n\ngo 1.19\n',
      'server.go': 'package main\n\nimport (\n\t"flag"\n\t"net/http"\n)\n\nvar addr = flag.String("addr", "localhost:8080", "address to serve")\n\nfunc main() {\n\tflag.Parse()\n\thttp.HandleFunc("/", greet)\n\thttp.ListenAndServe(*addr, nil)\n}\n',
    });
    expect(s.bindFix?.args).toEqual(['-addr=:8080']);
    expect(generateDockerfile(s).dockerfile).toContain('ENTRYPOINT ["/app/helloserver", "-addr=:8080"]');
  });

  it('a file opened through a variable, gin groups, and the service among several main packages', async () => {
    const s = await app({
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'cmd/shop/main.go': 'package main\n\nfunc main() {\n\tr := gin.Default()\n\tapi := r.Group("/api")\n\tapi.GET("/health", h)\n\tr.Run()\n}\n',
      'cmd/shopctl/main.go': 'package main\n\nfunc main() {}\n',
      'cmd/shop/logo.go': 'package main\n\nfunc logo() {\n\tpath := "logo.png"\n\tf, _ := os.Open(path)\n\t_ = f\n}\n',
      'logo.png': 'png',
    });
    expect(s.language === 'go' && s.mainPackage).toBe('./cmd/shop');
    expect(s.healthPath).toBe('/api/health');
    expect(s.port).toBe(8080);
    expect(s.facts!.runtimeFiles.map((f) => f.path)).toEqual(['logo.png']);
  });
});

describe('other stacks', () => {
  it('Rust: a hard-coded 127.0.0.1 bind is a warning (no switch), and the port is not taken from the address', async () => {
    const s = await app({
      'Cargo.toml': '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n',
      'src/main.rs': 'use std::net::SocketAddr;\n#[tokio::main]\nasync fn main() {\n    let app = Router::new().route("/hello", get(hello));\n    let addr = SocketAddr::from(([127, 0, 0, 1], 8080));\n    axum::serve(TcpListener::bind(addr).await.unwrap(), app).await.unwrap();\n}\n',
    });
    expect(s.port).toBe(8080);
    expect(s.localOnly).toBeDefined();
    expect(s.healthPath).toBeUndefined();
  });

  it('Rocket binds 127.0.0.1 by default: ROCKET_ADDRESS is its switch', async () => {
    const s = await app({
      'Cargo.toml': '[package]\nname = "rk"\nversion = "0.1.0"\n\n[dependencies]\nrocket = "0.5"\n',
      'src/main.rs': '#[get("/health")]\nfn health() -> &\'static str { "ok" }\n#[launch]\nfn rocket() -> _ { rocket::build().mount("/", routes![health]) }\n',
    });
    expect(s.bindFix?.env).toMatchObject({ ROCKET_ADDRESS: '0.0.0.0' });
    expect(s.healthPath).toBe('/health');
    expect(s.port).toBe(8000);
  });

  it('PHP: the Procfile names the web root, and .htaccess rewrites need mod_rewrite', async () => {
    const s = await app({
      'composer.json': JSON.stringify({ require: { php: '^8.2', 'slim/slim': '^4' } }),
      Procfile: 'web: heroku-php-apache2 web/\n',
      'web/index.php': "<?php\n$app->get('/', function ($req, $res) { return $res; });\n$app->get('/healthz', function ($req, $res) { return $res; });\n",
      'web/.htaccess': 'RewriteEngine On\nRewriteRule ^ index.php [QSA,L]\n',
    });
    expect(s.language === 'php' && s.documentRoot).toBe('web');
    expect(s.language === 'php' && s.rewrite).toBe('htaccess');
    const out = generateDockerfile(s).dockerfile;
    expect(out).toContain('/var/www/html/web');
    expect(out).toContain('a2enmod rewrite');
    expect(out).toContain('AllowOverride All');
    expect(s.healthPath).toBe('/healthz');
  });

  it('Sinatra binds localhost in development: APP_ENV=production is its switch', async () => {
    const s = await app({
      Gemfile: "source 'https://rubygems.org'\ngem 'sinatra'\n",
      'app.rb': "require 'sinatra'\nget '/' do\n  'hi'\nend\n",
    });
    expect(s.bindFix?.env).toMatchObject({ APP_ENV: 'production' });
    expect(s.healthPath).toBe('/');
  });

  it('Spring Boot: routes in deep packages, actuator on the app port, not when it has its own', async () => {
    const controller = 'package com.acme.demo.web;\n@RestController\n@RequestMapping("/api")\npublic class HelloController {\n  @GetMapping("/hello")\n  public String hello() { return "hi"; }\n}\n';
    const pom = '<project><modelVersion>4.0.0</modelVersion><parent><artifactId>spring-boot-starter-parent</artifactId></parent><artifactId>demo</artifactId><version>1.0</version><dependencies><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>';
    const same = await app({ 'pom.xml': pom, 'src/main/java/com/acme/demo/web/HelloController.java': controller });
    expect(paths(same)).toEqual(expect.arrayContaining(['/api/hello', '/actuator/health']));
    expect(same.healthPath).toBe('/actuator/health');
    const own = await app({ 'pom.xml': pom, 'src/main/java/com/acme/demo/web/HelloController.java': controller, 'src/main/resources/application.properties': 'server.port=9000\nmanagement.server.port=9001\n' });
    expect(paths(own)).toEqual(['/api/hello']);
    expect(own.port).toBe(9000);
    expect(own.healthPath).toBeUndefined();
  });

  it('dot-leading build files are inputs like any other: the Maven wrapper folder .mvn is copied', async () => {
    const s = await app({
      'pom.xml': '<project><modelVersion>4.0.0</modelVersion><parent><artifactId>spring-boot-starter-parent</artifactId></parent><artifactId>demo</artifactId><version>1.0</version></project>',
      mvnw: '#!/bin/sh\n',
      '.mvn/wrapper/maven-wrapper.properties': 'distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/apache-maven-3.9.9-bin.zip\n',
      'src/main/java/com/acme/App.java': 'package com.acme;\n@RestController\nclass App {\n  @GetMapping("/")\n  String home() { return "hi"; }\n}\n',
    });
    const out = generateDockerfile(s).dockerfile;
    expect(out).toContain('COPY --chmod=0755 mvnw ./');
    expect(out).toContain('COPY .mvn ./.mvn');
  });

  it('ASP.NET minimal API: MapHealthChecks is the probe', async () => {
    const s = await app({
      'Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>',
      'Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet("/todos", () => todos);\napp.MapHealthChecks("/healthz");\napp.Run();\n',
    });
    expect(s.healthPath).toBe('/healthz');
  });
});
