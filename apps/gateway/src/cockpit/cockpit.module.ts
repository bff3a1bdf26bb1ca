import { Controller, Get, Header, Inject, Module, type DynamicModule } from '@nestjs/common';

const UPSTREAMS = Symbol('UPSTREAMS');
type Upstream = { name: string; url: string };

@Controller()
class CockpitController {
  constructor(@Inject(UPSTREAMS) private readonly upstreams: Upstream[]) {}

  /** Polled by the page: each service's readiness as the gateway sees it. */
  @Get('api/status')
  async status() {
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
    return { gateway: 'ready', services };
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return COCKPIT_PAGE;
  }
}

@Module({})
export class CockpitModule {
  static forRoot(upstreams: Upstream[]): DynamicModule {
    return { module: CockpitModule, controllers: [CockpitController], providers: [{ provide: UPSTREAMS, useValue: upstreams }] };
  }
}

// The real cockpit (indicators, trends, alerts) arrives with the gateway issue; until then the
// page says plainly what runs, so nobody mistakes it for the dashboard.
const COCKPIT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>EduCube Hub · 数据驾驶舱</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;background:#0b1f33;color:#e8f1fb}
h1{font-weight:600}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #234}
.ok{color:#5fd38d}.bad{color:#ff7a7a}small{color:#9ab}</style></head>
<body><h1>EduCube Hub · 数据驾驶舱</h1>
<p><small>Foundation build: the four services run; indicators, trends and the simulated province arrive with the next issues.</small></p>
<table><thead><tr><th>service</th><th>address</th><th>readiness</th></tr></thead><tbody id="rows"></tbody></table>
<script>
async function refresh(){
  const res = await fetch('/api/status'); const body = await res.json();
  document.getElementById('rows').innerHTML = [{name:'gateway',url:location.origin,ready:true}].concat(body.services)
    .map(s => '<tr><td>'+s.name+'</td><td>'+s.url+'</td><td class="'+(s.ready?'ok':'bad')+'">'+(s.ready?'ready':'not ready')+'</td></tr>').join('');
}
refresh(); setInterval(refresh, 2000);
</script></body></html>`;
