/*
 * html.c - `airs report --format html`: the page, its style, its list of
 * sections and the pieces the sections share (html.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * One self-contained file that works offline, under a strict content
 * security policy and on paper.  It is laid out for three readers: a
 * laptop (1366 px), a phone (390 px) and A4 or Letter paper.  Wide tables
 * scroll inside their own box on screen and print whole; no text is
 * smaller than 11 px; colour always comes with a number, a word or a
 * pattern; every text colour meets WCAG AA on its background.  The
 * browser test (tests/browser) checks all of that in Chromium.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Sections in page order: a later section (intervals, waves, tools)
 * slots in here with its function. */
/* Sections that count employees or read the model: left out of the page
 * of merged partials (airs merge), which have neither. */
static int needs_result(const char *id)
{
	return !strcmp(id, "coverage") || !strcmp(id, "adkar") ||
	       !strcmp(id, "tools") || !strcmp(id, "cohorts");
}

/* Is section id left out of this page: one that needs a result on a
 * page of merged partials, or the trend without an earlier wave. */
static int left_out(const struct report *r, const char *id)
{
	if (!strcmp(id, "trend"))
		return !r->trend.k;
	return !r->c->result && needs_result(id);
}

static const struct html_section sections[] = {
	{ "coverage", "Data coverage", html_coverage },
	{ "summary", "Summary", html_summary },
	{ "maturity", "Maturity against target", html_maturity },
	{ "trend", "Change since the last wave", html_trend },
	{ "sentiment", "Sentiment by unit", html_sentiment },
	{ "responses", "Response rates", html_responses },
	{ "perception", "Leaders and staff", html_perception },
	{ "adkar", "Where people get stuck", html_adkar },
	{ "focus", "Focus areas by unit", html_focus },
	{ "skills", "Skill gaps", html_skills },
	{ "flags", "Support needs", html_flags },
	{ "tools", "AI tools", html_tools },
	{ "cohorts", "Recommended courses", html_cohorts },
	{ "about", "About these numbers", html_about },
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

const char *html_section_title(const char *id)
{
	size_t i;

	for (i = 0; i < NSECTIONS; i++)
		if (!strcmp(sections[i].id, id))
			return sections[i].title;
	return "";
}

const char *const html_level_fill[6] = {
	"#d0d7de", "#deebf7", "#9ecae1", "#4f9bd1", "#1f6fb2", "#0b3f73",
};

/* The style sheet, in pieces (C compilers need not take one string this
 * long). */
static const char *const style[] = {
	"*{box-sizing:border-box}",
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}",
	"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,",
	"'Liberation Sans',sans-serif;color:#1b1f24;background:#fff;",
	"max-width:72rem;margin:0 auto;padding:1rem 1.25rem 2rem}",
	"h1{font-size:1.75rem;line-height:1.2;margin:.6rem 0 .3rem}",
	"h2{font-size:1.35rem;line-height:1.25;margin:2.4rem 0 .5rem;",
	"padding-bottom:.25rem;border-bottom:2px solid #d0d7de}",
	"h3{font-size:1.1rem;margin:1.4rem 0 .4rem}",
	"p,li{max-width:52rem}p{margin:.4rem 0 .8rem}",
	".meta,.note,caption,.legend{color:#4d5661}",
	".note,caption,.legend{font-size:13px}",
	"a{color:#0a58b5}",
	".swipe{display:none}",
	"code{font-size:13px;overflow-wrap:anywhere}",
	"nav ol{display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;list-style:none;",
	"padding:0;margin:.6rem 0}",
	".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.6rem,1fr));",
	"gap:.6rem;margin:1rem 0;padding:0}",
	".kpi{border:1px solid #d0d7de;border-radius:6px;padding:.45rem .7rem;",
	"margin:0}",
	".kpi dt{font-size:13px;color:#4d5661}",
	".kpi dd{margin:0;font-size:1.45rem;font-weight:600;line-height:1.3}",
	".kpi dd span{display:block;font-size:13px;font-weight:normal;",
	"color:#4d5661}",
	"ol.findings{padding-left:1.6rem}ol.findings li{margin:.5rem 0}",
	"ul.plain{list-style:none;margin:0;padding:0}ul.plain li{margin:0}",
	".scroll{overflow-x:auto;max-width:100%;margin:.4rem 0 1rem}",
	"table{border-collapse:collapse;font-size:14px}",
	"caption{text-align:left;padding:.2rem 0 .3rem}",
	"th,td{padding:.3rem .5rem;border-bottom:1px solid #d8dee4;",
	"text-align:left;vertical-align:top}",
	"thead th.n{white-space:normal}",
	"thead th{vertical-align:bottom;border-bottom:2px solid #8c959f;",
	"font-weight:600}",
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
	".n.wrap{white-space:normal}",
	"tbody th{font-weight:normal;background:#fff;position:sticky;left:0;",
	"min-width:9rem}",
	"tr.top th,tr.top td{font-weight:600}table.heat tbody th{vertical-align:middle}",
	".l1{padding-left:1.3rem}.l2{padding-left:2.3rem}.l3{padding-left:3.3rem}",
	".l4{padding-left:4.3rem}.l5{padding-left:5.3rem}",
	"svg.bar{display:block;width:100%;min-width:4.5rem;height:12px;",
	"margin-top:3px}",
	"td.chart{min-width:7rem}",
	"table.units{table-layout:fixed;width:100%;min-width:44rem}",
	"table.units col.unit{width:24%}table.units col.lv{width:19%}",
	"details{margin:.2rem 0}summary{cursor:pointer;padding:.3rem 0}",
	"summary b{font-weight:600}",
	"table.heat{border-collapse:separate;border-spacing:2px}",
	"table.heat thead th{border:0;font-size:13px;font-weight:600;",
	"overflow-wrap:break-word;min-width:3.6rem;max-width:7.5rem;",
	"vertical-align:bottom}",
	"table.heat td{border:1px solid transparent;text-align:center;",
	"vertical-align:middle;min-width:3.6rem;white-space:nowrap}",
	"td small,.legend small{display:block;font-size:12px}",
	"td.hid-why{color:#4d5661;font-size:13px}",
	"table.trend tbody th{min-width:0;position:static}",
	"table.trend th,table.trend td{padding:.3rem .4rem}",
	/* The colour scales: light enough for dark text at 4.5:1 and over. */
	".s0{background:#f3a37f}.s1{background:#f9ceb4}.s2{background:#ede4bf}",
	".s3{background:#bfdcef}.s4{background:#8ec3e0}",
	".g0{background:#dcefdf}.g1{background:#fcefd6}.g2{background:#f9d3a5}",
	".g3{background:#f4ae84}.g4{background:#ec9079}.g5{background:#e27d74}",
	"td.part,.legend i{font-style:italic}",
	".hid{background:repeating-linear-gradient(135deg,#fff 0 5px,",
	"#d7dce1 5px 7px)}",
	"table.heat td.nil,.legend .nil{border:1px dashed #6e7781;background:#fff}",
	".legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;",
	"padding:0;margin:.3rem 0 .8rem}",
	".legend li{display:flex;align-items:center;gap:.35rem}",
	".sw{display:inline-block;width:1.3rem;height:.95rem;",
	"border:1px solid #8c959f}",
	"dl.about{display:grid;grid-template-columns:max-content 1fr;",
	"gap:.2rem 1rem}dl.about dt{font-weight:600}dl.about dd{margin:0;min-width:0}",
	"@media (max-width:40rem){body{padding:.6rem .8rem 1.5rem}",
	"h1{font-size:1.45rem}h2{font-size:1.2rem}",
	"table{font-size:13px}tbody th{min-width:7.5rem}",
	"dl.about{grid-template-columns:1fr}",
	".swipe{display:block}}",
	"@page{margin:12mm}",
	"@media print{body{max-width:none;padding:0;font-size:12px}",
	"nav{display:none}h2{break-after:avoid;margin-top:1.4rem}",
	".note,caption,.legend{font-size:11px}",
	"caption,summary{break-after:avoid}tr,li,.kpi{break-inside:avoid}",
	".scroll{overflow:visible}table{font-size:11px}",
	"table.units{min-width:0}tbody th{position:static;min-width:0}",
	"table.heat{border-spacing:1px;table-layout:fixed;width:100%}",
	"table.heat thead th:first-child{width:21%}",
	".l1{padding-left:.8rem}.l2{padding-left:1.3rem}.l3{padding-left:1.8rem}",
	".l4{padding-left:2.3rem}.l5{padding-left:2.8rem}",
	"table.heat thead th,table.heat td{",
	"min-width:0;font-size:11px;padding:.2rem .25rem;white-space:normal;",
	"overflow-wrap:anywhere}",
	"td.chart{min-width:4rem}svg.bar{min-width:0}",
	"details::details-content{content-visibility:visible;display:block}",
	"summary{list-style:none}summary::-webkit-details-marker{display:none}",
	"a{color:inherit;text-decoration:none}",
	"ol.findings a{display:none}",
	"th,td{overflow-wrap:anywhere}",
	"td.hid-why,table.trend small{font-size:11px}",
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}",
};

void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

void html_escf(FILE *f, const char *fmt, ...)
{
	char small[512], *buf = small;
	va_list ap;
	int n;

	/* Names can be long (AIRS_TEXT_MAX): never cut one in the middle. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		if (!(buf = malloc((size_t)n + 1)))
			return;
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	html_esc(f, buf);
	if (buf != small)
		free(buf);
}

void html_empty(FILE *f, const char *why)
{
	fputs("<p class=\"empty\">", f);
	html_esc(f, why);
	fputs("</p>\n", f);
}

void html_table_open(FILE *f, const char *id, const char *cls,
                     const char *caption)
{
	/* Tables that are wider than a phone say so there. */
	if (cls && (!strcmp(cls, "units") || !strcmp(cls, "heat")))
		fputs("<p class=\"swipe note\">Scroll the table sideways for more "
		      "columns.</p>\n", f);
	fprintf(f, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
	           "aria-labelledby=\"%s-cap\">\n<table id=\"%s\"", id, id);
	if (cls && *cls)
		fprintf(f, " class=\"%s\"", cls);
	fprintf(f, ">\n<caption id=\"%s-cap\">", id);
	html_esc(f, caption);
	fputs("</caption>\n", f);
}

void html_table_close(FILE *f)
{
	fputs("</tbody>\n</table>\n</div>\n", f);
}

void html_unit_th(FILE *f, const struct report *r, const airs_unit_score *u)
{
	int level = report_level(r, u) + (r->top == AIRS_ROLLUP_ORG);

	if (level > 5)
		level = 5;
	fputs("<th scope=\"row\"", f);
	if (level > 0)
		fprintf(f, " class=\"l%d\"", level);
	fputs(">", f);
	html_esc(f, u->name);
	fputs("</th>", f);
}

void html_bar(FILE *f, double share, const char *fill, double mark,
              const char *title)
{
	double w = isnan(share) ? 0 : share < 0 ? 0 : share > 1 ? 1 : share;

	fputs("<svg class=\"bar\" aria-hidden=\"true\" focusable=\"false\">"
	      "<title>", f);
	html_esc(f, title);
	fprintf(f, "</title><rect y=\"2\" width=\"100%%\" height=\"8\" "
	           "fill=\"#e6eaef\"/>");
	if (w > 0)
		fprintf(f, "<rect y=\"2\" width=\"%.1f%%\" height=\"8\" fill=\"%s\"/>",
		        100 * w, fill);
	if (!isnan(mark))
		fprintf(f, "<rect x=\"%.1f%%\" width=\"3\" height=\"12\" "
		           "fill=\"#1b1f24\"/>", 100 * (mark < 0 ? 0 : mark > 1 ? 1 : mark));
	fputs("</svg>", f);
}

void html_stack(FILE *f, const uint64_t *counts, const char *const *fills,
                size_t n, const char *title)
{
	uint64_t total = 0;
	double x = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += counts[i];
	fputs("<svg class=\"bar\" aria-hidden=\"true\" focusable=\"false\">"
	      "<title>", f);
	html_esc(f, title);
	fputs("</title><rect y=\"2\" width=\"100%\" height=\"8\" fill=\"#e6eaef\"/>", f);
	for (i = 0; i < n && total; i++) {
		double w = 100.0 * (double)counts[i] / (double)total;

		if (counts[i])
			fprintf(f, "<rect x=\"%.2f%%\" y=\"2\" width=\"%.2f%%\" height=\"8\" "
			           "fill=\"%s\"/>", x, w, fills[i]);
		x += w;
	}
	fputs("</svg>", f);
}

void html_ci(FILE *f, airs_interval ci, double scale, int decimals,
             const char *unit)
{
	if (isnan(ci.low) || isnan(ci.high))
		return;
	if (ci.low == ci.high) { /* everyone counted: no sampling error */
		fputs("<small>exact</small>", f);
		return;
	}
	fprintf(f, "<small>%.*f%s\xe2\x80\x93%.*f%s</small>", decimals,
	        scale * ci.low, unit, decimals, scale * ci.high, unit);
}

/* About these numbers: provenance, privacy, how to read the page. */
void html_about(struct report *r, FILE *f)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	char date[11];

	airs_date_format(airs_rollup_as_of(r->ru), date);
	if (r->c->result)
		cli_provenance(r->c, &p);
	fputs("<dl class=\"about\">\n<dt>Data</dt><dd>", f);
	html_esc(f, r->dir);
	fprintf(f, "</dd>\n<dt>As of</dt><dd>%s</dd>\n", date);
	fputs("<dt>Scope</dt><dd>", f);
	if (r->top == AIRS_ROLLUP_ORG)
		fputs("the whole organisation", f);
	else
		html_escf(f, "%s (unit %s) and the units below it", r->scope.name,
		          r->scope.id);
	fprintf(f, "; units down to %d level%s below the top", r->depth,
	        r->depth == 1 ? "" : "s");
	if (r->deeper)
		fprintf(f, " (%zu deeper unit%s not listed: run with --depth or "
		           "--unit to see them)", r->deeper, r->deeper == 1 ? "" : "s");
	fputs("</dd>\n", f);
	fprintf(f, "<dt>Software</dt><dd>airs %s, methodology %s</dd>\n",
	        p.library_version ? p.library_version : airs_version(),
	        AIRS_METHODOLOGY_VERSION);
	fprintf(f, "<dt>Parameters</dt><dd><code>sha256:%s</code></dd>\n",
	        airs_rollup_params_digest(r->ru));
	if (r->c->result)
		fprintf(f, "<dt>Input</dt><dd><code>sha256:%s</code></dd>\n",
		        p.input_digest);
	else
		fprintf(f, "<dt>Input</dt><dd>%zu merged partials</dd>\n",
		        r->c->a.nfiles);
	fputs("</dl>\n", f);
	fprintf(f, "<p>The same data, parameters and methodology version give "
	           "the same numbers: the two digests identify them. Survey "
	           "figures of groups smaller than %d people are never shown, "
	           "nor any figure from which such a group could be worked out "
	           "by subtraction; a hidden figure is marked as hidden, never "
	           "shown as zero. Individual survey answers never appear.</p>\n",
	        r->k);
	fputs("<p>Readiness (0 to 100) combines skill fit against the role, "
	      "recent training, AI tool use and, anonymously, survey sentiment; "
	      "maturity levels 1 to 5 follow Gartner's AI maturity model, and "
	      "the barrier points Prosci's ADKAR model. Flags describe support "
	      "needs, never verdicts on people: use this report to decide where "
	      "help is needed, not to rate anyone.</p>\n", f);
}

void html_style(FILE *f)
{
	size_t i;

	fputs("<style>", f);
	for (i = 0; i < sizeof style / sizeof style[0]; i++)
		fputs(style[i], f);
	fputs("</style>\n", f);
}

static void page_header(struct report *r, FILE *f)
{
	char date[11];
	size_t i;

	airs_date_format(airs_rollup_as_of(r->ru), date);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
	      "\n<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>AI readiness: ", f);
	html_esc(f, r->title);
	fputs("</title>\n", f);
	html_style(f);
	fputs("</head>\n<body>\n<header>\n<h1>AI readiness: ", f);
	html_esc(f, r->title);
	fprintf(f, "</h1>\n<p class=\"meta\">As of %s; ", date);
	if (r->top != AIRS_ROLLUP_ORG)
		fputs("this unit and the units below it; ", f);
	fprintf(f, "%llu employees; data: ", (unsigned long long)r->scope.headcount);
	html_esc(f, r->dir);
	fputs(".</p>\n<nav aria-label=\"Sections\"><ol>", f);
	for (i = 0; i < NSECTIONS; i++)
		if (!left_out(r, sections[i].id))
			fprintf(f, "<li><a href=\"#%s\">%s</a></li>",
			        sections[i].id, sections[i].title);
	fputs("</ol></nav>\n</header>\n<main>\n", f);
}

int report_html(struct report *r)
{
	FILE *f = r->c->out;
	size_t i;

	page_header(r, f);
	for (i = 0; i < NSECTIONS; i++) {
		if (left_out(r, sections[i].id))
			continue;
		fprintf(f, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n"
		           "<h2 id=\"%s-h\">%s</h2>\n", sections[i].id, sections[i].id,
		        sections[i].id, sections[i].title);
		sections[i].write(r, f);
		fputs("</section>\n", f);
	}
	fprintf(f, "</main>\n<footer><p class=\"note\">Survey values of groups "
	           "smaller than %d people are never shown. Flags describe support "
	           "needs, never verdicts on people.</p></footer>\n</body>\n"
	           "</html>\n", r->k);
	return EXIT_OK;   /* main() reports a failed write */
}
