import { useEffect, useMemo, useState } from 'react';
import { query, SignInNeeded } from './api';
import type { MeQuery, RegionTreeQuery } from './gql/graphql';
import { DICTS, initialLang, type Lang } from './i18n';
import { Me, RegionTree } from './queries';
import { HeatmapView } from './views/Heatmap';
import { IngestionPanel } from './views/Ingestion';
import { OverviewView } from './views/Overview';
import { SchoolView } from './views/School';
import { TrendsView } from './views/Trends';

const TABS = ['overview', 'heatmap', 'trends', 'ingestion', 'school'] as const;
type Tab = (typeof TABS)[number];

type Node = { code: string; name: string; level: string; depth: number };

/** The officer's own subtree, depth first: the only regions the selector offers. */
function flatten(region: RegionTreeQuery['region']): Node[] {
  if (!region) return [];
  const out: Node[] = [{ code: region.code, name: region.name, level: region.level, depth: 0 }];
  for (const c of region.children) {
    out.push({ code: c.code, name: c.name, level: c.level, depth: 1 });
    for (const d of c.children) out.push({ code: d.code, name: d.name, level: d.level, depth: 2 });
  }
  return out;
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const t = DICTS[lang];
  const [me, setMe] = useState<MeQuery | undefined>();
  const [tree, setTree] = useState<Node[]>([]);
  const [region, setRegion] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [tab, setTab] = useState<Tab>('overview');
  const [school, setSchool] = useState<string | undefined>();
  const openSchool = (code: string) => {
    setSchool(code);
    setTab('school');
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('educube.lang', lang);
  }, [lang]);

  useEffect(() => {
    query(Me)
      .then(async (m) => {
        setMe(m);
        const root = m.regions[0];
        if (!root) return;
        setRegion(root.code);
        setTree(flatten((await query(RegionTree, { code: root.code })).region));
      })
      .catch((e: unknown) => !(e instanceof SignInNeeded) && setError(String((e as Error).message)));
  }, []);

  const selected = useMemo(() => tree.find((n) => n.code === region), [tree, region]);

  return (
    <div className="cockpit">
      <header>
        <h1>
          {t.hub} · {t.title}
        </h1>
        {tree.length > 0 && (
          <label>
            {t.region}{' '}
            <select data-testid="region-select" value={region} onChange={(e) => setRegion(e.target.value)}>
              {tree.map((n) => (
                <option key={n.code} value={n.code}>
                  {'　'.repeat(n.depth)}
                  {n.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="who" data-testid="who">
          {me?.me.username ?? me?.me.subject}
        </span>
        <button type="button" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t.language}
        </button>
        <a href="/logout">{t.signOut}</a>
      </header>
      <main>
        {error && <p role="alert">{error}</p>}
        {me && me.regions.length === 0 && <p data-testid="no-region">{t.noData}</p>}
        {region && selected && (
          <>
            <nav role="tablist" aria-label={t.title}>
              {TABS.map((id) => (
                <button key={id} type="button" role="tab" aria-selected={tab === id} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
                  {t.tabs[id]}
                </button>
              ))}
            </nav>
            {tab === 'overview' && <OverviewView key={region} code={region} t={t} lang={lang} />}
            {tab === 'heatmap' && <HeatmapView key={region} code={region} t={t} />}
            {tab === 'trends' && <TrendsView key={region} code={region} t={t} />}
            {tab === 'ingestion' && <IngestionPanel key={region} code={region} t={t} lang={lang} onSchool={openSchool} />}
            {tab === 'school' && <SchoolView key={region} region={region} school={school} t={t} onSchool={setSchool} />}
          </>
        )}
      </main>
    </div>
  );
}
