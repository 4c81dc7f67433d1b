/*
 * drivers-run.c - the driver analysis of a result (airs/drivers.h;
 * methodology 10.5): each person's drivers and outcome, the groups
 * (unit subtrees and the organisation) that may be published, their
 * analyses, and the readers.
 */
#include <math.h>
#include <string.h>

#include "abi.h"
#include "airs/export.h"
#include "drivers-impl.h"
#include "error.h"
#include "score-employee.h"
#include "score.h"

#define ND AIRS_DRIVER_COUNT_
#define NV (ND + 1) /* the drivers, then the outcome */
#define DEFAULT_REPS 1000
#define DEFAULT_MIN_N 30
#define MAX_REPS 100000

/* The workspace of one analysis, freed whatever happens. */
typedef struct run {
	const airs_result *r;
	airs_drivers *d;
	airs_drivers_options o;
	size_t n, rows;          /* people; people with complete data */
	double *v;               /* n * NV values */
	uint32_t *pos;           /* n: the person's unit's tree position */
	double *x, *y;           /* rows * k, rows: in tree order */
	size_t *off;             /* nu + 2: rows before each position */
	uint32_t *parent, *end, *up, *pick;  /* nu + 1 each */
	uint64_t *n_of, *cls;    /* nu + 1 each */
	unsigned char *vis;      /* nu + 1 */
} run;

static int check_options(const airs_drivers_options *in,
                         airs_drivers_options *o, airs_diag *diag)
{
	if (AIRS__IN(DRIVERS_OPTIONS, o, in))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(in, sizeof *o,
		                                        AIRS__FIRST(DRIVERS_OPTIONS)));
	if (o->outcome < 0 || o->outcome >= AIRS_OUTCOME_COUNT_)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "outcome %d is not one of 0 (adoption) .. 3 "
		                       "(usefulness)", o->outcome);
	if (o->reps > MAX_REPS)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "reps %u is more than %d resamples; ask "
		                       "for fewer", o->reps, MAX_REPS);
	if (o->threads < 0 || o->threads > 256)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "threads %d is outside 0 .. 256", o->threads);
	if (!o->reps)
		o->reps = DEFAULT_REPS;
	if (!o->min_n)
		o->min_n = DEFAULT_MIN_N;
	return AIRS_OK;
}

/* The outcome's value among a person's construct scores and components;
 * and the construct an outcome or driver reads (-1: none). */
static int outcome_construct(int outcome)
{
	static const int c[] = { -1, AIRS_CONSTRUCT_TIME_SAVED,
	                         AIRS_CONSTRUCT_RECOMMEND,
	                         AIRS_CONSTRUCT_USEFULNESS };
	return c[outcome];
}

static int driver_construct(int driver)
{
	return driver < AIRS_DRIVER_SKILL ? driver : -1;
}

/* Each person's values and unit position. */
static int person_values(run *w)
{
	const airs_result *r = w->r;
	const airs_model *m = r->model;
	airs__score_ctx c;
	double cs[AIRS_CONSTRUCT_COUNT_];
	int rc = AIRS_OK;

	if (airs__score_ctx_init(&c, m, &r->pv, r->as_of, &w->d->mem))
		return AIRS_ENOMEM;
	for (size_t i = 0; !rc && i < w->n; i++) {
		const airs__score *s = &r->s[i];
		double *v = w->v + i * NV;
		size_t pos = 0;
		rc = airs__score_constructs(&c, &w->d->mem, s->emp, cs);
		if (rc)
			break;
		for (int j = 0; j < AIRS_DRIVER_SKILL; j++)
			v[j] = cs[j];
		v[AIRS_DRIVER_SKILL] = s->component[AIRS_COMPONENT_SKILL];
		v[AIRS_DRIVER_TRAINING] = s->component[AIRS_COMPONENT_TRAINING];
		v[ND] = w->o.outcome == AIRS_OUTCOME_ADOPTION
		        ? s->component[AIRS_COMPONENT_ADOPTION]
		        : cs[outcome_construct(w->o.outcome)];
		airs_rollup_find_unit(r->rollup,
		                      m->unit_ids.str[m->emps.v[s->emp].unit], &pos);
		w->pos[i] = (uint32_t)pos;
	}
	airs__score_ctx_free(&c, &w->d->mem);
	return rc;
}

/* The drivers of the model: every one somebody has, but the outcome. */
static void choose_drivers(run *w)
{
	airs_drivers *d = w->d;
	int own = outcome_construct(w->o.outcome);

	d->k = 0;
	for (int j = 0; j < ND; j++) {
		int present = 0;
		if (driver_construct(j) >= 0 && driver_construct(j) == own)
			continue;
		for (size_t i = 0; !present && i < w->n; i++)
			present = !isnan(w->v[i * NV + j]);
		if (present)
			d->driver[d->k++] = j;
	}
}

/* The people with complete data, as rows in tree order of their units
 * (result order within a unit): a counting sort by position. */
static void make_rows(run *w)
{
	const airs_drivers *d = w->d;
	size_t nu = d->nu;

	memset(w->off, 0, (nu + 2) * sizeof *w->off);
	for (size_t i = 0; i < w->n; i++) {
		const double *v = w->v + i * NV;
		int complete = !isnan(v[ND]);
		for (size_t j = 0; complete && j < d->k; j++)
			complete = !isnan(v[d->driver[j]]);
		if (!complete)
			w->pos[i] = AIRS__NONE;
		else
			w->off[w->pos[i] + 2]++;
	}
	for (size_t p = 2; p < nu + 2; p++)
		w->off[p] += w->off[p - 1];
	/* off[p + 1] is now the next free row of position p */
	for (size_t i = 0; i < w->n; i++) {
		const double *v = w->v + i * NV;
		size_t row;
		if (w->pos[i] == AIRS__NONE)
			continue;
		row = w->off[w->pos[i] + 1]++;
		for (size_t j = 0; j < d->k; j++)
			w->x[row * d->k + j] = v[d->driver[j]];
		w->y[row] = v[ND];
	}
	w->rows = w->off[nu];
}

/* Parents (nu for roots) and subtree ends [g, end[g]) in tree order. */
static void tree_shape(run *w)
{
	size_t nu = w->d->nu;

	for (size_t g = 0; g < nu; g++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		size_t p = nu;
		airs_rollup_unit(w->r->rollup, g, &u);
		if (u.parent_id)
			airs_rollup_find_unit(w->r->rollup, u.parent_id, &p);
		w->parent[g] = (uint32_t)p;
		w->end[g] = (uint32_t)g + 1;
	}
	for (size_t g = nu; g-- > 0;)
		if (w->parent[g] < nu && w->end[w->parent[g]] < w->end[g])
			w->end[w->parent[g]] = w->end[g];
}

/* Whether every construct the analysis reads is shown for group g. */
static int constructs_shown(const run *w, size_t g)
{
	const airs_drivers *d = w->d;
	size_t unit = g == d->nu ? AIRS_ROLLUP_ORG : g;
	int own = outcome_construct(d->outcome);

	for (size_t j = 0; j <= d->k; j++) {
		int c = j < d->k ? driver_construct(d->driver[j]) : own;
		airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
		if (c < 0)
			continue;
		airs_rollup_construct(w->r->rollup, unit, c, &cs);
		if (cs.respondents == AIRS_SUPPRESSED)
			return 0;
	}
	return 1;
}

/* Each group's people, status and whether it may be shown; then the
 * complementary rule over the sizes. */
static void decide_groups(run *w)
{
	airs_drivers *d = w->d;

	for (size_t g = 0; g <= d->nu; g++) {
		size_t lo = g == d->nu ? 0 : w->off[g];
		size_t hi = g == d->nu ? w->rows : w->off[w->end[g]];
		w->n_of[g] = hi - lo;
		d->g[g].status = !constructs_shown(w, g) ? AIRS_DRIVERS_HIDDEN
		                 : w->n_of[g] < d->min_n ? AIRS_DRIVERS_TOO_FEW
		                 : AIRS_DRIVERS_ANALYSED;
		w->vis[g] = d->g[g].status == AIRS_DRIVERS_ANALYSED;
	}
	airs__drivers_hide(d->nu, w->parent, w->n_of, w->r->pv.min_group,
	                   w->vis, w->up, w->pick, w->cls);
	for (size_t g = 0; g <= d->nu; g++)
		if (d->g[g].status == AIRS_DRIVERS_ANALYSED && !w->vis[g])
			d->g[g].status = AIRS_DRIVERS_HIDDEN;
}

/* An analysed group already fitted on exactly group g's rows, or
 * NULL: g's first child when g has no people of its own with complete
 * data (tree order), or for the organisation a root holding everyone.
 * The rows, the seed and so every bit of the analysis are the same. */
static const airs__dgroup *same_rows(const run *w, size_t g)
{
	const airs_drivers *d = w->d;
	size_t lo = g == d->nu ? 0 : w->off[g];
	size_t hi = g == d->nu ? w->rows : w->off[w->end[g]];

	/* a unit's first child is the next in tree order; the
	 * organisation's children are the roots */
	for (size_t c = g == d->nu ? 0 : g + 1; c < d->nu; c++) {
		if (w->parent[c] == g && w->off[c] == lo &&
		    w->off[w->end[c]] == hi &&
		    d->g[c].status == AIRS_DRIVERS_ANALYSED)
			return &d->g[c];
		if (g != d->nu)
			break;
	}
	return NULL;
}

/* Fit and bootstrap every shown group, children before their parents so
 * that a parent whose rows are a child's takes the child's analysis. */
static int analyse(run *w)
{
	airs_drivers *d = w->d;
	size_t threads = w->o.threads > 0 ? (size_t)w->o.threads : 0;

	for (size_t i = 0; i <= d->nu; i++) {
		size_t g = i < d->nu ? d->nu - 1 - i : d->nu;
		airs__dgroup *a = &d->g[g];
		const airs__dgroup *same;
		size_t lo = g == d->nu ? 0 : w->off[g];
		const double *x = w->x + lo * d->k, *y = w->y + lo;
		if (a->status != AIRS_DRIVERS_ANALYSED)
			continue;
		a->n = w->n_of[g];
		if ((same = same_rows(w, g)) != NULL) {
			a->fit = same->fit;
			memcpy(a->ci, same->ci, sizeof a->ci);
			continue;
		}
		airs__drivers_fit_sample(a->n, d->k, x, y, NULL, NULL, &a->fit);
		if (airs__drivers_boot(&d->mem, a->n, d->k, x, y, d->reps,
		                       d->seed, threads, a->ci))
			return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

static void run_free(run *w)
{
	const airs__mem *mem = &w->d->mem;

	airs__free(mem, w->v), airs__free(mem, w->pos);
	airs__free(mem, w->x), airs__free(mem, w->y), airs__free(mem, w->off);
	airs__free(mem, w->parent), airs__free(mem, w->end);
	airs__free(mem, w->up), airs__free(mem, w->pick);
	airs__free(mem, w->n_of), airs__free(mem, w->cls);
	airs__free(mem, w->vis);
}

static int run_alloc(run *w)
{
	const airs__mem *mem = &w->d->mem;
	size_t n = w->n ? w->n : 1, g = w->d->nu + 1;

	w->v = airs__calloc(mem, n, NV * sizeof *w->v);
	w->pos = airs__calloc(mem, n, sizeof *w->pos);
	w->x = airs__calloc(mem, n, ND * sizeof *w->x);
	w->y = airs__calloc(mem, n, sizeof *w->y);
	w->off = airs__calloc(mem, g + 1, sizeof *w->off);
	w->parent = airs__calloc(mem, g, sizeof *w->parent);
	w->end = airs__calloc(mem, g, sizeof *w->end);
	w->up = airs__calloc(mem, g, sizeof *w->up);
	w->pick = airs__calloc(mem, g, sizeof *w->pick);
	w->n_of = airs__calloc(mem, g, sizeof *w->n_of);
	w->cls = airs__calloc(mem, g, sizeof *w->cls);
	w->vis = airs__calloc(mem, g, sizeof *w->vis);
	w->d->g = airs__calloc(mem, g, sizeof *w->d->g);
	w->d->focus = airs__calloc(mem, g, sizeof *w->d->focus);
	return w->v && w->pos && w->x && w->y && w->off && w->parent &&
	       w->end && w->up && w->pick && w->n_of && w->cls && w->vis &&
	       w->d->g && w->d->focus ? AIRS_OK : AIRS_ENOMEM;
}

/* The units' ids, copied so that the analysis may outlive the result:
 * the pointers, then the strings, in one block. */
static int copy_ids(airs_drivers *d, const airs_rollup *ru)
{
	size_t bytes = d->nu * sizeof(char *), at;

	for (size_t g = 0; g < d->nu; g++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		airs_rollup_unit(ru, g, &u);
		bytes += strlen(u.id) + 1;
	}
	if (!(d->uid = airs__malloc(&d->mem, bytes)))
		return AIRS_ENOMEM;
	at = d->nu * sizeof(char *);
	for (size_t g = 0; g < d->nu; g++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		size_t len;
		airs_rollup_unit(ru, g, &u);
		len = strlen(u.id) + 1;
		d->uid[g] = (char *)d->uid + at;
		memcpy(d->uid[g], u.id, len);
		at += len;
	}
	return AIRS_OK;
}

/* The analysis proper, on an allocated workspace. */
static int compute(run *w)
{
	airs_drivers *d = w->d;
	int rc = person_values(w);

	if (rc)
		return rc;
	choose_drivers(w);
	/* at least 5 people per estimated parameter (k weights and R^2) */
	if (d->min_n < 5 * (uint64_t)(d->k + 1))
		d->min_n = 5 * (uint64_t)(d->k + 1);
	make_rows(w);
	tree_shape(w);
	decide_groups(w);
	if (d->k == 0)
		for (size_t g = 0; g <= d->nu; g++)
			d->g[g].status = AIRS_DRIVERS_TOO_FEW;
	if ((rc = analyse(w)))
		return rc;
	airs__drivers_focus_all(d, w->r->rollup, w->parent);
	return AIRS_OK;
}

int airs_drivers_new(const airs_result *r, const airs_drivers_options *opts,
                     airs_drivers **out, airs_diag *diag)
{
	run w;
	int rc;

	memset(&w, 0, sizeof w);
	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !out)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "result and out must not be NULL");
	if ((rc = check_options(opts, &w.o, diag)))
		return rc;
	if (!(w.d = airs__calloc(&r->mem, 1, sizeof *w.d)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	w.r = r, w.n = r->n;
	w.d->mem = r->mem;
	w.d->outcome = w.o.outcome, w.d->reps = w.o.reps;
	w.d->seed = w.o.seed, w.d->min_n = w.o.min_n;
	w.d->nu = airs_rollup_unit_count(r->rollup);
	w.d->min_group = r->pv.min_group;
	rc = run_alloc(&w);
	if (!rc)
		rc = copy_ids(w.d, r->rollup);
	w.d->prov = (airs_provenance)AIRS_PROVENANCE_INIT;
	if (!rc)
		rc = airs_result_provenance(r, &w.d->prov);
	if (!rc)
		rc = compute(&w);
	run_free(&w);
	if (rc) {
		airs_drivers_free(w.d);
		return airs__diag_fail(diag, rc, "out of memory");
	}
	*out = w.d;
	return AIRS_OK;
}

void airs_drivers_free(airs_drivers *d)
{
	airs__mem mem;

	if (!d)
		return;
	mem = d->mem;

	airs__free(&mem, d->g);
	airs__free(&mem, d->focus);
	airs__free(&mem, d->uid);
	airs__free(&mem, d);
}

int airs_drivers_outcome(const airs_drivers *d)
{
	return d ? d->outcome : -1;
}

size_t airs_drivers_count(const airs_drivers *d)
{
	return d ? d->k : 0;
}

/* The group of a unit index or AIRS_ROLLUP_ORG; NULL when out of range. */
static const airs__dgroup *group_of(const airs_drivers *d, size_t unit)
{
	if (unit == AIRS_ROLLUP_ORG)
		return &d->g[d->nu];
	return unit < d->nu ? &d->g[unit] : NULL;
}

void airs__drivers_group(const airs_drivers *d, size_t g,
                         airs_drivers_group *out)
{
	airs_drivers_group v;
	const airs__dgroup *a = &d->g[g];

	/* zeroed whole, padding too: the caller gets no indeterminate byte */
	memset(&v, 0, sizeof v);
	v.size = sizeof v;

	v.unit_id = g < d->nu ? d->uid[g] : NULL;
	v.status = a->status;
	v.min_n = d->min_n, v.reps = d->reps, v.seed = d->seed;
	v.n = AIRS_SUPPRESSED;
	v.r2 = v.r2_ci.low = v.r2_ci.high = NAN;
	if (a->status == AIRS_DRIVERS_ANALYSED) {
		v.n = a->n, v.r2 = a->fit.r2;
		v.r2_ci.low = a->ci[0], v.r2_ci.high = a->ci[1];
	}
	memcpy(out, &v, sizeof v); /* padding included */
}

int airs_drivers_unit(const airs_drivers *d, size_t unit,
                      airs_drivers_group *out)
{
	airs_drivers_group v = AIRS_DRIVERS_GROUP_INIT;

	if (!d || airs__struct_out_check(out, sizeof v,
	                                    AIRS__FIRST(DRIVERS_GROUP)))
		return AIRS_EINVAL;
	if (!group_of(d, unit))
		return AIRS_ERANGE;
	airs__drivers_group(d, unit == AIRS_ROLLUP_ORG ? d->nu : unit, &v);
	airs__struct_out(out, &v, sizeof v);
	return AIRS_OK;
}

/* 1 + the drivers with a larger raw weight, or an equal one earlier. */
static int rank_of(const airs_drivers *d, const airs__dgroup *a, size_t j)
{
	int rank = 1;

	for (size_t i = 0; i < d->k; i++)
		if (a->fit.raw[i] > a->fit.raw[j] ||
		    (a->fit.raw[i] == a->fit.raw[j] && i < j))
			rank++;
	return rank;
}

void airs__drivers_weight(const airs_drivers *d, size_t g, size_t j,
                          airs_driver_weight *out)
{
	airs_driver_weight v;
	const airs__dgroup *a = &d->g[g];

	memset(&v, 0, sizeof v);
	v.size = sizeof v;

	v.driver = d->driver[j];
	v.raw = v.raw_ci.low = v.raw_ci.high = v.rescaled = NAN;
	v.lmg = v.lmg_ci.low = v.lmg_ci.high = NAN;
	if (a->status == AIRS_DRIVERS_ANALYSED) {
		const double *ci = a->ci + 2;
		v.raw = a->fit.raw[j], v.lmg = a->fit.lmg[j];
		v.raw_ci.low = ci[2 * j], v.raw_ci.high = ci[2 * j + 1];
		ci += 2 * d->k;
		v.lmg_ci.low = ci[2 * j], v.lmg_ci.high = ci[2 * j + 1];
		v.rescaled = a->fit.r2 > 0 ? v.raw / a->fit.r2 : NAN;
		v.sign = (a->fit.beta[j] > 0) - (a->fit.beta[j] < 0);
		v.rank = rank_of(d, a, j);
	}
	memcpy(out, &v, sizeof v); /* padding included */
}

int airs_drivers_weight(const airs_drivers *d, size_t unit, size_t j,
                        airs_driver_weight *out)
{
	airs_driver_weight v = AIRS_DRIVER_WEIGHT_INIT;

	if (!d || airs__struct_out_check(out, sizeof v,
	                                    AIRS__FIRST(DRIVER_WEIGHT)))
		return AIRS_EINVAL;
	if (!group_of(d, unit) || j >= d->k)
		return AIRS_ERANGE;
	airs__drivers_weight(d, unit == AIRS_ROLLUP_ORG ? d->nu : unit, j, &v);
	airs__struct_out(out, &v, sizeof v);
	return AIRS_OK;
}

int airs_drivers_focus_count(const airs_drivers *d, size_t unit,
                             size_t *count, int *status)
{
	const airs__dfocus *f;

	if (!d)
		return AIRS_EINVAL;
	if (!group_of(d, unit))
		return AIRS_ERANGE;
	f = &d->focus[unit == AIRS_ROLLUP_ORG ? d->nu : unit];
	if (count)
		*count = f->n;
	if (status)
		*status = f->status;
	return AIRS_OK;
}

int airs_drivers_focus(const airs_drivers *d, size_t unit, size_t i,
                       airs_focus_area *out)
{
	const airs__dfocus *f;

	if (!d || airs__struct_out_check(out, sizeof *out, sizeof *out))
		return AIRS_EINVAL;
	if (!group_of(d, unit))
		return AIRS_ERANGE;
	f = &d->focus[unit == AIRS_ROLLUP_ORG ? d->nu : unit];
	if (i >= f->n)
		return AIRS_ERANGE;
	airs__struct_out(out, &f->a[i], sizeof f->a[i]);
	return AIRS_OK;
}
