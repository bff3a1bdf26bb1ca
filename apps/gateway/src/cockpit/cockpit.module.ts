import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, Header, Inject, Module, NotFoundException, Param, Res, type DynamicModule } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ServiceTokens } from '@educube/oidc';
import { Api, Public, type AnswerOf } from '@educube/service-kit';
import { fetchIngestion } from './ingestion';
import { statusAnswer } from './status';
import { z } from 'zod';

const UPSTREAMS = Symbol('UPSTREAMS');
const COCKPIT_APP = Symbol('COCKPIT_APP');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The built cockpit app, read from disk once per file: its index and its hashed assets. Only
 * plain file names of the assets folder are served, nothing above it.
 */
export class CockpitApp {
  private readonly cache = new Map<string, { type: string; body: Buffer } | null>();

  constructor(private readonly dir: string) {}

  index(): string | undefined {
    const file = join(this.dir, 'index.html');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  asset(name: string): { type: string; body: Buffer } | undefined {
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return undefined;
    if (!this.cache.has(name)) {
      const file = join(this.dir, 'assets', name);
      const type = TYPES[extname(name)];
      this.cache.set(name, type && existsSync(file) ? { type, body: readFileSync(file) } : null);
    }
    return this.cache.get(name) ?? undefined;
  }
}
const SERVICE_FETCH = Symbol('SERVICE_FETCH');
type ServiceFetch = (url: string, init?: RequestInit) => Promise<Response>;
type Upstream = { name: string; url: string };

@Controller()
class CockpitController {
  constructor(
    @Inject(UPSTREAMS) private readonly upstreams: Upstream[],
    @Inject(SERVICE_FETCH) private readonly send: ServiceFetch,
    @Inject(COCKPIT_APP) private readonly app: CockpitApp,
  ) {}

  /**
   * Polled by the page: each service's readiness as the gateway sees it, and what the warehouse
   * has taken in, as totals and per family only. It is public, so it names no school: per-school
   * figures are for signed-in officers of the school's region (the GraphQL issue).
   */
  @Public('the status strip: readiness and province-wide totals, no school named')
  @Api({ summary: "each service's readiness and the warehouse's province-wide totals", response: statusAnswer })
  @Get('api/status')
  async status(): Promise<AnswerOf<typeof statusAnswer>> {
    const ingestion = fetchIngestion(this.upstreams.find((u) => u.name === 'data-warehouse')?.url, this.send).then((i) =>
      i.available ? { ...i, schools: [] } : i,
    );
    const services = await Promise.all(
      this.upstreams.map(async ({ name, url }) => {
        try {
          const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
          return { name, url, ready: res.ok, detail: (await res.json()) as unknown };
        } catch (e) {
          return { name, url, ready: false, detail: (e as Error).message };
        }
      }),
    );
    return { gateway: 'ready', services, ingestion: await ingestion };
  }

  /** The cockpit app (built by `npm run cockpit:build` into dist/cockpit); the status page when it is not built. */
  @Public('the cockpit page itself: the app reads only /graphql, as the signed-in person')
  @Api({ summary: 'the cockpit app', response: { schema: z.string(), contentType: 'text/html' } })
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return this.app.index() ?? COCKPIT_PAGE;
  }

  @Public("the cockpit app's scripts and styles (hashed names; no data)")
  @Api({ summary: "the cockpit app's scripts and styles", response: { schema: z.string(), contentType: 'application/octet-stream' }, errors: [404] })
  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    const found = this.app.asset(file);
    if (!found) throw new NotFoundException(`no asset ${file.slice(0, 80)}`);
    void reply.header('content-type', found.type).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    return found.body;
  }
}

@Module({})
export class CockpitModule {
  static forRoot(upstreams: Upstream[], tokens: ServiceTokens | undefined, appDir: string): DynamicModule {
    const send: ServiceFetch = tokens ? (url, init) => tokens.fetch(url, init) : (url, init) => fetch(url, init);
    return {
      module: CockpitModule,
      controllers: [CockpitController],
      providers: [
        { provide: UPSTREAMS, useValue: upstreams },
        { provide: SERVICE_FETCH, useValue: send },
        { provide: COCKPIT_APP, useValue: new CockpitApp(appDir) },
      ],
    };
  }
}

// The real cockpit (indicators, trends, alerts) arrives with the gateway issue; until then the
// page says plainly what runs and what the warehouse has taken in, so nobody mistakes it for the
// dashboard. Text from upstreams goes through esc(): school codes and sources are data.
const COCKPIT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>EduCube Hub · 数据驾驶舱</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;background:#0b1f33;color:#e8f1fb}
h1{font-weight:600}h2{font-weight:500;margin-top:2rem}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #234;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#5fd38d}.bad{color:#ff7a7a}small{color:#9ab}
.big{font-size:2rem;font-weight:600}.cols{display:flex;gap:3rem;flex-wrap:wrap;align-items:flex-start}</style></head>
<body><h1>EduCube Hub · 数据驾驶舱</h1>
<p><small>Foundation build: the services run and a simulated province streams its school systems' events in; indicators, trends and alerts arrive with the next issues.</small></p>
<table><thead><tr><th>service</th><th>address</th><th>readiness</th></tr></thead><tbody id="rows"></tbody></table>
<h2>Ingestion</h2><div id="ingestion"><p>waiting for the warehouse…</p></div>
<script>
function esc(v){return String(v).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';'})}
function n(v){return v===null||v===undefined?'–':Number(v).toLocaleString()}
function table(head,rows){return '<table><thead><tr>'+head.map(function(h){return '<th>'+esc(h)+'</th>'}).join('')+'</tr></thead><tbody>'+rows.join('')+'</tbody></table>'}
function ingestion(i){
  if(!i||!i.available) return '<p>waiting for the warehouse'+(i&&i.reason?' <small>('+esc(i.reason)+')</small>':'')+'</p>';
  var t=i.totals;
  var head='<p><span class="big">'+n(t.accepted)+'</span> events accepted since the warehouse started'
    +' <small>· stored '+n(i.storedEvents)+' · duplicates '+n(t.duplicates)+' · conflicts '+n(t.conflicts)
    +' · dead letters '+n(t.deadLetters)+' · parked '+n(t.parked)+' · '+n(t.eventsPerMinute)+' events/min</small></p>'
    +'<p>last event: '+(i.lastEventTime?esc(i.lastEventTime):'none yet')+'</p>';
  var fam=table(['family','accepted','rejected','parked'],i.families.map(function(f){return '<tr><td>'+esc(f.family)+'</td><td class="n">'+n(f.accepted)+'</td><td class="n">'+n(f.rejects)+'</td><td class="n">'+n(f.parked)+'</td></tr>'}));
  var sch=table(['school','accepted','rejected','parked','last event'],i.schools.map(function(s){return '<tr><td>'+esc(s.schoolCode)+'</td><td class="n">'+n(s.accepted)+'</td><td class="n">'+n(s.rejects)+'</td><td class="n">'+n(s.parked)+'</td><td>'+esc(s.lastEventTime||'–')+'</td></tr>'}));
  return head+'<div class="cols"><div>'+fam+'</div><div>'+sch+'</div></div>';
}
async function refresh(){
  try{
    const res = await fetch('/api/status'); const body = await res.json();
    document.getElementById('rows').innerHTML = [{name:'gateway',url:location.origin,ready:true}].concat(body.services)
      .map(s => '<tr><td>'+esc(s.name)+'</td><td>'+esc(s.url)+'</td><td class="'+(s.ready?'ok':'bad')+'">'+(s.ready?'ready':'not ready')+'</td></tr>').join('');
    document.getElementById('ingestion').innerHTML = ingestion(body.ingestion);
  }catch(e){
    document.getElementById('ingestion').innerHTML = '<p>waiting for the gateway…</p>';
  }
}
refresh(); setInterval(refresh, 3000);
</script></body></html>`;
