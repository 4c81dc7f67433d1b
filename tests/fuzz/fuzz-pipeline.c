/*
 * fuzz-pipeline.c - libFuzzer target for the whole pipeline on arbitrary
 * data: load -> finish -> score -> rollup -> export -> audit -> plans.
 * Public API only.
 *
 * Input framing (tests/fuzz/make-pipeline-seed.py writes seeds in it):
 *
 *   byte 0   options: bit 0 privacy.individual_sentiment = 1;
 *            bit 1 anonymity.min_group = 3 (else the default 5);
 *            bits 2-4 the audit outcome (enum airs_audit_outcome, 7 -> 0);
 *            bits 5-7 the flag of an AIRS_AUDIT_FLAG audit (bit n % 5)
 *   byte 1   bits 0-1 the org plan's strategy (enum airs_strategy, 3 -> 0);
 *            bits 2-7 the budget: that many hours for the first
 *            employee's personal plan, four times as many for the org plan
 *   byte 2   bits 0-1 plan.exact_states: the default, 1, 8 or 64 (small
 *            values make personal plans take the approximation);
 *            bit 2 a cost limit of ten per budget hour on both plans;
 *            bit 3 the org plan caps each person at half the budget;
 *            bit 4 the org plan gives the first unit in tree order half
 *            the budget of its own;
 *            bit 5 also export a selection (airs_result_write_v2()): the
 *            first unit in tree order and the first employee;
 *            bit 6 load and score again on threads (4 loading, 3
 *            scoring) and compare
 *   then     sections, each a table byte and the CSV text of that table up
 *            to the next 0x1e byte (or the end): the table byte modulo 13
 *            picks units, roles, skills, role_skills, employees, courses,
 *            survey_items, assessments, training, responses, usage,
 *            tools or survey_waves (byte 0x00 is units.csv, 0x04
 *            employees.csv, 0x0b tools.csv, 0x0c survey_waves.csv,
 *            ...); a table byte of 0xF0 or more makes the section a
 *            mapping (airs_load_options.map) instead.  A table
 *            or mapping given twice keeps its first section.
 *
 * Separators rather than lengths, so that a mutation inside one table
 * does not reframe the others; a table byte rather than a fixed order,
 * so that any subset of tables, in any order, is one short input.
 *
 * When the data loads (a refusal is fuzz-load's business), whatever it
 * holds:
 *  - the model finishes and scores (threads = 1: fast and deterministic);
 *  - every employee's readiness is NaN or within 0..100, their
 *    explanation's points add up to it within 1e-9 (to 0 with no
 *    counted line when it is NaN), and the batch columns agree with the
 *    records;
 *  - individual construct scores are there on opt-in only;
 *  - the organisation's rollup counts every employee (headcount, scored,
 *    levels) and its mean is the mean of the readiness values; its
 *    partial (airs_rollup_write()) reads back, through airs_rollup_read()
 *    and with the scoring parameters through airs_rollup_read_v2(), to a
 *    rollup that reads exactly like it, unit by unit, construct and skill
 *    cell;
 *  - loading and scoring on several threads give the same model digest,
 *    the same whole-result JSON and the same partial, byte for byte;
 *  - every result table writes as JSON (which parses) and as CSV (a
 *    rectangle under its header), and a writer that stops is AIRS_EIO;
 *  - when the employees table has an attr_ column that some employee has
 *    a value of, the audit succeeds and writes, with rates and ratios in
 *    range; when nobody has one it is AIRS_ENOTFOUND;
 *  - a selection's CSV rows are rows of the whole export (byte for byte);
 *  - the result compared with itself changes nothing, and compared with
 *    the wave before the one it reads every published change is current
 *    - base, inside its interval, and every hidden one shows nothing;
 *  - the first employee's personal plan and an org plan with a small
 *    budget succeed, stay within their budgets (hours, cost, per person,
 *    per unit), and write; the org plan's cohorts are the result's.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

#include "../json-check.h"
#include "fuzz-common.h"

#define OPTION_BYTES 3

/* The option bytes, decoded. */
struct options {
	int sentiment, min_group3;  /* parameters */
	int exact_states;           /* 0: the default */
	int outcome, flag;          /* the audit */
	int strategy;               /* the org plan */
	double budget;              /* hours of the personal plan */
	int cost_limit, per_person, unit_budget, selection, threads;
};

static struct options decode(const uint8_t *b)
{
	static const int exact[4] = { 0, 1, 8, 64 };
	struct options o;

	o.sentiment = b[0] & 1;
	o.min_group3 = (b[0] >> 1) & 1;
	o.outcome = (b[0] >> 2) & 7;
	if (o.outcome == 7)
		o.outcome = 0;
	o.flag = (b[0] >> 5) % AIRS_FLAG_COUNT_;
	o.strategy = b[1] & 3;
	if (o.strategy == 3)
		o.strategy = 0;
	o.budget = b[1] >> 2;
	o.exact_states = exact[b[2] & 3];
	o.cost_limit = (b[2] >> 2) & 1;
	o.per_person = (b[2] >> 3) & 1;
	o.unit_budget = (b[2] >> 4) & 1;
	o.selection = (b[2] >> 5) & 1;
	o.threads = (b[2] >> 6) & 1;
	return o;
}

/* ------------------------------------------------------------------------
 * Output checks
 * ---------------------------------------------------------------------- */

struct text {
	char *p;
	size_t n, cap;
};

static int collect(const void *data, size_t len, void *user)
{
	struct text *t = user;

	CHECK(len > 0 && len <= 4096);
	if (t->n + len + 1 > t->cap) {
		t->cap = (t->n + len + 1) * 2;
		t->p = realloc(t->p, t->cap);
		CHECK(t->p);
	}
	memcpy(t->p + t->n, data, len);
	t->n += len;
	t->p[t->n] = '\0';
	return 0;
}

static int refuse(const void *data, size_t len, void *user)
{
	(void)data;
	(void)len;
	(void)user;
	return 1;
}

/* RFC 4180 with LF record ends (docs/output-format.md), every record as
 * wide as the header: returns the number of records, header included,
 * or 0 when the text is not such a CSV. */
static size_t csv_records(const char *s, size_t n)
{
	size_t i = 0, fields = 1, width = 0, records = 0;

	if (!n || s[n - 1] != '\n')
		return 0;
	while (i < n) {
		if (s[i] == '"') {
			for (i++;; i++) {
				if (i >= n)
					return 0;
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"')
						i++;
					else
						break;
				}
			}
			i++;
			if (i >= n || (s[i] != ',' && s[i] != '\n'))
				return 0;
		}
		if (s[i] == ',') {
			fields++;
		} else if (s[i] == '\n') {
			if (!records)
				width = fields;
			else if (fields != width)
				return 0;
			records++;
			fields = 1;
		} else if (s[i] == '\r') {
			return 0; /* LF line ends; a CR is always quoted */
		}
		i++;
	}
	return records;
}

enum { OUT_JSON, OUT_CSV };

static void check_output(const struct text *t, int kind)
{
	CHECK(t->n > 0 && t->p[t->n - 1] == '\n');
	CHECK(valid_utf8((const unsigned char *)t->p, t->n));
	if (kind == OUT_JSON)
		CHECK(json_valid(t->p));
	else
		CHECK(csv_records(t->p, t->n) >= 1);
}

static void check_diag(const airs_diag *d)
{
	CHECK(d->size == sizeof *d);
	CHECK(memchr(d->file, 0, sizeof d->file));
	CHECK(memchr(d->text, 0, sizeof d->text));
}

static int near(double a, double b, double tol)
{
	return fabs(a - b) <= tol * (1 + fabs(b));
}

/* ------------------------------------------------------------------------
 * Steps
 * ---------------------------------------------------------------------- */

static void check_employees(const airs_result *r, int optin)
{
	size_t n = airs_result_employee_count(r), i, k, count;
	double *col = calloc(n ? n : 1, sizeof *col);
	const char **ids = calloc(n ? n : 1, sizeof *ids);

	CHECK(col && ids);
	CHECK(airs_result_ids(r, ids, n) == AIRS_OK);
	CHECK(airs_result_column(r, AIRS_COLUMN_READINESS, col, n) == AIRS_OK);
	for (i = 0; i < n; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		airs_contribution *line;
		double sum = 0;
		size_t at = (size_t)-1;
		int counted = 0;

		CHECK(airs_result_employee(r, i, &e) == AIRS_OK);
		CHECK(e.id && e.unit_id && e.role_id && ids[i] == e.id);
		CHECK(airs_result_find_employee(r, e.id, &at) == AIRS_OK && at == i);
		if (i)
			CHECK(strcmp(ids[i - 1], ids[i]) < 0);
		/* F10 (fixed): rounding gave 100.00000000000001 */
		CHECK(isnan(e.readiness) ||
		      (e.readiness >= 0 && e.readiness <= 100));
		CHECK((isnan(e.readiness) && isnan(col[i])) ||
		      e.readiness == col[i]);
		CHECK(e.level >= 0 && e.level <= 5);
		CHECK(e.target >= 0 && e.target <= 5);
		CHECK((e.level == 0) == isnan(e.readiness));
		CHECK(e.barrier >= 0 && e.barrier <= AIRS_BARRIER_UNKNOWN);
		CHECK((e.flags & ~e.flags_evaluated) == 0);
		for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
			double v = e.component[k];
			CHECK(isnan(v) || (v >= 0 && v <= 1));
			CHECK((isnan(v) ? 0u : 1u) == ((e.coverage >> k) & 1u));
		}
		for (k = 0; k < AIRS_ADKAR_COUNT_; k++)
			CHECK(e.adkar[k] == 0 ||
			      (e.adkar[k] >= 1 && e.adkar[k] <= 5));

		/* individual construct scores only on opt-in */
		{
			double cs[AIRS_CONSTRUCT_COUNT_ + 1];
			size_t nc = 0;
			int rc = airs_result_sentiment_v2(r, i, cs, sizeof cs / sizeof *cs,
			                                  &nc);
			CHECK(rc == (optin ? AIRS_OK : AIRS_EPRIVACY));
			/* F13 (fixed): out NULL with cap 0 reached memcpy() */
			CHECK(airs_result_sentiment_v2(r, i, NULL, 0, NULL) == rc);
			if (optin) {
				CHECK(nc == AIRS_CONSTRUCT_COUNT_);
				for (k = 0; k < nc; k++)
					CHECK(isnan(cs[k]) || (cs[k] >= 0 && cs[k] <= 1));
			}
		}

		CHECK(airs_result_explain(r, i, NULL, 0, &count) == AIRS_OK);
		line = calloc(count ? count : 1, sizeof *line);
		CHECK(line);
		for (k = 0; k < count; k++)
			line[k] = (airs_contribution)AIRS_CONTRIBUTION_INIT;
		CHECK(airs_result_explain(r, i, line, count, &k) == AIRS_OK);
		CHECK(k == count);
		for (k = 0; k < count; k++) {
			CHECK(line[k].component >= 0 &&
			      line[k].component < AIRS_COMPONENT_COUNT_);
			CHECK(!isnan(line[k].points));
			sum += line[k].points;
			counted += line[k].status == AIRS_CONTRIBUTION_COUNTED;
		}
		if (isnan(e.readiness))
			CHECK(sum == 0 && !counted);
		else
			CHECK(fabs(sum - e.readiness) <= 1e-9);
		free(line);
	}
	CHECK(airs_result_explain(r, n, NULL, 0, &count) == AIRS_ERANGE);
	for (k = 0; k < AIRS_COLUMN_COUNT_; k++)
		CHECK(airs_result_column(r, (int)k, col, n) == AIRS_OK);
	free(col);
	free(ids);
}

static void check_rollup(const airs_model *m, const airs_result *r)
{
	const airs_rollup *ru = airs_result_rollup(r);
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	size_t n = airs_result_employee_count(r), i, nu, roots = 0;
	uint64_t scored = 0, lv = 0, rootheads = 0;
	double sum = 0;

	CHECK(ru);
	CHECK(airs_rollup_org(ru, &org) == AIRS_OK);
	CHECK(org.headcount == n);
	CHECK(n == airs_model_count(m, AIRS_ENTITY_EMPLOYEE));
	for (i = 0; i < n; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		CHECK(airs_result_employee(r, i, &e) == AIRS_OK);
		if (!isnan(e.readiness)) {
			scored++;
			sum += e.readiness;
		}
	}
	CHECK(org.scored == scored);
	for (i = 0; i < 6; i++)
		lv += org.levels[i];
	CHECK(lv == org.headcount);
	if (scored)
		CHECK(near(org.readiness_mean, sum / (double)scored, 1e-9));
	else
		CHECK(isnan(org.readiness_mean) && isnan(org.readiness_median));
	nu = airs_rollup_unit_count(ru);
	CHECK(nu == airs_model_count(m, AIRS_ENTITY_UNIT));
	for (i = 0; i < nu; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		CHECK(airs_rollup_unit(ru, i, &u) == AIRS_OK);
		CHECK(u.headcount <= org.headcount && u.scored <= u.headcount);
		if (!u.parent_id) {
			roots++;
			rootheads += u.headcount;
		}
	}
	CHECK(rootheads == org.headcount || (!nu && !n));
	(void)roots;
}

static int same(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Two rollups read alike: every unit, the organisation, every construct
 * and skill cell. */
static void same_rollups(const airs_rollup *a, const airs_rollup *b)
{
	size_t nu = airs_rollup_unit_count(a), ns = airs_rollup_skill_count(a);
	size_t u, k;
	int c;

	CHECK(nu == airs_rollup_unit_count(b) && ns == airs_rollup_skill_count(b));
	for (k = 0; k < ns; k++)
		CHECK(!strcmp(airs_rollup_skill_id(a, k), airs_rollup_skill_id(b, k)));
	for (u = 0; u <= nu; u++) {
		size_t g = u < nu ? u : AIRS_ROLLUP_ORG;
		airs_unit_score x = AIRS_UNIT_SCORE_INIT, y = AIRS_UNIT_SCORE_INIT;
		CHECK(airs_rollup_unit(a, g, &x) == AIRS_OK);
		CHECK(airs_rollup_unit(b, g, &y) == AIRS_OK);
		CHECK(same_str(x.id, y.id) && same_str(x.name, y.name) &&
		      same_str(x.parent_id, y.parent_id) && x.depth == y.depth);
		CHECK(x.headcount == y.headcount && x.scored == y.scored);
		CHECK(same(x.readiness_mean, y.readiness_mean) &&
		      same(x.readiness_median, y.readiness_median));
		CHECK(!memcmp(x.levels, y.levels, sizeof x.levels));
		CHECK(x.target == y.target && x.with_target == y.with_target);
		CHECK(same(x.gap_mean, y.gap_mean) &&
		      same(x.below_target_share, y.below_target_share));
		CHECK(!memcmp(x.flags, y.flags, sizeof x.flags));
		CHECK(same(x.net_score, y.net_score) &&
		      x.net_respondents == y.net_respondents);
		CHECK(same(x.time_saved, y.time_saved) &&
		      x.time_saved_respondents == y.time_saved_respondents);
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score p = AIRS_CONSTRUCT_SCORE_INIT;
			airs_construct_score q = AIRS_CONSTRUCT_SCORE_INIT;
			CHECK(airs_rollup_construct(a, g, c, &p) == AIRS_OK);
			CHECK(airs_rollup_construct(b, g, c, &q) == AIRS_OK);
			CHECK(p.respondents == q.respondents && same(p.mean, q.mean));
			CHECK(same(p.favourable, q.favourable) &&
			      same(p.unfavourable, q.unfavourable));
			CHECK(p.leaders == q.leaders && p.staff == q.staff);
			CHECK(same(p.leaders_mean, q.leaders_mean) &&
			      same(p.staff_mean, q.staff_mean) &&
			      same(p.perception_gap, q.perception_gap));
		}
		for (k = 0; k < ns; k++) {
			double gx, gy;
			uint64_t nx, ny;
			CHECK(airs_rollup_skill(a, g, k, &gx, &nx) == AIRS_OK);
			CHECK(airs_rollup_skill(b, g, k, &gy, &ny) == AIRS_OK);
			CHECK(nx == ny && same(gx, gy));
		}
	}
}

/* The result's rollup through its partial: read back, with the
 * parameters it was scored with or with those the partial carries, it
 * reads alike. */
static void check_partial(const airs_result *r, const airs_params *params,
                          struct text *buf)
{
	const airs_rollup *ru = airs_result_rollup(r);
	airs_diag d = AIRS_DIAG_INIT;
	airs_rollup *back = NULL;
	int rc, v;

	buf->n = 0;
	CHECK(airs_rollup_write(ru, collect, buf) == AIRS_OK);
	/* F12 (fixed): bytes >= 0x80 of ids and names are escaped, so a unit
	 * named "Zürich" reads back */
	for (v = 1; v <= 2; v++) {
		rc = v == 1 ? airs_rollup_read(&back, buf->p, buf->n, NULL, &d)
		            : airs_rollup_read_v2(&back, buf->p, buf->n, params,
		                                  NULL, &d);
		if (rc)
			fprintf(stderr, "partial (read v%d): line %llu: %s\n", v,
			        (unsigned long long)d.line, d.text);
		CHECK(rc == AIRS_OK);
		same_rollups(ru, back);
		airs_rollup_free(back);
	}
}

/* The tools table (methodology 9): users of any tool >= users of each
 * tool where both are shown, shares in 0..1, a hidden count with no
 * number beside it. */
static void check_tools(const airs_result *r)
{
	airs_tools *t = NULL;
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;
	size_t i;

	CHECK(airs_result_tools(r, &t, NULL) == AIRS_OK);
	CHECK(airs_tools_info_get(t, &in) == AIRS_OK);
	CHECK(in.rows == in.groups * in.kinds);
	for (i = 0; i < in.rows; i++) {
		airs_tool_row o = AIRS_TOOL_ROW_INIT, all = AIRS_TOOL_ROW_INIT;
		CHECK(airs_tools_row(t, i, &o) == AIRS_OK);
		CHECK(airs_tools_row(t, i - i % in.kinds, &all) == AIRS_OK);
		CHECK(all.kind == AIRS_TOOL_KIND_ALL);
		if (o.users == AIRS_SUPPRESSED) {
			CHECK(isnan(o.active_share) && isnan(o.benefit));
			continue;
		}
		CHECK(o.users <= o.headcount);
		if (all.users != AIRS_SUPPRESSED)
			CHECK(o.users <= all.users);
		CHECK(isnan(o.benefit) || (o.benefit >= 0 && o.benefit <= 1));
	}
	CHECK(airs_tools_row(t, in.rows, &(airs_tool_row)AIRS_TOOL_ROW_INIT) ==
	      AIRS_ERANGE);
	airs_tools_free(t);
}

/* Manager groups (methodology 4.4): a line holds at least the direct
 * reports, a line's managers come right after it, and a shown survey
 * count is 0 or at least the threshold. */
static void check_managers(const airs_result *r)
{
	const airs_rollup *ru = airs_result_rollup(r);
	size_t i, n = airs_rollup_manager_count(ru);
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	uint64_t k = 3;

	CHECK(airs_rollup_org(ru, &org) == AIRS_OK);
	for (i = 0; i < n; i++) {
		airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
		airs_unit_score d = AIRS_UNIT_SCORE_INIT, a = AIRS_UNIT_SCORE_INIT;
		size_t j;
		CHECK(airs_rollup_manager(ru, i, &mi) == AIRS_OK);
		CHECK(airs_rollup_find_manager(ru, mi.id, &j) == AIRS_OK && j == i);
		CHECK(mi.line_end > i && mi.line_end <= n);
		CHECK(airs_rollup_manager_group(ru, i, AIRS_REPORTS_DIRECT, &d) ==
		      AIRS_OK);
		CHECK(airs_rollup_manager_group(ru, i, AIRS_REPORTS_ALL, &a) ==
		      AIRS_OK);
		CHECK(d.headcount >= 1 && d.headcount <= a.headcount &&
		      a.headcount < org.headcount);
		CHECK(d.respondents == AIRS_SUPPRESSED || d.respondents == 0 ||
		      d.respondents >= k);
		CHECK(a.respondents == AIRS_SUPPRESSED || a.respondents == 0 ||
		      a.respondents >= k);
	}
	CHECK(airs_rollup_manager(ru, n, &(airs_manager_info)
	                          AIRS_MANAGER_INFO_INIT) ==
	      (n ? AIRS_ERANGE : AIRS_ENOTFOUND));
}

static void check_exports(const airs_result *r, struct text *buf)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	int t, o;

	for (t = AIRS_TABLE_EMPLOYEES; t <= AIRS_TABLE_TOOLS; t++)
		for (o = AIRS_OUTPUT_JSON; o <= AIRS_OUTPUT_CSV; o++) {
			int rc;
			buf->n = 0;
			rc = airs_result_write(r, t, o, collect, buf, &d);
			check_diag(&d);
			if (t == AIRS_TABLE_ALL && o == AIRS_OUTPUT_CSV) {
				CHECK(rc == AIRS_EINVAL);
				continue;
			}
			CHECK(rc == AIRS_OK);
			check_output(buf, o == AIRS_OUTPUT_CSV ? OUT_CSV : OUT_JSON);
			if (o == AIRS_OUTPUT_CSV && t == AIRS_TABLE_EMPLOYEES)
				CHECK(csv_records(buf->p, buf->n) ==
				      airs_result_employee_count(r) + 1);
		}
	CHECK(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, refuse,
	                        NULL, NULL) == AIRS_EIO);
	for (o = AIRS_OUTPUT_JSON; o <= AIRS_OUTPUT_CSV; o++) {
		buf->n = 0;
		CHECK(airs_result_write(r, AIRS_TABLE_MANAGERS, o, collect, buf,
		                        &d) == AIRS_OK);
		check_output(buf, o == AIRS_OUTPUT_CSV ? OUT_CSV : OUT_JSON);
	}
	check_tools(r);
	check_managers(r);
	CHECK(airs_result_provenance(r, &pv) == AIRS_OK);
	CHECK(pv.as_of == airs_result_as_of(r));
	CHECK(strlen(pv.params_digest) == 64 && strlen(pv.input_digest) == 64);
}

/* The attr_ columns of the employees table's header row, as the loader
 * names them (the text after the prefix); at most two. */
static size_t attribute_names(const char *s, size_t n, char out[2][256])
{
	size_t found = 0, i = 0;
	const char *nl = memchr(s, '\n', n);

	if (nl)
		n = (size_t)(nl - s);
	while (i + 5 < n && found < 2) {
		size_t k = 0;
		if ((i == 0 || s[i - 1] == ',' || s[i - 1] == '"') &&
		    (s[i] | 0x20) == 'a' && (s[i + 1] | 0x20) == 't' &&
		    (s[i + 2] | 0x20) == 't' && (s[i + 3] | 0x20) == 'r' &&
		    s[i + 4] == '_') {
			i += 5;
			while (i < n && k < 255 && s[i] != ',' && s[i] != '"' &&
			       s[i] != '\r' && s[i] != '\0')
				out[found][k++] = s[i++];
			out[found][k] = '\0';
			if (k)
				found++;
		} else {
			i++;
		}
	}
	return found;
}

static int has_attribute(const airs_model *m, const char *name)
{
	size_t i, n = airs_model_count(m, AIRS_ENTITY_EMPLOYEE);

	for (i = 0; i < n; i++)
		if (airs_model_attribute(m, i, name))
			return 1;
	return 0;
}

static void check_audit(const airs_model *m, const airs_result *r,
                        const airs_org_plan *plan, int outcome, int flag,
                        char attrs[2][256], size_t nattrs, struct text *buf)
{
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a = NULL;
	airs_audit_info info = AIRS_AUDIT_INFO_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	size_t n = airs_result_employee_count(r), i;
	double *ext = calloc(n ? n : 1, sizeof *ext);
	int rc, present;

	CHECK(ext);
	o.attribute = attrs[0];
	if (nattrs > 1) {
		o.attribute2 = attrs[1];
		o.include_intersection = 1;
	}
	o.outcome = outcome;
	o.flag = 1 << flag;
	o.plan = plan;
	if (outcome == AIRS_AUDIT_EXTERNAL_BINARY ||
	    outcome == AIRS_AUDIT_EXTERNAL_VALUE) {
		for (i = 0; i < n; i++) {
			airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
			CHECK(airs_result_employee(r, i, &e) == AIRS_OK);
			ext[i] = isnan(e.readiness) ? NAN
			         : outcome == AIRS_AUDIT_EXTERNAL_VALUE
			                 ? e.readiness
			                 : e.readiness >= 50;
		}
		o.external = ext;
		o.external_len = n;
	}
	present = has_attribute(m, attrs[0]) ||
	          (nattrs > 1 && has_attribute(m, attrs[1]));
	rc = airs_audit(r, &o, &a, &d);
	check_diag(&d);
	if (!present || (nattrs > 1 && !(has_attribute(m, attrs[0]) &&
	                                 has_attribute(m, attrs[1])))) {
		CHECK(rc == AIRS_OK || rc == AIRS_ENOTFOUND);
	} else {
		if (rc)
			fprintf(stderr, "audit: %d %s\n", rc, d.text);
		CHECK(rc == AIRS_OK);
	}
	if (rc) {
		CHECK(!a && d.text[0]);
		free(ext);
		return;
	}
	CHECK(airs_audit_info_get(a, &info) == AIRS_OK);
	CHECK(info.employees == n && info.population <= n);
	CHECK(info.table_count == (nattrs > 1 ? 3u : 1u));
	for (i = 0; i < info.row_count; i++) {
		airs_audit_row row = AIRS_AUDIT_ROW_INIT;
		CHECK(airs_audit_row_get(a, i, &row) == AIRS_OK);
		CHECK(row.table < info.table_count && row.value);
		if (row.suppressed) {
			CHECK(row.count == AIRS_AUDIT_SUPPRESSED);
			continue;
		}
		CHECK(row.count <= info.population);
		CHECK(isnan(row.impact_ratio) ||
		      (row.impact_ratio >= 0 && row.impact_ratio <= 1 + 1e-12));
		CHECK(isnan(row.adverse_ratio) ||
		      (row.adverse_ratio >= 0 && row.adverse_ratio <= 1 + 1e-12));
		CHECK(isnan(row.p_value) || (row.p_value >= 0 && row.p_value <= 1));
		/* a ratio of 0 has no upper bound (Katz, as SciPy's
		 * relative_risk): [0, NaN] */
		CHECK(isnan(row.ratio_low) ||
		      (row.ratio_low <= row.adverse_ratio + 1e-12 &&
		       (isnan(row.ratio_high)
		                ? row.adverse_ratio == 0 && row.ratio_low == 0
		                : row.adverse_ratio <= row.ratio_high + 1e-12)));
		if (outcome != AIRS_AUDIT_EXTERNAL_VALUE &&
		    outcome != AIRS_AUDIT_PLAN_HOURS)
			CHECK(isnan(row.rate) || (row.rate >= 0 && row.rate <= 1));
	}
	for (i = 0; i < info.table_count; i++) {
		airs_audit_table t = AIRS_AUDIT_TABLE_INIT;
		CHECK(airs_audit_table_get(a, i, &t) == AIRS_OK);
		CHECK(t.first_row + t.row_count <= info.row_count);
	}
	buf->n = 0;
	CHECK(airs_audit_write(a, AIRS_AUDIT_JSON, collect, buf, NULL) == AIRS_OK);
	check_output(buf, OUT_JSON);
	buf->n = 0;
	CHECK(airs_audit_write(a, AIRS_AUDIT_CSV, collect, buf, NULL) == AIRS_OK);
	check_output(buf, OUT_CSV);
	airs_audit_free(a);
	free(ext);
}

/* Is the employee's unit unit_id or below it? */
static int in_subtree(const airs_rollup *ru, const char *unit, const char *top)
{
	while (unit) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		size_t i;

		if (!strcmp(unit, top))
			return 1;
		CHECK(airs_rollup_find_unit(ru, unit, &i) == AIRS_OK);
		CHECK(airs_rollup_unit(ru, i, &u) == AIRS_OK);
		unit = u.parent_id;
	}
	return 0;
}

/* The length of the CSV record at s (its LF included; quoted fields may
 * hold newlines). */
static size_t record_len(const char *s, const char *end)
{
	const char *t = s;
	int quoted = 0;

	while (t < end) {
		if (*t == '"')
			quoted = !quoted;
		else if (*t == '\n' && !quoted)
			return (size_t)(t - s + 1);
		t++;
	}
	return (size_t)(end - s);
}

/* A selection writes rows of the whole export, byte for byte and in its
 * order: the records of its CSV tables are a subsequence of the whole
 * table's, the header first. */
static void check_selection(const airs_result *r, struct text *buf)
{
	airs_export_options eo = AIRS_EXPORT_OPTIONS_INIT;
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	struct text whole = { NULL, 0, 0 };
	const char *first = NULL;
	int t, o;

	if (!airs_rollup_unit_count(airs_result_rollup(r)))
		return;
	CHECK(airs_rollup_unit(airs_result_rollup(r), 0, &u) == AIRS_OK);
	eo.unit_id = u.id;
	if (airs_result_employee_count(r)) {
		CHECK(airs_result_ids(r, &first, 1) == AIRS_OK);
		eo.employee_ids = &first;
		eo.employee_count = 1;
	}
	for (t = AIRS_TABLE_EMPLOYEES; t <= AIRS_TABLE_TOOLS; t++)
		for (o = AIRS_OUTPUT_JSON; o <= AIRS_OUTPUT_CSV; o++) {
			const char *s, *end, *w, *wend;
			size_t head, k;
			if (t == AIRS_TABLE_ALL && o == AIRS_OUTPUT_CSV)
				continue;
			buf->n = 0;
			CHECK(airs_result_write_v2(r, t, o, &eo, collect, buf, &d) ==
			      AIRS_OK);
			check_diag(&d);
			check_output(buf, o == AIRS_OUTPUT_CSV ? OUT_CSV : OUT_JSON);
			if (o == AIRS_OUTPUT_JSON)
				continue;
			whole.n = 0;
			CHECK(airs_result_write(r, t, o, collect, &whole, NULL) ==
			      AIRS_OK);
			wend = whole.p + whole.n;
			end = buf->p + buf->n;
			head = record_len(buf->p, end);
			CHECK(head <= whole.n && !memcmp(buf->p, whole.p, head));
			w = whole.p + head;
			for (s = buf->p + head; s < end; s += k) {
				k = record_len(s, end);
				while (w < wend && (record_len(w, wend) != k ||
				                    memcmp(w, s, k)))
					w += record_len(w, wend);
				CHECK(w < wend);
				w += k;
			}
		}
	free(whole.p);
}

static void check_personal_plan(const airs_result *r, const struct options *op,
                                struct text *buf)
{
	airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
	airs_plan_info info = AIRS_PLAN_INFO_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_plan *p = NULL;
	double hours = 0, cost = 0;
	size_t i, n;

	o.budget_hours = op->budget;
	o.budget_cost = op->cost_limit ? 10 * op->budget : 0;
	CHECK(airs_plan_employee(r, 0, &o, &p, &d) == AIRS_OK);
	check_diag(&d);
	CHECK(airs_plan_info_get(p, &info) == AIRS_OK);
	CHECK(info.hours >= 0 && info.cost >= 0);
	CHECK(info.hours <= o.budget_hours + 1e-9);
	if (o.budget_cost > 0)
		CHECK(info.cost <= o.budget_cost + 1e-9);
	/* methodology 8.3: the optimum, or within 1/2 of it with an hour
	 * budget alone, or no constant bound (0) */
	CHECK(info.exact ? info.bound == 1
	                 : info.bound == 0.5 || info.bound == 0);
	if (!info.exact && o.budget_cost > 0)
		CHECK(info.bound == 0);
	n = airs_plan_step_count(p);
	for (i = 0; i < n; i++) {
		airs_plan_step s = AIRS_PLAN_STEP_INIT;
		CHECK(airs_plan_get_step(p, i, &s) == AIRS_OK);
		CHECK(s.hours >= 0 && s.cost >= 0 && s.reason);
		hours += s.hours;
		cost += s.cost;
	}
	CHECK(near(hours, info.hours, 1e-9) && near(cost, info.cost, 1e-9));
	buf->n = 0;
	CHECK(airs_plan_write(p, AIRS_OUTPUT_JSON, collect, buf, NULL) == AIRS_OK);
	check_output(buf, OUT_JSON);
	buf->n = 0;
	CHECK(airs_plan_write(p, AIRS_OUTPUT_CSV, collect, buf, NULL) == AIRS_OK);
	check_output(buf, OUT_CSV);
	airs_plan_free(p);
}

static airs_org_plan *check_org_plan(const airs_result *r,
                                     const struct options *op,
                                     struct text *buf)
{
	airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
	airs_plan_group g = AIRS_PLAN_GROUP_INIT;
	airs_unit_score top = AIRS_UNIT_SCORE_INIT;
	const airs_rollup *ru = airs_result_rollup(r);
	airs_diag d = AIRS_DIAG_INIT;
	airs_org_plan *p = NULL;
	size_t n = airs_result_employee_count(r), i;
	double hours = 0, cost = 0, in_unit = 0, unit_hours;
	const char *unit_id;
	int t, out;

	o.budget_hours = 4 * op->budget;
	o.budget_cost = op->cost_limit ? 10 * o.budget_hours : 0;
	o.strategy = op->strategy;
	o.max_hours_per_employee = op->per_person ? op->budget / 2 : 0;
	if (op->unit_budget && airs_rollup_unit_count(ru)) {
		CHECK(airs_rollup_unit(ru, 0, &top) == AIRS_OK);
		unit_id = top.id;
		unit_hours = o.budget_hours / 2;
		o.unit_budget_count = 1;
		o.unit_ids = &unit_id;
		o.unit_hours = &unit_hours;
	}
	CHECK(airs_plan_org(r, &o, &p, &d) == AIRS_OK);
	check_diag(&d);
	CHECK(airs_org_plan_employee_count(p) == n);
	for (i = 0; i < n; i++) {
		airs_plan_allocation a = AIRS_PLAN_ALLOCATION_INIT;
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		CHECK(airs_org_plan_employee(p, i, &a) == AIRS_OK);
		CHECK(airs_result_employee(r, i, &e) == AIRS_OK);
		CHECK(a.employee_id && !strcmp(a.employee_id, e.id));
		CHECK(a.hours >= 0 && a.cost >= 0);
		if (o.max_hours_per_employee > 0)
			CHECK(a.hours <= o.max_hours_per_employee + 1e-9);
		hours += a.hours;
		cost += a.cost;
		if (o.unit_budget_count && in_subtree(ru, e.unit_id, top.id))
			in_unit += a.hours;
	}
	CHECK(hours <= o.budget_hours + 1e-6);
	if (o.budget_cost > 0)
		CHECK(cost <= o.budget_cost + 1e-6);
	if (o.unit_budget_count)
		CHECK(in_unit <= unit_hours + 1e-6);
	CHECK(airs_org_plan_group(p, AIRS_ROLLUP_ORG, &g) == AIRS_OK);
	CHECK(g.headcount == n && g.planned <= n);
	/* the plan's cohorts are the result's (airs_result_cohort()) */
	CHECK(airs_org_plan_cohort_count(p) == airs_result_cohort_count(r));
	for (i = 0; i < airs_result_cohort_count(r); i++) {
		airs_plan_cohort a = AIRS_PLAN_COHORT_INIT, b = AIRS_PLAN_COHORT_INIT;
		CHECK(airs_result_cohort(r, i, &a) == AIRS_OK);
		CHECK(airs_org_plan_cohort(p, i, &b) == AIRS_OK);
		CHECK(!strcmp(a.course_id, b.course_id) &&
		      !strcmp(a.skill_id, b.skill_id));
		CHECK(a.employees == b.employees && a.planned == 0);
		CHECK(b.planned <= n && a.employees <= n);
	}
	for (t = AIRS_PLAN_TABLE_GROUPS; t <= AIRS_PLAN_TABLE_ALL; t++)
		for (out = AIRS_OUTPUT_JSON; out <= AIRS_OUTPUT_CSV; out++) {
			if (t == AIRS_PLAN_TABLE_ALL && out == AIRS_OUTPUT_CSV)
				continue;
			buf->n = 0;
			CHECK(airs_org_plan_write(p, t, out, collect, buf, NULL) ==
			      AIRS_OK);
			check_output(buf, out == AIRS_OUTPUT_CSV ? OUT_CSV : OUT_JSON);
		}
	return p;
}

static airs_params *parameters(const struct options *op, const char *threads)
{
	airs_params *p;

	CHECK(airs_params_new(&p, NULL) == AIRS_OK);
	CHECK(airs_params_set(p, "threads", threads) == AIRS_OK);
	if (op->sentiment)
		CHECK(airs_params_set(p, "privacy.individual_sentiment", "1") ==
		      AIRS_OK);
	if (op->min_group3)
		CHECK(airs_params_set(p, "anonymity.min_group", "3") == AIRS_OK);
	if (op->exact_states)
		CHECK(airs_params_set_double(p, "plan.exact_states",
		                             op->exact_states) == AIRS_OK);
	return p;
}

static void write_all(const airs_result *r, struct text *t)
{
	t->n = 0;
	CHECK(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, collect, t,
	                        NULL) == AIRS_OK);
	CHECK(airs_rollup_write(airs_result_rollup(r), collect, t) == AIRS_OK);
}

/* The input's mapping section, for every load of it. */
static const char *map_text;
static size_t map_len;

/* Threads change nothing (airs/common.h): the tables loaded on four
 * threads and scored on three give the same model, result and partial. */
static void check_threads(const airs_model *m, const airs_result *r,
                          const airs_table_buffer *tb, size_t n,
                          const struct options *op)
{
	airs_load_options lo = AIRS_LOAD_OPTIONS_INIT;
	struct text one = { NULL, 0, 0 }, many = { NULL, 0, 0 };
	char d1[65], d2[65];
	airs_params *p = parameters(op, "3");
	airs_model *m2;
	airs_result *r2 = NULL;

	lo.threads = 4;
	lo.map = map_text;
	lo.map_len = map_len;
	CHECK(airs_model_new(&m2, NULL) == AIRS_OK);
	CHECK(airs_load_buffers(m2, tb, n, &lo, NULL) == AIRS_OK);
	CHECK(airs_model_finish(m2) == AIRS_OK);
	CHECK(airs_model_digest(m, d1) == AIRS_OK);
	CHECK(airs_model_digest(m2, d2) == AIRS_OK);
	CHECK(!strcmp(d1, d2));
	CHECK(airs_score(m2, p, &r2, NULL) == AIRS_OK);
	write_all(r, &one);
	write_all(r2, &many);
	CHECK(one.n == many.n && !memcmp(one.p, many.p, one.n));
	free(one.p);
	free(many.p);
	airs_result_free(r2);
	airs_model_free(m2);
	airs_params_free(p);
}

/* Every figure of a comparison, checked: a published change is current -
 * base inside its interval with a p-value in 0..1 (or none where the
 * test has none: no spread and no change, too few values); a hidden one
 * shows no change, interval or p-value.  self: a result compared with itself,
 * where every published change is 0 and no respondent set differs. */
static void check_changes(const airs_comparison *k, int self)
{
	size_t u, n = airs_comparison_unit_count(k);

	for (u = 0; u <= n; u++) {
		size_t unit = u == n ? AIRS_ROLLUP_ORG : u;
		for (int g = 0; g < AIRS_CHANGE_FIGURE_COUNT_; g++) {
			airs_change ch = AIRS_CHANGE_INIT;
			CHECK(airs_comparison_change(k, unit, g, &ch) == AIRS_OK);
			CHECK(airs_change_reason_name(ch.reason));
			CHECK(airs_change_test_name(ch.test));
			if (ch.reason != AIRS_CHANGE_SHOWN) {
				CHECK(isnan(ch.change) && isnan(ch.p));
				CHECK(!self || ch.reason != AIRS_CHANGE_FEW_CHANGED);
				continue;
			}
			/* computed from the same counts or sums, rounded apart */
			CHECK(fabs(ch.change - (ch.current - ch.base)) <=
			      1e-12 * (1 + fabs(ch.current) + fabs(ch.base)));
			CHECK(!self || ch.change == 0);
			/* no p-value (as SciPy) for no spread and no change, or
			 * too few values for a test (then no interval either) */
			CHECK(isnan(ch.p) ? ch.change == 0 || isnan(ch.ci.low)
			                  : ch.p >= 0 && ch.p <= 1);
			CHECK(!(ch.ci.low > ch.change) && !(ch.ci.high < ch.change));
		}
	}
	CHECK(airs_comparison_change(k, n, 0, &(airs_change)AIRS_CHANGE_INIT) ==
	      AIRS_ERANGE);
}

/* The result against itself, and against the result of the survey wave
 * before the one it reads (scored the day before that wave starts). */
static void check_compare(const airs_model *m, const airs_result *r,
                          const struct options *op)
{
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	airs_comparison *k = NULL;
	airs_params *p;
	airs_result *r0 = NULL;
	char day[11];

	CHECK(airs_compare(r, r, NULL, &k, NULL) == AIRS_OK);
	CHECK(!airs_comparison_params_changed(k));
	CHECK(airs_comparison_added_count(k) == 0 &&
	      airs_comparison_removed_count(k) == 0);
	check_changes(k, 1);
	airs_comparison_free(k);
	CHECK(airs_result_provenance(r, &pv) == AIRS_OK);
	if (!pv.survey_start)
		return;
	p = parameters(op, "1");
	airs_date_format(pv.survey_start - 1, day);
	CHECK(airs_params_set(p, "as_of", day) == AIRS_OK);
	if (airs_score(m, p, &r0, NULL) == AIRS_OK) {
		CHECK(airs_compare(r0, r, NULL, &k, NULL) == AIRS_OK);
		check_changes(k, 0);
		airs_comparison_free(k);
		airs_result_free(r0);
	}
	airs_params_free(p);
}

/* ------------------------------------------------------------------------
 * The target
 * ---------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct text buf;
	airs_table_buffer tb[NTABLES];
	airs_load_options lo = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	struct options op;
	char attrs[2][256];
	size_t n = 0, nattrs = 0, k;
	const char *p, *end;
	airs_model *m;
	airs_params *params;
	airs_result *r = NULL;
	airs_org_plan *plan;

	if (size <= OPTION_BYTES)
		return 0;
	op = decode(data);

	/* the tables */
	p = (const char *)data + OPTION_BYTES;
	end = (const char *)data + size;
	map_text = NULL;
	map_len = 0;
	while (p < end) {
		const char *sep = memchr(p + 1, 0x1e, (size_t)(end - p - 1));
		const char *name = names[(unsigned char)*p % NTABLES];
		if ((unsigned char)*p >= 0xF0) {
			if (!map_text) {
				map_text = p + 1;
				map_len = (size_t)((sep ? sep : end) - p - 1);
			}
			p = sep ? sep + 1 : end;
			continue;
		}
		for (k = 0; k < n && tb[k].name != name; k++)
			;
		if (k == n) {
			tb[n].name = name;
			tb[n].data = p + 1;
			tb[n].len = (size_t)((sep ? sep : end) - p - 1);
			if (name == names[T_EMPLOYEES])
				nattrs = attribute_names(tb[n].data, tb[n].len,
				                         attrs);
			n++;
		}
		p = sep ? sep + 1 : end;
	}

	CHECK(airs_model_new(&m, NULL) == AIRS_OK);
	lo.threads = 1;
	lo.map = map_text;
	lo.map_len = map_len;
	if (airs_load_buffers(m, tb, n, &lo, &d) != AIRS_OK) {
		check_diag(&d);
		airs_model_free(m);
		return 0;
	}
	CHECK(airs_model_finish(m) == AIRS_OK);

	params = parameters(&op, "1");
	d = (airs_diag)AIRS_DIAG_INIT;
	if (airs_score(m, params, &r, &d) != AIRS_OK)
		fprintf(stderr, "score: %s\n", d.text);
	CHECK(r);

	check_employees(r, op.sentiment);
	check_rollup(m, r);
	check_partial(r, params, &buf);
	check_exports(r, &buf);
	if (op.threads)
		check_threads(m, r, tb, n, &op);
	if (op.selection)
		check_selection(r, &buf);
	check_compare(m, r, &op);
	if (airs_result_employee_count(r)) {
		check_personal_plan(r, &op, &buf);
		plan = check_org_plan(r, &op, &buf);
		if (nattrs)
			check_audit(m, r, plan, op.outcome, op.flag, attrs,
			            nattrs, &buf);
		airs_org_plan_free(plan);
	}

	airs_params_free(params);
	airs_result_free(r);
	airs_model_free(m);
	return 0;
}
