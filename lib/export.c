/*
 * export.c - the tables of a result as JSON or CSV (docs/output-format.md).
 *
 * Records are written field by field with record.h, which keeps JSON and
 * CSV in step and applies the null conventions.
 *
 * Everything is read from the result and its rollup in orders that do not
 * depend on the order rows were added in: employees by id, units in tree
 * order, constructs in enum order, skills by id.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "export.h"
#include "export-rows.h"
#include "num.h"
#include "parallel.h"
#include "record.h"
#include "rollup.h"
#include "sort.h"
#include "score.h"
#include "wave.h"

#define SCHEMA "airs-result/1"

static const char *const level_names[] = { "awareness", "active", "operational",
                                           "systemic", "transformational" };

/* The survey period a scoring as of T reads (wave.h), and how many of
 * the answers to scored items dated on or before T it reads and leaves
 * out. */
static void survey_period(const airs_model *m, airs_date T, airs_provenance *p)
{
	airs__wave_pick w;
	size_t i;

	airs__wave_choose(m, T, &w);
	if (w.start <= w.end) {
		p->survey_start = w.start;
		p->survey_end = w.end;
	}
	if (w.wave != AIRS__NONE)
		p->survey_wave_id = m->wave_ids.str[w.wave];
	for (i = 0; i < m->responses.n; i++) {
		airs_date d = m->responses.v[i].date;
		if (m->items.v[m->responses.v[i].item].construct < 0)
			continue; /* an item no figure scores */
		if (airs__wave_has(&w, d))
			p->survey_answers++;
		else if (d <= T)
			p->survey_answers_outside++;
	}
}

int airs__provenance(const airs_model *m, const airs_as_of_info *as_of,
                     const char params_digest[65], airs_provenance *out)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	int rc;

	if (AIRS__OUT_CHECK(PROVENANCE, out))
		return AIRS_EINVAL;
	if ((rc = airs_model_digest(m, p.input_digest)))
		return rc;
	p.library_version = airs_version();
	p.methodology_version = AIRS_METHODOLOGY_VERSION;
	p.as_of = as_of->as_of;
	p.as_of_rule = as_of->rule;
	p.as_of_left_out = as_of->left_out;
	survey_period(m, p.as_of, &p);
	memcpy(p.params_digest, params_digest, sizeof p.params_digest);
	AIRS__OUT(out, &p);
	return AIRS_OK;
}

int airs_result_provenance(const airs_result *r, airs_provenance *out)
{
	if (!r)
		return AIRS_EINVAL;
	return airs__provenance(r->model, &r->as_of_info, r->params_digest, out);
}

void airs__f_provenance(airs__rec *x, const airs_provenance *p)
{
	struct airs__prov_text pt;
	const char *keys[AIRS__PROVENANCE_KEYS], *values[AIRS__PROVENANCE_KEYS];
	size_t k, nk = airs__provenance_keys(p, &pt, keys, values);

	airs__json_key(&x->j, "provenance");
	airs__record_begin(x);
	for (k = 0; k < nk; k++)
		airs__f_str(x, keys[k], values[k]);
	airs__record_end(x, 0);
}

size_t airs__provenance_keys(const airs_provenance *p,
                             struct airs__prov_text *buf,
                             const char *keys[], const char *values[])
{
	size_t n = 0;

	airs_date_format(p->as_of, buf->as_of);
	snprintf(buf->left_out, sizeof buf->left_out, "%llu",
	         (unsigned long long)p->as_of_left_out);
	keys[n] = "library_version", values[n++] = p->library_version;
	keys[n] = "methodology_version", values[n++] = p->methodology_version;
	keys[n] = "as_of", values[n++] = buf->as_of;
	keys[n] = "as_of_rule", values[n++] = airs_as_of_rule_name(p->as_of_rule);
	keys[n] = "as_of_left_out", values[n++] = buf->left_out;
	airs_date_format(p->survey_start, buf->start);
	airs_date_format(p->survey_end, buf->end);
	snprintf(buf->answers, sizeof buf->answers, "%llu",
	         (unsigned long long)p->survey_answers);
	snprintf(buf->outside, sizeof buf->outside, "%llu",
	         (unsigned long long)p->survey_answers_outside);
	keys[n] = "survey_start";
	values[n++] = p->survey_start ? buf->start : NULL;
	keys[n] = "survey_end", values[n++] = p->survey_end ? buf->end : NULL;
	keys[n] = "survey_wave_id", values[n++] = p->survey_wave_id;
	keys[n] = "survey_answers", values[n++] = buf->answers;
	keys[n] = "survey_answers_outside", values[n++] = buf->outside;
	keys[n] = "params_digest", values[n++] = p->params_digest;
	keys[n] = "input_digest", values[n++] = p->input_digest;
	assert(n == AIRS__PROVENANCE_KEYS); /* the callers' arrays hold that */
	return n;
}

struct ex {
	const airs_result *r; /* NULL for a rollup alone (airs_rollup_export) */
	const airs_rollup *ru;
	const airs__mem *mem;
	uint32_t *skills;     /* rollup skill indexes, by id */
	uint32_t *rank;       /* a skill index's place in skills[] */
	uint32_t *present;    /* a unit's skills with data (unit_skills) */
	uint32_t *tmp;
	size_t ns;
	airs__skill_list sl, msl; /* units', managers' (msl empty: none) */
	/* The selection (airs_export_options): units u0 .. u1 - 1 in tree
	 * order, the organisation when `org`, employees i with keep[i]
	 * (keep NULL: all). */
	size_t u0, u1;
	size_t m0, m1;        /* managers m0 .. m1 - 1 (manager_id) */
	int org;
	unsigned char *keep;
	const airs_export_options *sel;
	char adkar_ci[AIRS_ADKAR_COUNT_][40]; /* "<element>_ci" */
	char adkar_src[AIRS_ADKAR_COUNT_][40]; /* "<element>_source" */
	int rows_org, rows_nested; /* write_units(), write_managers() rows */
	airs__rec *w;  /* where records go: &rec, or a chunk's (ex_fork()) */
	airs__rec rec;
};

static const char *flag_by_bit(int k) { return airs_flag_name(1 << k); }

/* ------------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------- */

/* Employee e, with note the words of airs_result_evidence_text(). */
static void employee_record(airs__rec *w, const airs_employee_score *e,
                            const double *constructs, const char *note)
{
	int k, below = e->level && e->target ? e->level < e->target : -1;

	airs__record_begin(w);
	airs__f_str(w, "id", e->id);
	airs__f_str(w, "unit_id", e->unit_id);
	airs__f_str(w, "role_id", e->role_id);
	airs__f_bool(w, "is_leader", e->is_leader);
	airs__f_num(w, "readiness", e->readiness);
	airs__f_num(w, "readiness_low", e->readiness_low);
	airs__f_num(w, "readiness_high", e->readiness_high);
	airs__f_str(w, "evidence", airs_evidence_name(e->evidence));
	airs__f_str(w, "evidence_note", note);
	airs__f_level(w, "level", e->level);
	airs__f_str(w, "level_name", e->level >= 1 && e->level <= 5 ? level_names[e->level - 1]
	                                                      : NULL);
	airs__f_level(w, "target", e->target);
	airs__f_num(w, "gap_levels", e->gap_levels);
	airs__f_num(w, "gap_points", e->gap_points);
	airs__f_bool(w, "below_target", below);
	airs__f_bits(w, "coverage", e->coverage, AIRS_COMPONENT_COUNT_, airs_component_name);
	airs__f_bits(w, "withheld", e->withheld, AIRS_COMPONENT_COUNT_, airs_component_name);
	airs__f_num(w, "skill_coverage", e->skill_coverage);
	airs__group_begin(w, "components", "");
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		airs__f_num(w, airs_component_name(k), e->component[k]);
	airs__group_end(w);
	airs__group_begin(w, "adkar", "");
	for (k = 0; k < AIRS_ADKAR_COUNT_; k++)
		airs__f_num(w, airs_adkar_name(k), e->adkar[k] ? e->adkar[k] : NAN);
	airs__group_end(w);
	airs__f_str(w, "barrier", airs_barrier_name(e->barrier));
	airs__f_bits(w, "flags", e->flags, AIRS_FLAG_BITS_, flag_by_bit);
	airs__f_bits(w, "flags_evaluated", e->flags_evaluated, AIRS_FLAG_BITS_, flag_by_bit);
	if (constructs) {
		airs__group_begin(w, "constructs", "construct_");
		for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++)
			airs__f_num(w, airs_construct_name(k), constructs[k]);
		airs__group_end(w);
	}
	airs__record_end(w, 0);
}

/* The fields of a construct aggregate, after the record's keys. */
static void construct_fields(struct ex *x, const airs_construct_score *c)
{
	uint64_t both = c->leaders == AIRS_SUPPRESSED || c->staff == AIRS_SUPPRESSED
	                        ? AIRS_SUPPRESSED
	                        : (c->leaders < c->staff ? c->leaders : c->staff);

	airs__f_count(x->w, "respondents", c->respondents);
	airs__f_survey(x->w, "mean", c->mean, c->respondents);
	airs__f_survey(x->w, "favourable", c->favourable, c->respondents);
	airs__f_survey(x->w, "unfavourable", c->unfavourable, c->respondents);
	airs__f_count(x->w, "leaders", c->leaders);
	airs__f_count(x->w, "staff", c->staff);
	airs__f_survey(x->w, "leaders_mean", c->leaders_mean, c->leaders);
	airs__f_survey(x->w, "staff_mean", c->staff_mean, c->staff);
	airs__f_survey(x->w, "perception_gap", c->perception_gap, both);
	airs__f_interval(x->w, "mean_ci", c->mean_ci);
	airs__f_interval(x->w, "favourable_ci", c->favourable_ci);
	airs__f_interval(x->w, "unfavourable_ci", c->unfavourable_ci);
	airs__f_interval(x->w, "leaders_mean_ci", c->leaders_mean_ci);
	airs__f_interval(x->w, "staff_mean_ci", c->staff_mean_ci);
	airs__f_interval(x->w, "perception_gap_ci", c->perception_gap_ci);
}

static size_t unit_key(size_t i, size_t nu)
{
	return i < nu ? i : AIRS_ROLLUP_ORG;
}

/* The unit ADKAR profile (methodology 4.6): the elements with their
 * intervals and sources, the barrier point, and the members by their
 * own barrier point. */
static void adkar_fields(struct ex *x, const airs_unit_adkar *a)
{
	int e;

	airs__group_begin(x->w, "adkar", "adkar_");
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
		airs__f_survey(x->w, airs_adkar_name(e), a->element[e],
		               (a->hidden >> e) & 1u ? AIRS_SUPPRESSED : 0);
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
		airs__f_interval(x->w, x->adkar_ci[e], a->element_ci[e]);
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
		airs__f_str(x->w, x->adkar_src[e], a->source[e] < 0
		                                ? NULL
		                                : airs_adkar_source_name(a->source[e]));
	airs__f_uint(x->w, "knowledge_n", a->knowledge_n);
	airs__f_uint(x->w, "ability_n", a->ability_n);
	airs__f_str(x->w, "barrier", airs_barrier_name(a->barrier));
	airs__group_end(x->w);
	airs__group_begin(x->w, "barriers", "barrier_");
	for (e = 0; e <= AIRS_BARRIER_UNKNOWN; e++)
		airs__f_uint(x->w, airs_barrier_name(e), a->barriers[e]);
	airs__group_end(x->w);
}

static int rank_before(const void *ctx, uint32_t a, uint32_t b)
{
	(void)ctx;
	return a < b;
}

/* A group of either hierarchy: unit `key` (AIRS_ROLLUP_ORG: the
 * organisation), or with `mgr` manager `key`'s direct reports or line
 * (scope, enum airs_reports). */
struct gref {
	int mgr;
	size_t key;
	int scope;
};

/* The skills with data in group g, in id order, into x->present; their
 * number.  Costs the group's cells, so a units x skills file costs its
 * cells, not its product. */
static size_t group_skills(struct ex *x, const struct gref *g)
{
	size_t k, j;

	k = g->mgr ? airs__skill_list_of(&x->msl, 2 * g->key +
	                                 (g->scope == AIRS_REPORTS_DIRECT),
	                                 x->present)
	           : airs__skill_list_of(&x->sl, g->key, x->present);
	for (j = 0; j < k; j++)
		x->present[j] = x->rank[x->present[j]];
	airs__sort(x->present, x->tmp, k, rank_before, NULL);
	for (j = 0; j < k; j++)
		x->present[j] = x->skills[x->present[j]];
	return k;
}

static size_t unit_skills(struct ex *x, size_t i, size_t nu)
{
	struct gref g = { 0, 0, 0 };

	g.key = unit_key(i, nu);
	return group_skills(x, &g);
}

static int group_construct(struct ex *x, const struct gref *g, int k,
                           airs_construct_score *c)
{
	return g->mgr ? airs_rollup_manager_construct(x->ru, g->key, g->scope,
	                                              k, c)
	              : airs_rollup_construct(x->ru, g->key, k, c);
}

static int group_skill(struct ex *x, const struct gref *g, size_t s,
                       double *gap, uint64_t *n)
{
	return g->mgr ? airs_rollup_manager_skill(x->ru, g->key, g->scope, s,
	                                          gap, n)
	              : airs_rollup_skill(x->ru, g->key, s, gap, n);
}

/* In the JSON document, a group also carries its constructs and skill
 * gaps: each a record of its own, with its own suppressed list (the
 * group's is kept aside meanwhile). */
static int nested_parts(struct ex *x, const struct gref *g)
{
	char supp[sizeof x->w->supp];
	size_t nsupp = x->w->nsupp, s, ns;
	int k, rc;

	memcpy(supp, x->w->supp, sizeof supp);
	airs__json_key(&x->w->j, "constructs");
	airs__json_begin_object(&x->w->j, 1);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
		if ((rc = group_construct(x, g, k, &c)) != 0)
			return rc;
		airs__json_key(&x->w->j, airs_construct_name(k));
		airs__record_begin(x->w);
		construct_fields(x, &c);
		airs__record_end(x->w, 1);
	}
	airs__json_end_object(&x->w->j);
	airs__json_key(&x->w->j, "skill_gaps");
	airs__json_begin_object(&x->w->j, 1);
	ns = group_skills(x, g);
	for (s = 0; s < ns; s++) {
		double gap;
		uint64_t n;
		if ((rc = group_skill(x, g, x->present[s], &gap, &n)) != 0)
			return rc;
		airs__json_key(&x->w->j, airs_rollup_skill_id(x->ru, x->present[s]));
		airs__record_begin(x->w);
		airs__f_uint(x->w, "count", n);
		airs__f_num(x->w, "mean_gap", gap);
		airs__record_end(x->w, 0);
	}
	airs__json_end_object(&x->w->j);
	memcpy(x->w->supp, supp, sizeof supp);
	x->w->nsupp = nsupp;
	return AIRS_OK;
}

/* The figures of a unit or manager group, after the record's keys. */
static void score_fields(struct ex *x, const airs_unit_score *u)
{
	static const char *const level_keys[] = { "unknown", "1", "2", "3", "4", "5" };
	int k;

	airs__f_uint(x->w, "headcount", u->headcount);
	airs__f_uint(x->w, "scored", u->scored);
	airs__f_uint(x->w, "insufficient", u->insufficient);
	airs__f_num(x->w, "readiness_mean", u->readiness_mean);
	airs__f_num(x->w, "readiness_median", u->readiness_median);
	airs__group_begin(x->w, "levels", "level_");
	for (k = 0; k < 6; k++)
		airs__f_uint(x->w, level_keys[k], u->levels[k]);
	airs__group_end(x->w);
	airs__f_level(x->w, "target", u->target);
	airs__f_uint(x->w, "with_target", u->with_target);
	airs__f_num(x->w, "gap_mean", u->gap_mean);
	airs__f_num(x->w, "below_target_share", u->below_target_share);
	airs__group_begin(x->w, "flags", "flag_");
	for (k = 0; k < AIRS_FLAG_COUNT_; k++)
		airs__f_count(x->w, airs_flag_name(1 << k), u->flags[k]);
	airs__group_end(x->w);
	airs__f_survey(x->w, "net_score", u->net_score, u->net_respondents);
	airs__f_count(x->w, "net_respondents", u->net_respondents);
	airs__f_survey(x->w, "time_saved", u->time_saved, u->time_saved_respondents);
	airs__f_count(x->w, "time_saved_respondents", u->time_saved_respondents);
	airs__f_count(x->w, "respondents", u->respondents);
	airs__f_uint(x->w, "leaders", u->leaders);
	airs__f_interval(x->w, "readiness_ci", u->readiness_ci);
	airs__f_interval(x->w, "gap_ci", u->gap_ci);
	airs__f_interval(x->w, "below_target_ci", u->below_target_ci);
	airs__f_interval(x->w, "time_saved_ci", u->time_saved_ci);
	airs__f_interval(x->w, "response_rate_ci", u->response_rate_ci);
	airs__group_begin(x->w, "flag_rate_ci", "flag_rate_ci_");
	for (k = 0; k < AIRS_FLAG_COUNT_; k++)
		airs__f_interval(x->w, airs_flag_name(1 << k), u->flag_rate_ci[k]);
	airs__group_end(x->w);
}

/* Unit i (i == unit count: the organisation).  `nested`: the JSON
 * document, where a unit also carries its constructs and skill gaps. */
static int unit_record(struct ex *x, size_t i, int nested)
{
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	airs_unit_adkar ad = AIRS_UNIT_ADKAR_INIT;
	size_t nu = airs_rollup_unit_count(x->ru);
	struct gref g = { 0, 0, 0 };
	int rc;

	g.key = unit_key(i, nu);

	if (!x->w->header &&
	    ((rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0 ||
	     (rc = airs_rollup_adkar(x->ru, unit_key(i, nu), &ad)) != 0))
		return rc;
	airs__record_begin(x->w);
	airs__f_str(x->w, "scope", i < nu ? "unit" : "organisation");
	airs__f_str(x->w, "id", u.id);
	airs__f_str(x->w, "name", u.name);
	airs__f_str(x->w, "parent_id", u.parent_id);
	airs__f_int(x->w, "depth", u.depth);
	score_fields(x, &u);
	adkar_fields(x, &ad);
	if (nested && (rc = nested_parts(x, &g)) != 0)
		return rc;
	airs__record_end(x->w, 1);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Tables
 * ---------------------------------------------------------------------- */

/* Unit i of the rollup's tree order (i == unit count: the organisation,
 * when `org` asks for it) is in the selection. */
static int selected_unit(const struct ex *x, size_t i, int org)
{
	return i < x->u1 || (i == airs_rollup_unit_count(x->ru) && org && x->org);
}

/* The threads rows are formatted on: the result's (a rollup alone: 1). */
static size_t ex_threads(const struct ex *x)
{
	const airs_result *r = x->r;

	if (!r)
		return 1;
	return r->threads ? r->threads : airs__thread_count(r->pv.threads, r->n);
}

static void ex_drop(void *fork)
{
	struct ex *c = fork;

	airs__free(c->mem, c->present);
	airs__free(c->mem, c->tmp);
	airs__skill_list_free(&c->sl);
	airs__skill_list_free(&c->msl);
	airs__free(c->mem, c);
}

/* x for one chunk's rows (export-rows.h): records into w, and scratch
 * of its own for listing a group's skills; the rest is x's, read only. */
static void *ex_fork(void *ctx, airs__rec *w)
{
	const struct ex *x = ctx;
	size_t n = (x->ns ? x->ns : 1) * sizeof *x->present;
	struct ex *c = airs__malloc(x->mem, sizeof *c);

	if (!c)
		return NULL;
	memcpy(c, x, offsetof(struct ex, rec));
	c->w = w;
	c->present = airs__malloc(x->mem, n);
	c->tmp = airs__malloc(x->mem, n);
	memset(&c->sl, 0, sizeof c->sl);
	memset(&c->msl, 0, sizeof c->msl);
	if (!c->present || !c->tmp || airs__skill_list_share(&c->sl, &x->sl) ||
	    airs__skill_list_share(&c->msl, &x->msl)) {
		ex_drop(c);
		return NULL;
	}
	return c;
}

/* Employee i into w, when the selection keeps them (export-rows.h). */
static int employee_row(void *ctx, airs__rec *w, size_t i)
{
	const struct ex *x = ctx;
	const airs_result *r = x->r;
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	double cs[AIRS_CONSTRUCT_COUNT_];
	int optin = r->construct != NULL, rc;
	char note[160];

	if (x->keep && !x->keep[i])
		return AIRS_OK;
	if ((rc = airs_result_employee(r, i, &e)) != 0 ||
	    (optin && (rc = airs_result_sentiment(r, i, cs)) != 0))
		return rc;
	airs_result_evidence_text(r, i, note, sizeof note);
	employee_record(w, &e, optin ? cs : NULL, note);
	return AIRS_OK;
}

/* The rows are formatted on the result's threads (export-rows.h). */
static int write_employees(struct ex *x)
{
	const airs_result *r = x->r;
	double cs[AIRS_CONSTRUCT_COUNT_];
	airs__rows rows;
	int rc;

	if (x->w->csv) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		x->w->header = 1;
		employee_record(x->w, &e, r->construct ? cs : NULL, NULL);
		x->w->header = 0;
	}
	airs__array_begin(x->w);
	rows.row = employee_row;
	rows.fork = NULL;
	rows.drop = NULL;
	rows.ctx = x;
	rows.per_chunk = 1024; /* about 300 KB of CSV, 1 MB of JSON */
	if ((rc = airs__rows_write(x->w, r->n, ex_threads(x), x->mem, &rows)))
		return rc;
	airs__array_end(x->w);
	return AIRS_OK;
}

/* Row k of write_units(): unit u0 + k, when selected.  x is the
 * table's, or a chunk's fork, whose writer is w. */
static int unit_row(void *ctx, airs__rec *w, size_t k)
{
	struct ex *x = ctx;
	size_t i = x->u0 + k;

	assert(x->w == w);
	(void)w;
	if (!selected_unit(x, i, x->rows_org))
		return AIRS_OK;
	return unit_record(x, i, x->rows_nested);
}

/* Units in tree order; the organisation last unless `org` is 0.  The
 * rows are formatted on the result's threads (export-rows.h). */
static int write_units(struct ex *x, int nested, int org)
{
	size_t nu = airs_rollup_unit_count(x->ru);
	airs__rows rows;
	int rc;

	if (x->w->csv) {
		x->w->header = 1;
		unit_record(x, 0, 0);
		x->w->header = 0;
	}
	airs__array_begin(x->w);
	x->rows_org = org;
	x->rows_nested = nested;
	rows.row = unit_row;
	rows.fork = ex_fork;
	rows.drop = ex_drop;
	rows.ctx = x;
	rows.per_chunk = nested ? 32 : 256; /* a few hundred KB */
	if (x->u0 <= nu &&
	    (rc = airs__rows_write(x->w, nu + 1 - x->u0, ex_threads(x), x->mem,
	                           &rows)))
		return rc;
	airs__array_end(x->w);
	return AIRS_OK;
}

/* Manager i's group of scope `scope` (enum airs_reports). */
static int manager_record(struct ex *x, size_t i, int scope, int nested)
{
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
	struct gref g;
	int rc;

	g.mgr = 1;
	g.key = i;
	g.scope = scope;
	if (!x->w->header &&
	    ((rc = airs_rollup_manager(x->ru, i, &mi)) != 0 ||
	     (rc = airs_rollup_manager_group(x->ru, i, scope, &u)) != 0))
		return rc;
	airs__record_begin(x->w);
	airs__f_str(x->w, "scope", scope == AIRS_REPORTS_DIRECT ? "direct_reports"
	                                                         : "all_reports");
	airs__f_str(x->w, "manager_id", mi.id);
	airs__f_str(x->w, "parent_manager_id", mi.manager_id);
	airs__f_str(x->w, "unit_id", mi.unit_id);
	airs__f_int(x->w, "depth", mi.depth);
	score_fields(x, &u);
	if (nested && (rc = nested_parts(x, &g)) != 0)
		return rc;
	airs__record_end(x->w, 1);
	return AIRS_OK;
}

/* A manager is in the selection when their own unit is. */
static int selected_manager(const struct ex *x, size_t i)
{
	airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
	size_t u;

	if (x->org)
		return 1;
	return airs_rollup_manager(x->ru, i, &mi) == AIRS_OK &&
	       airs_rollup_find_unit(x->ru, mi.unit_id, &u) == AIRS_OK &&
	       u >= x->u0 && u < x->u1;
}

/* Row k of write_managers(): manager m0 + k's two groups, when
 * selected (x and w as for unit_row()). */
static int manager_row(void *ctx, airs__rec *w, size_t k)
{
	struct ex *x = ctx;
	size_t i = x->m0 + k;
	int rc, scope;

	assert(x->w == w);
	(void)w;
	for (scope = AIRS_REPORTS_DIRECT; scope <= AIRS_REPORTS_ALL &&
	                                  selected_manager(x, i); scope++)
		if ((rc = manager_record(x, i, scope, x->rows_nested)) != 0)
			return rc;
	return AIRS_OK;
}

/* Managers in line order, each's direct reports, then their line; on
 * the result's threads. */
static int write_managers(struct ex *x, int nested)
{
	size_t n = airs_rollup_manager_count(x->ru);
	airs__rows rows;
	int rc;

	if (x->w->csv) {
		x->w->header = 1;
		manager_record(x, 0, AIRS_REPORTS_DIRECT, 0);
		x->w->header = 0;
	}
	airs__array_begin(x->w);
	if (n > x->m1)
		n = x->m1;
	x->rows_nested = nested;
	rows.row = manager_row;
	rows.fork = ex_fork;
	rows.drop = ex_drop;
	rows.ctx = x;
	rows.per_chunk = nested ? 16 : 128;
	if (x->m0 < n &&
	    (rc = airs__rows_write(x->w, n - x->m0, ex_threads(x), x->mem, &rows)))
		return rc;
	airs__array_end(x->w);
	return AIRS_OK;
}

static int write_constructs(struct ex *x)
{
	size_t i, nu = airs_rollup_unit_count(x->ru);
	int k, rc;

	if (x->w->csv) {
		airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
		x->w->header = 1;
		airs__record_begin(x->w);
		airs__f_str(x->w, "scope", NULL);
		airs__f_str(x->w, "unit_id", NULL);
		airs__f_str(x->w, "construct", NULL);
		construct_fields(x, &c);
		airs__record_end(x->w, 1);
		x->w->header = 0;
	}
	airs__array_begin(x->w);
	for (i = x->u0; i <= nu && x->w->sink.status == AIRS_OK; i++)
		for (k = 0; k < AIRS_CONSTRUCT_COUNT_ && selected_unit(x, i, 1); k++) {
			airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
			airs_unit_score u = AIRS_UNIT_SCORE_INIT;
			if ((rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0 ||
			    (rc = airs_rollup_construct(x->ru, unit_key(i, nu), k, &c)) != 0)
				return rc;
			airs__record_begin(x->w);
			airs__f_str(x->w, "scope", i < nu ? "unit" : "organisation");
			airs__f_str(x->w, "unit_id", u.id);
			airs__f_str(x->w, "construct", airs_construct_name(k));
			construct_fields(x, &c);
			airs__record_end(x->w, 1);
		}
	airs__array_end(x->w);
	return AIRS_OK;
}

/* What the data cover in a scope (methodology 1.1), unit NULL for the
 * organisation: one record.  A dataset without an input has null people
 * with it. */
static void coverage_record(struct ex *x, const airs_coverage *c,
                            const char *unit)
{
	uint64_t with[AIRS_INPUT_COUNT_], by[AIRS_EVIDENCE_COUNT_];
	int k;

	with[AIRS_INPUT_REQUIREMENTS] = c->with_requirements;
	with[AIRS_INPUT_ASSESSMENTS] = c->with_assessments;
	with[AIRS_INPUT_TRAINING] = c->with_training;
	with[AIRS_INPUT_RESPONSES] = c->respondents;
	with[AIRS_INPUT_USAGE] = c->with_usage;
	by[AIRS_EVIDENCE_NO_REQUIREMENTS] = c->no_requirements;
	by[AIRS_EVIDENCE_NO_SKILL_ASSESSMENT] = c->no_skill_assessment;
	by[AIRS_EVIDENCE_FEW_SKILLS] = c->few_skills_assessed;
	by[AIRS_EVIDENCE_NO_COMPONENT] = c->no_component;
	airs__record_begin(x->w);
	airs__f_str(x->w, "scope", unit ? "unit" : "organisation");
	airs__f_str(x->w, "unit_id", unit);
	airs__f_uint(x->w, "employees", c->employees);
	airs__f_uint(x->w, "scored", c->scored);
	airs__f_uint(x->w, "insufficient", c->insufficient);
	airs__group_begin(x->w, "reasons", "reason_");
	for (k = 1; k < AIRS_EVIDENCE_COUNT_; k++)
		airs__f_uint(x->w, airs_evidence_name(k), by[k]);
	airs__group_end(x->w);
	airs__group_begin(x->w, "inputs", "with_");
	for (k = 0; k < AIRS_INPUT_COUNT_; k++) {
		if (!x->w->header && !(c->inputs >> k & 1))
			airs__f_null(x->w, airs_input_name(k));
		else if (k == AIRS_INPUT_RESPONSES)
			airs__f_count(x->w, airs_input_name(k), with[k]);
		else
			airs__f_uint(x->w, airs_input_name(k), with[k]);
	}
	airs__group_end(x->w);
	airs__record_end(x->w, 1);
}

/* The coverage of the selection's scope: a JSON object, a CSV header
 * and row. */
static int write_coverage(struct ex *x)
{
	airs_coverage c = AIRS_COVERAGE_INIT;
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	int rc;

	if (!x->org && (rc = airs_rollup_unit(x->ru, x->u0, &u)) != 0)
		return rc;
	if ((rc = airs_result_coverage(x->r, x->org ? NULL : u.id, &c)) != 0)
		return rc;
	if (airs__header_pass(x->w))
		coverage_record(x, &c, NULL);
	x->w->header = 0;
	coverage_record(x, &c, x->org ? NULL : u.id);
	return AIRS_OK;
}

static int write_skill_gaps(struct ex *x)
{
	size_t i, s, ns, nu = airs_rollup_unit_count(x->ru);
	int rc;

	if (x->w->csv) {
		x->w->header = 1;
		airs__record_begin(x->w);
		airs__f_str(x->w, "scope", NULL);
		airs__f_str(x->w, "unit_id", NULL);
		airs__f_str(x->w, "skill_id", NULL);
		airs__f_uint(x->w, "count", 0);
		airs__f_num(x->w, "mean_gap", 0);
		airs__record_end(x->w, 0);
		x->w->header = 0;
	}
	airs__array_begin(x->w);
	for (i = x->u0; i <= nu && x->w->sink.status == AIRS_OK; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;

		ns = selected_unit(x, i, 1) ? unit_skills(x, i, nu) : 0;
		if (ns && (rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0)
			return rc;
		for (s = 0; s < ns; s++) {
			double gap;
			uint64_t n;
			if ((rc = airs_rollup_skill(x->ru, unit_key(i, nu), x->present[s],
			                            &gap, &n)) != 0)
				return rc;
			airs__record_begin(x->w);
			airs__f_str(x->w, "scope", i < nu ? "unit" : "organisation");
			airs__f_str(x->w, "unit_id", u.id);
			airs__f_str(x->w, "skill_id", airs_rollup_skill_id(x->ru, x->present[s]));
			airs__f_uint(x->w, "count", n);
			airs__f_num(x->w, "mean_gap", gap);
			airs__record_end(x->w, 0);
		}
	}
	airs__array_end(x->w);
	return AIRS_OK;
}

static int write_provenance(struct ex *x)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	struct airs__prov_text t;
	const char *keys[1 + AIRS__PROVENANCE_KEYS];
	const char *values[1 + AIRS__PROVENANCE_KEYS];
	size_t n;
	int rc;

	if ((rc = airs_result_provenance(x->r, &p)) != 0)
		return rc;
	keys[0] = "schema", values[0] = SCHEMA;
	n = 1 + airs__provenance_keys(&p, &t, keys + 1, values + 1);
	airs__rec_key_values(x->w, keys, values, n);
	return AIRS_OK;
}

/* The digested parameters (docs/output-format.md): `threads` and the load
 * limits change how a result is computed, never what, so they stay out
 * as they stay out of the digest, and the document is the same for any
 * thread count or limit. */
static void write_parameters(struct ex *x)
{
	char text[AIRS__NUM_MAX];
	const char *name;
	size_t i;

	airs__json_begin_object(&x->w->j, 0);
	for (i = 0; (name = airs_params_describe(i, NULL, NULL)) != NULL; i++) {
		if (!airs__params_digested(i))
			continue;
		airs__params_text(&x->r->pv, i, text);
		airs__json_key(&x->w->j, name);
		airs__json_string(&x->w->j, text);
	}
	airs__json_end_object(&x->w->j);
}

/* What a selection asked for, in the whole-result document. */
static void write_selection(struct ex *x)
{
	size_t i;

	airs__json_key(&x->w->j, "selection");
	airs__json_begin_object(&x->w->j, 0);
	airs__json_key(&x->w->j, "unit_id");
	if (x->sel->unit_id && *x->sel->unit_id)
		airs__json_string(&x->w->j, x->sel->unit_id);
	else
		airs__json_null(&x->w->j);
	if (x->sel->manager_id && *x->sel->manager_id) { /* since 1.2 */
		airs__json_key(&x->w->j, "manager_id");
		airs__json_string(&x->w->j, x->sel->manager_id);
	}
	airs__json_key(&x->w->j, "employee_ids");
	if (!x->sel->employee_ids) {
		airs__json_null(&x->w->j);
	} else {
		airs__json_begin_array(&x->w->j, 1);
		for (i = 0; i < x->sel->employee_count; i++)
			airs__json_string(&x->w->j, x->sel->employee_ids[i]);
		airs__json_end_array(&x->w->j);
	}
	airs__json_end_object(&x->w->j);
}

/* The tools table of the selection: its units, and the organisation and
 * roles unless a unit was selected. */
static int write_tools(struct ex *x)
{
	airs_tools *t;
	int rc = airs_result_tools(x->r, &t, NULL);

	if (rc)
		return rc;
	rc = airs__tools_rows(x->w, t, x->u0, x->u1, x->org);
	airs_tools_free(t);
	return rc;
}

#define ROLLUP_SCHEMA "airs-rollup-report/1"

/* A rollup knows its as-of date and parameters, not its input. */
static int write_rollup_provenance(struct ex *x)
{
	const char *keys[5], *values[5];
	char date[11];

	airs_date_format(airs_rollup_as_of(x->ru), date);
	keys[0] = "schema", values[0] = ROLLUP_SCHEMA;
	keys[1] = "library_version", values[1] = airs_version();
	keys[2] = "methodology_version", values[2] = AIRS_METHODOLOGY_VERSION;
	keys[3] = "as_of", values[3] = date;
	keys[4] = "params_digest", values[4] = airs_rollup_params_digest(x->ru);
	airs__rec_key_values(x->w, keys, values, 5);
	return AIRS_OK;
}

/* The merged rollup's document: provenance, the organisation and the
 * units, each with its constructs and skill gaps. */
static int write_rollup_all(struct ex *x)
{
	size_t nu = airs_rollup_unit_count(x->ru);
	int rc;

	airs__json_begin_object(&x->w->j, 0);
	airs__json_key(&x->w->j, "schema");
	airs__json_string(&x->w->j, ROLLUP_SCHEMA);
	airs__json_key(&x->w->j, "provenance");
	if ((rc = write_rollup_provenance(x)) != 0)
		return rc;
	airs__json_key(&x->w->j, "organisation");
	if ((rc = unit_record(x, nu, 1)) != 0)
		return rc;
	airs__json_key(&x->w->j, "units");
	if ((rc = write_units(x, 1, 0)) != 0)
		return rc;
	airs__json_end_object(&x->w->j);
	return AIRS_OK;
}

static int write_all(struct ex *x)
{
	size_t nu = airs_rollup_unit_count(x->ru);
	int rc;

	airs__json_begin_object(&x->w->j, 0);
	airs__json_key(&x->w->j, "schema");
	airs__json_string(&x->w->j, SCHEMA);
	airs__json_key(&x->w->j, "provenance");
	if ((rc = write_provenance(x)) != 0)
		return rc;
	airs__json_key(&x->w->j, "parameters");
	write_parameters(x);
	if (x->sel)
		write_selection(x);
	airs__json_key(&x->w->j, "coverage");
	if ((rc = write_coverage(x)) != 0)
		return rc;
	airs__json_key(&x->w->j, "organisation");
	if (!x->org)
		airs__json_null(&x->w->j);
	else if ((rc = unit_record(x, nu, 1)) != 0)
		return rc;
	airs__json_key(&x->w->j, "units");
	if ((rc = write_units(x, 1, 0)) != 0)
		return rc;
	airs__json_key(&x->w->j, "managers");
	if ((rc = write_managers(x, 1)) != 0)
		return rc;
	airs__json_key(&x->w->j, "tools");
	if ((rc = write_tools(x)) != 0)
		return rc;
	airs__json_key(&x->w->j, "employees");
	if ((rc = write_employees(x)) != 0)
		return rc;
	airs__json_end_object(&x->w->j);
	return AIRS_OK;
}

/* Rollup skill indexes in id order: the model's skill order is the order
 * of addition, which must not show in the output. */
static int skill_id_before(const void *ctx, uint32_t a, uint32_t b)
{
	return strcmp(airs_rollup_skill_id(ctx, a), airs_rollup_skill_id(ctx, b)) < 0;
}

/* Whether a table lists each group's skills (group_skills()). */
static int lists_skills(int table)
{
	return table == AIRS_TABLE_UNITS || table == AIRS_TABLE_SKILL_GAPS ||
	       table == AIRS_TABLE_MANAGERS || table == AIRS_TABLE_ALL;
}

/* The rollup's skills in id order into x->skills, their ranks, and the
 * lister of a unit's skills with data - for a table that lists skills:
 * ordering the cells costs a tenth of writing the employees table. */
static int sort_skills(struct ex *x, int table)
{
	const airs__mem *mem = x->mem;
	size_t i, n;

	x->ns = airs_rollup_skill_count(x->ru);
	n = (x->ns ? x->ns : 1) * sizeof *x->skills;
	x->skills = airs__malloc(mem, n);
	x->rank = airs__malloc(mem, n);
	x->present = airs__malloc(mem, n);
	x->tmp = airs__malloc(mem, n);
	if (!x->skills || !x->rank || !x->present || !x->tmp)
		return AIRS_ENOMEM;
	if (lists_skills(table) &&
	    (airs__skill_list_init(&x->sl, x->ru) ||
	     (airs__rollup_managers(x->ru) &&
	      airs__skill_list_init(&x->msl, airs__rollup_managers(x->ru)))))
		return AIRS_ENOMEM;
	for (i = 0; i < x->ns; i++)
		x->skills[i] = (uint32_t)i;
	airs__sort(x->skills, x->tmp, x->ns, skill_id_before, x->ru);
	for (i = 0; i < x->ns; i++)
		x->rank[x->skills[i]] = (uint32_t)i;
	return AIRS_OK;
}

/* The managers of a manager_id selection: that manager and their line. */
static int select_manager(struct ex *x, const char *id, airs_diag *diag)
{
	airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
	char b[80];

	if (airs_rollup_find_manager(x->ru, id, &x->m0) != AIRS_OK ||
	    airs_rollup_manager(x->ru, x->m0, &mi) != AIRS_OK) {
		airs__quote(b, sizeof b, id, strlen(id));
		return airs__diag_fail(diag, AIRS_ENOTFOUND, "manager_id: \"%s\" "
		                       "is not a manager of the result (nobody "
		                       "reports to them)", b);
	}
	x->m1 = mi.line_end;
	return AIRS_OK;
}

/* The rows of the selection o (NULL: all) into x; the message of an
 * unknown id into diag. */
static int select_rows(struct ex *x, const airs_export_options *o,
                       airs_diag *diag)
{
	const airs_result *r = x->r;
	size_t nu = airs_rollup_unit_count(x->ru), i, k;
	char b[80];

	x->u0 = 0;
	x->u1 = nu;
	x->org = 1;
	x->keep = NULL;
	x->sel = NULL;
	if (o && o->manager_id && *o->manager_id) {
		if (select_manager(x, o->manager_id, diag))
			return AIRS_ENOTFOUND;
		x->sel = o;
	}
	if (!o || (!(o->unit_id && *o->unit_id) && !o->employee_ids))
		return AIRS_OK;
	x->sel = o;
	if (o->unit_id && *o->unit_id) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT, v = AIRS_UNIT_SCORE_INIT;

		if (airs_rollup_find_unit(x->ru, o->unit_id, &x->u0) != AIRS_OK) {
			airs__quote(b, sizeof b, o->unit_id, strlen(o->unit_id));
			return airs__diag_fail(diag, AIRS_ENOTFOUND, "unit_id: \"%s\" "
			                       "is not a unit of the result", b);
		}
		airs_rollup_unit(x->ru, x->u0, &u);
		for (x->u1 = x->u0 + 1; x->u1 < nu; x->u1++)
			if (airs_rollup_unit(x->ru, x->u1, &v) != AIRS_OK ||
			    v.depth <= u.depth)
				break;
		x->org = 0;
	}
	if (!(x->keep = airs__calloc(&r->mem, r->n ? r->n : 1, 1)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	for (k = 0; o->employee_ids && k < o->employee_count; k++) {
		const char *id = o->employee_ids[k];
		if (!id || airs_result_find_employee(r, id, &i) != AIRS_OK) {
			airs__quote(b, sizeof b, id ? id : "", id ? strlen(id) : 0);
			return airs__diag_fail(diag, AIRS_ENOTFOUND, "employee_ids[%zu]: "
			                       "\"%s\" is not an employee of the "
			                       "result", k, b);
		}
		x->keep[i] = 1;
	}
	for (i = 0; i < r->n; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		size_t t;

		if (o->employee_ids && !x->keep[i])
			continue;
		x->keep[i] = !x->org
		        ? airs_result_employee(r, i, &e) == AIRS_OK &&
		          airs_rollup_find_unit(x->ru, e.unit_id, &t) == AIRS_OK &&
		          t >= x->u0 && t < x->u1
		        : 1;
	}
	return AIRS_OK;
}

int airs_result_write(const airs_result *r, int table, int output,
                      airs_write_fn write, void *user, airs_diag *diag)
{
	return airs_result_write_v2(r, table, output, NULL, write, user, diag);
}

static int write_table(struct ex *x, int table, airs_diag *diag);

int airs_result_write_v2(const airs_result *r, int table, int output,
                         const airs_export_options *opts, airs_write_fn write,
                         void *user, airs_diag *diag)
{
	airs_export_options o;
	struct ex *x;
	int rc;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !write)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "result and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output syntax");
	if (table < 0 || table > AIRS_TABLE_MANAGERS)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown table");
	if (table == AIRS_TABLE_ALL && output == AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL,
		            "the whole result is a JSON document: write its tables "
		            "as CSV one at a time");
	if (opts && AIRS__IN(EXPORT_OPTIONS, &o, opts))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(opts, sizeof o, AIRS__FIRST(EXPORT_OPTIONS)));
	if (opts && o.employee_count && !o.employee_ids)
		return airs__diag_fail(diag, AIRS_EINVAL, "options: employee_ids "
		                       "is NULL but employee_count is %zu",
		                       o.employee_count);
	/* about 5 KB, mostly the output buffer: kept off the caller's stack */
	x = airs__malloc(&r->mem, sizeof *x);
	if (!x)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	memset(x, 0, sizeof *x);
	x->r = r;
	x->ru = r->rollup;
	x->mem = &r->mem;
	x->m1 = SIZE_MAX; /* the rest is zero: no skills, lists, managers */
	x->w = &x->rec;
	airs__rec_init(x->w, output == AIRS_OUTPUT_CSV, write, user);
	rc = select_rows(x, opts ? &o : NULL, diag);
	if (rc) {
		airs__free(&r->mem, x->keep);
		airs__free(&r->mem, x);
		return rc;
	}
	return write_table(x, table, diag);
}

/* Write table with x (selection made), free x and what it holds. */
static int write_table(struct ex *x, int table, airs_diag *diag)
{
	const airs__mem *mem = x->mem;
	int rc = sort_skills(x, table), e;

	for (e = 0; e < AIRS_ADKAR_COUNT_; e++) { /* once, not per unit */
		snprintf(x->adkar_ci[e], sizeof x->adkar_ci[e], "%s_ci",
		         airs_adkar_name(e));
		snprintf(x->adkar_src[e], sizeof x->adkar_src[e], "%s_source",
		         airs_adkar_name(e));
	}
	if (!rc) {
		switch (table) {
		case AIRS_TABLE_EMPLOYEES: rc = write_employees(x); break;
		case AIRS_TABLE_UNITS: rc = write_units(x, 0, 1); break;
		case AIRS_TABLE_CONSTRUCTS: rc = write_constructs(x); break;
		case AIRS_TABLE_SKILL_GAPS: rc = write_skill_gaps(x); break;
		case AIRS_TABLE_PROVENANCE:
			rc = x->r ? write_provenance(x) : write_rollup_provenance(x);
			break;
		case AIRS_TABLE_COVERAGE: rc = write_coverage(x); break;
		case AIRS_TABLE_TOOLS: rc = write_tools(x); break;
		case AIRS_TABLE_MANAGERS: rc = write_managers(x, !x->w->csv); break;
		default: rc = x->r ? write_all(x) : write_rollup_all(x); break;
		}
	}
	if (!rc && !x->w->csv)
		airs__json_finish(&x->w->j);
	if (!rc || x->w->sink.status)
		rc = airs__sink_finish(&x->w->sink) ? AIRS_EIO : rc;
	airs__free(mem, x->skills);
	airs__free(mem, x->rank);
	airs__free(mem, x->present);
	airs__free(mem, x->tmp);
	airs__skill_list_free(&x->sl);
	airs__skill_list_free(&x->msl);
	airs__free(mem, x->keep);
	airs__free(mem, x);
	if (rc == AIRS_EIO)
		return airs__diag_fail(diag, rc, "the writer failed");
	if (rc == AIRS_ENOMEM)
		return airs__diag_fail(diag, rc, "out of memory");
	if (rc)
		return airs__diag_fail(diag, rc, "could not read the result");
	return AIRS_OK;
}

int airs_rollup_export(const airs_rollup *ru, int table, int output,
                       airs_write_fn write, void *user, airs_diag *diag)
{
	struct ex *x;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!ru || !write)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "rollup and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output syntax");
	if (table != AIRS_TABLE_UNITS && table != AIRS_TABLE_CONSTRUCTS &&
	    table != AIRS_TABLE_SKILL_GAPS && table != AIRS_TABLE_PROVENANCE &&
	    table != AIRS_TABLE_ALL)
		return airs__diag_fail(diag, AIRS_EINVAL, "a rollup has the "
		                       "units, constructs, skill_gaps and "
		                       "provenance tables (and all, in JSON); "
		                       "the others need the result");
	if (table == AIRS_TABLE_ALL && output == AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL,
		            "the whole rollup is a JSON document: write its tables "
		            "as CSV one at a time");
	if (!airs__rollup_ready(ru))
		return airs__diag_fail(diag, AIRS_ESTATE, "the rollup is not "
		                       "finished: call airs_rollup_finish() after "
		                       "the last merge");
	x = airs__malloc(airs__rollup_mem(ru), sizeof *x);
	if (!x)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	memset(x, 0, sizeof *x);
	x->ru = ru;
	x->mem = airs__rollup_mem(ru);
	x->m1 = SIZE_MAX;
	x->u1 = airs_rollup_unit_count(ru);
	x->org = 1;
	x->w = &x->rec;
	airs__rec_init(x->w, output == AIRS_OUTPUT_CSV, write, user);
	return write_table(x, table, diag);
}
