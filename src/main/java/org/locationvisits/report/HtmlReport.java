package org.locationvisits.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS, SVG and script, nothing fetched from anywhere, so it
 * can be mailed or opened from a bucket. The heat map is {@link HeatMapSvg}; the script only re-orders its rows
 * (worst first or by name) and shows a tooltip with a site-day's counts.
 */
final class HtmlReport {
    private static final String[] COLOURS = {"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#67a9cf",
            "#2166ac"};
    private static final String[] BIN_LABELS = {"under 50%", "50–75%", "75–90%", "90–97%", "97–99%", "99–<100%",
            "100%"};

    private HtmlReport() {
    }

    static void write(CompletenessReport report, Writer writer) throws IOException {
        StringBuilder out = new StringBuilder(1 << 20);
        String from = report.days().get(0).toString();
        String to = report.days().get(report.days().size() - 1).toString();
        Counts total = report.total();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ShopperTrak completeness ")
                .append(from).append(" to ").append(to).append("</title>\n<style>\n").append(css())
                .append("</style></head>\n<body>\n<h1>ShopperTrak completeness, ").append(from).append(" to ")
                .append(to).append("</h1>\n<p class=\"summary\">").append(report.rows().size()).append(" sites × ")
                .append(report.days().size()).append(" days from <code>").append(escape(report.source()))
                .append("</code> (").append(report.answers()).append(" archived answers")
                .append(report.unreadable() > 0 ? ", " + report.unreadable() + " unreadable and skipped" : "")
                .append("). ").append(String.format(Locale.ROOT, "<b>%.2f%%</b> of %,d open increments healthy; "
                                + "%,d recovered, %,d unhealthy, %,d missing; %,d closed site-days.",
                        100 * total.healthyShare(), total.open(), total.recovered(), total.unhealthy(),
                        total.missing(), total.closedDays()))
                .append("</p>\n<div class=\"controls\">Order: <button id=\"worst\" class=\"on\" type=\"button\">"
                        + "Worst first</button> <button id=\"name\" type=\"button\">Site name</button></div>\n");
        legend(out);
        out.append("<div class=\"map\">\n");
        new HeatMapSvg(report, out).write();
        out.append("</div>\n<div id=\"tip\" hidden></div>\n");
        if (!report.unreportable().isEmpty()) {
            out.append("<p class=\"note\">In the all-sites list but in no answer of the range (entrances unknown, "
                    + "not shown): ").append(escape(String.join(", ", report.unreportable()))).append("</p>\n");
        }
        out.append("<script>\n").append(script()).append("</script>\n</body></html>\n");
        writer.write(out.toString());
        writer.flush();
    }

    private static void legend(StringBuilder out) {
        out.append("<div class=\"legend\"><span class=\"title\">Healthy share of the open increments:</span>");
        for (int q = COLOURS.length - 1; q >= 0; q--) {
            out.append("<span class=\"key\"><i class=\"swatch q").append(q).append("\"></i>").append(BIN_LABELS[q])
                    .append("</span>");
        }
        out.append("<br><span class=\"key\"><i class=\"swatch q6 with-recovered\"></i>gold top: recovered "
                        + "increments</span><span class=\"key\"><i class=\"swatch q3 with-missing\"></i>black bottom: "
                        + "increments with no row at all</span><span class=\"key\"><i class=\"swatch absent\"></i>"
                        + "black: no row of the site that day</span>"
                        + "<span class=\"key\"><i class=\"swatch closed\"></i>hatched: "
                        + "full-day closure</span></div>\n<details class=\"defs\"><summary>Definitions</summary><ul>"
                        + "<li><b>expected</b>: the site's entrances (every entrance seen in the range) × the day's "
                        + "15-minute increments: 96, 92 on the spring-forward day, 100 on the fall-back day "
                        + "(America/New_York).</li><li><b>healthy</b>: code 01 in the day's allsites answer.</li>"
                        + "<li><b>recovered</b>: not healthy in any allsites answer, healthy in a later site answer "
                        + "of that day.</li><li><b>unhealthy</b>: answered, never healthy, not missing by the "
                        + "calendar rule.</li><li><b>missing</b>: no row at all (also a site absent from allsites and "
                        + "never answered), or unhealthy with 0 enters and 0 exits within the branch's regular "
                        + "hours (or hours unknown): <code>is_missing_data</code>.</li><li><b>closed</b>: a full-day "
                        + "closure of the branch or of every site; such a site-day is not judged.</li>"
                        + "<li>Colour: (healthy + recovered) ÷ (expected − closed). The black mark shows only the "
                        + "missing increments with no row; the rule's are in the colour and the tooltip.</li></ul></details>\n");
    }

    private static String css() {
        StringBuilder css = new StringBuilder("body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}"
                + "h1{font-size:20px;margin:0 0 6px}.summary{margin:0 0 8px}.controls{margin:6px 0}"
                + "button{font:inherit;padding:2px 10px;border:1px solid #888;background:#f4f4f4;border-radius:3px;"
                + "cursor:pointer}button.on{background:#2166ac;color:#fff;border-color:#2166ac}"
                + ".legend{margin:6px 0}.legend .title{margin-right:8px;font-weight:600}.key{margin-right:14px;"
                + "white-space:nowrap}.swatch{display:inline-block;width:14px;height:12px;margin-right:4px;"
                + "vertical-align:-1px;border:1px solid #999;box-sizing:border-box}"
                + ".swatch.absent{background:#000}.with-recovered{border-top:4px solid #f2b800}"
                + ".with-missing{border-bottom:4px solid #000}"
                + ".swatch.closed{background:repeating-linear-gradient(45deg,#c8c8c8 0 3px,#fff 3px 5px)}"
                + ".defs{margin:4px 0 10px;max-width:1000px}.map{overflow:auto}"
                + "svg text{font-size:11px;fill:#222}svg .axis{font-size:10px;fill:#555}.tick{stroke:#999}"
                + ".head{font-weight:600;cursor:pointer;fill:#2166ac}svg .share{font-size:10px}"
                + "rect.cell:hover,rect.total:hover{stroke:#000;stroke-width:1}"
                + ".mark{pointer-events:none}.mark.recovered{fill:#f2b800}.mark.missing{fill:#000}"
                + "rect.closed{fill:url(#hatch)}.note{color:#555}"
                + "#tip{position:fixed;background:#fff;border:1px solid #444;padding:4px 8px;font-size:12px;"
                + "pointer-events:none;box-shadow:1px 1px 4px rgba(0,0,0,.3);white-space:pre}\n");
        for (int q = 0; q < COLOURS.length; q++) {
            css.append(".q").append(q).append("{fill:").append(COLOURS[q]).append(";background:").append(COLOURS[q])
                    .append("}");
        }
        return css.append('\n').toString();
    }

    private static String script() {
        return String.join("\n",
                "(function(){",
                "var svg=document.getElementById('map'),tip=document.getElementById('tip');",
                "var top0=" + (HeatMapSvg.AXIS_HEIGHT + 2 * HeatMapSvg.ROW_HEIGHT) + ",h=" + HeatMapSvg.ROW_HEIGHT
                        + ";",
                "var rows=Array.prototype.slice.call(svg.querySelectorAll('g.row'));",
                "function num(g,a){return parseFloat(g.getAttribute(a));}",
                "var orders={worst:function(a,b){return num(a,'data-share')-num(b,'data-share')||"
                        + "num(b,'data-missing')-num(a,'data-missing')||num(b,'data-unhealthy')-num(a,'data-unhealthy')"
                        + "||a.dataset.site.localeCompare(b.dataset.site);},",
                "  name:function(a,b){return a.dataset.site.localeCompare(b.dataset.site);}};",
                "function order(kind){rows.sort(orders[kind]);rows.forEach(function(g,i){",
                "  g.setAttribute('transform','translate(0,'+(top0+i*h)+')');svg.appendChild(g);});",
                "  ['worst','name'].forEach(function(k){document.getElementById(k).classList.toggle('on',k===kind);});}",
                "document.getElementById('worst').onclick=function(){order('worst');};",
                "document.getElementById('name').onclick=function(){order('name');};",
                "svg.querySelector('.sort-worst').onclick=function(){order('worst');};",
                "svg.querySelector('.sort-name').onclick=function(){order('name');};",
                "svg.addEventListener('mousemove',function(e){var r=e.target;",
                "  if(!r.dataset||!r.dataset.v){tip.hidden=true;return;}",
                "  var v=r.dataset.v.split(','),g=r.parentNode,site=g.dataset.site||'all sites';",
                "  var open=v[0]-v[5],share=open>0?(100*(+v[1]+ +v[2])/open).toFixed(1)+'%':'-';",
                "  tip.textContent=site+'  '+r.dataset.day+'\\nhealthy '+share+' of '+open+' open increments'+",
                "    '\\nhealthy '+v[1]+', recovered '+v[2]+', unhealthy '+v[3]+', missing '+v[4]+', closed '+v[5];",
                "  tip.hidden=false;tip.style.left=(e.clientX+14)+'px';tip.style.top=(e.clientY+14)+'px';});",
                "svg.addEventListener('mouseleave',function(){tip.hidden=true;});",
                "if(location.hash==='#name'){order('name');}",
                "})();", "");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
