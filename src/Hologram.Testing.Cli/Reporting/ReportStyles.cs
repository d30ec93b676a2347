namespace Hologram.Testing.Cli.Reporting;

/// <summary>The report's stylesheet: system fonts only, colours as custom properties with a dark scheme.</summary>
internal static class ReportStyles
{
    public const string Css = """
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--card:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--quar:#8250df;--skip:#8c959f;--accent:#0969da;--band:rgba(9,105,218,.16);--grid:#e6e9ed}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--card:#151b23;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--quar:#ab7df8;--skip:#6e7681;--accent:#4493f8;--band:rgba(68,147,248,.22);--grid:#262c36}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{padding:20px 32px 8px;border-bottom:1px solid var(--border)}
h1{font-size:22px;margin:0 0 4px;display:flex;align-items:center;gap:12px}
h2{font-size:18px;margin:0 0 8px;padding-top:4px}
h3{font-size:15px;margin:16px 0 8px}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin:8px 0}
a{color:var(--accent)}
main{padding:8px 32px 32px;max-width:1400px}
section{padding:16px 0;border-bottom:1px solid var(--border)}
footer{padding:12px 32px;color:var(--muted);font-size:12px}
.meta,.hint,.muted,.small.muted{color:var(--muted)}
.small{font-size:12px}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
.missing{border-left:4px solid var(--warn);background:var(--card);padding:8px 12px;margin:8px 0}
.ok-note{color:var(--ok)}
.status{font-size:13px;font-weight:600;padding:2px 10px;border-radius:12px;color:#fff;background:var(--skip)}
.status.ok{background:var(--ok);color:#fff}.status.warn{background:var(--warn);color:#fff}.status.bad{background:var(--bad);color:#fff}.status.muted{color:#fff}
.bad-note{color:var(--bad);font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:8px 0 12px}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:10px 12px;display:flex;flex-direction:column}
.card .value{font-size:22px;font-weight:600}
.card .label{color:var(--muted);font-size:12px}
.card.ok .value,td.ok,.ok{color:var(--ok)}
.card.bad .value,td.bad,.bad{color:var(--bad)}
.card.warn .value,td.warn,.warn{color:var(--warn)}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:4px 16px;margin:0 0 8px}
.facts div{display:flex;gap:8px;min-width:0}.facts dt{color:var(--muted);min-width:80px}.facts dd{margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border-bottom:1px solid var(--border);padding:5px 8px;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600}
.num{text-align:right;white-space:nowrap}
pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;max-height:12em;overflow:auto}
.barcol{width:22%}
.hbar{display:block;height:10px;background:var(--accent);border-radius:2px;min-width:1px}
.rate{display:block;height:4px;background:var(--grid);border-radius:2px;margin-top:3px;min-width:60px}
.rate span{display:block;height:4px;background:var(--warn);border-radius:2px}
.phases{white-space:nowrap}.phase{display:inline-block;width:92px;margin-right:6px;font-size:11px;color:var(--muted)}
.phase .rate span{background:var(--ok)}.phase .rate span.low{background:var(--bad)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px}
.panel{border:1px solid var(--border);border-radius:8px;padding:8px 12px;background:var(--bg)}
.panel h3{margin:4px 0;display:flex;flex-wrap:wrap;gap:6px;align-items:center;word-break:break-all}
.pill{font-size:11px;font-weight:600;border:1px solid currentColor;border-radius:10px;padding:0 8px}
.pill.muted{color:var(--muted)}
details{margin:8px 0}summary{cursor:pointer;color:var(--accent)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:var(--muted);margin:4px 0}
.legend span{display:inline-flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px}
.swatch.pass{background:var(--ok)}.swatch.flaky{background:var(--warn)}.swatch.fail{background:var(--bad)}.swatch.quar{background:var(--quar)}.swatch.skip{background:var(--skip)}
svg.chart{width:100%;height:auto;display:block;max-width:960px}
svg.chart.perf,svg.chart.ramp{max-width:560px}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .axis{stroke:var(--muted);stroke-width:1}
svg text{fill:var(--muted);font-size:11px}
svg .axis-label{fill:var(--fg);font-size:11px}
svg rect.pass{fill:var(--ok)}svg rect.flaky{fill:var(--warn)}svg rect.fail{fill:var(--bad)}svg rect.quar{fill:var(--quar)}svg rect.skip{fill:var(--skip)}
svg g.bar:hover rect{opacity:.75}
svg .band{fill:var(--band);stroke:none}
svg .line{fill:none;stroke:var(--accent);stroke-width:1.6}
svg .dot{fill:var(--accent)}svg .dot.pass{fill:var(--ok)}svg .dot.fail{fill:var(--bad)}svg .dot.inconclusive{fill:var(--warn)}
svg .budget{stroke:var(--bad);stroke-width:1.2;stroke-dasharray:5 4}
svg .budget-label{fill:var(--bad)}
svg .knee{stroke:var(--warn);stroke-width:1.2;stroke-dasharray:4 3}
svg .change{stroke:var(--warn);stroke-width:1.5;stroke-dasharray:2 2}
svg .change-label{fill:var(--warn);font-size:10px}
@media (max-width:700px){header,main{padding-left:12px;padding-right:12px}.grid{grid-template-columns:1fr}}
""";
}
