/*
 * score.c - scoring a model (methodology section 3, one employee at a
 * time in score-employee.c) and the result that holds it: its names,
 * accessors and explanations.
 *
 * Thread independence: employees are scored in contiguous chunks, one per
 * thread, each with its own scratch and rollup shard; the shards' integer
 * accumulators are absorbed in chunk order and the rollup is finalised
 * once, so any thread count gives bit-for-bit the same result.
 */
#include "score.h"

#include "abi.h"

#include <math.h>
#include <string.h>

#include "asof.h"
#include "parallel.h"
#include "rollup.h"
#include "score-employee.h"
#include "sort.h"

#define NC AIRS_CONSTRUCT_COUNT_

/* ------------------------------------------------------------------------
 * The result
 * ---------------------------------------------------------------------- */

/* The arrays of a result that airs__kept can hold. */
static void free_kept_arrays(const airs__mem *mem, double *construct,
                             uint64_t *short_n, uint32_t *cohort,
                             double *sums, double *fit, size_t *fit_at)
{
	airs__free(mem, short_n);
	airs__free(mem, cohort);
	airs__free(mem, construct);
	airs__free(mem, sums);
	airs__free(mem, fit);
	airs__free(mem, fit_at);
}

int airs__result_share(airs_result *r)
{
	airs__kept *k = airs__malloc(&r->mem, sizeof *k);

	if (!k)
		return AIRS_ENOMEM;
	atomic_init(&k->refs, 1);
	k->construct = r->construct;
	k->short_n = r->short_n;
	k->cohort = r->cohort;
	k->keep_sums = r->keep_sums;
	k->keep_fit = r->keep_fit;
	k->keep_fit_at = r->keep_fit_at;
	r->kept = k;
	return AIRS_OK;
}

void airs__result_share_from(airs_result *r, const airs_result *prev)
{
	airs__kept *k = prev->kept;

	/* relaxed: the arrays were published to this thread with prev */
	atomic_fetch_add_explicit(&k->refs, 1, memory_order_relaxed);
	r->kept = k;
	r->construct = k->construct;
	r->short_n = k->short_n;
	r->cohort = k->cohort;
	r->ncohort = prev->ncohort;
	r->keep_sums = k->keep_sums;
	r->keep_fit = k->keep_fit;
	r->keep_fit_at = k->keep_fit_at;
}

/* Drop r's reference to its shared arrays, freeing them with the last. */
static void release_kept(const airs__mem *mem, airs__kept *k)
{
	if (atomic_fetch_sub_explicit(&k->refs, 1, memory_order_acq_rel) != 1)
		return;
	free_kept_arrays(mem, k->construct, k->short_n, k->cohort,
	                 k->keep_sums, k->keep_fit, k->keep_fit_at);
	airs__free(mem, k);
}

void airs_result_free(airs_result *r)
{
	airs__mem mem;

	if (!r)
		return;
	mem = r->mem;
	airs_rollup_free(r->rollup);
	airs__free(&mem, r->s);
	if (r->kept)
		release_kept(&mem, r->kept);
	else
		free_kept_arrays(&mem, r->construct, r->short_n, r->cohort,
		                 r->keep_sums, r->keep_fit, r->keep_fit_at);
	airs__model_release((airs_model *)(uintptr_t)r->model);
	airs__free(&mem, r);
}

/* One thread's share of a scoring run: employees lo .. hi - 1 in result
 * order, into r->s and its own rollup. */
struct job {
	const airs__score_ctx *c;
	airs_result *r;
	airs_rollup *rollup;
	const uint32_t *order;
	airs__progress *progress;
	uint64_t *short_n;        /* per model skill */
	size_t lo, hi;
	int rc;
};

static void run_job(void *jobs, size_t t)
{
	struct job *j = (struct job *)jobs + t;

	airs__score_keep keep;

	keep.sums = j->r->keep_sums;
	keep.fit = j->r->keep_fit;
	keep.fit_at = j->r->keep_fit_at;
	j->rc = airs__score_run(j->c, &j->r->mem, j->order, j->lo, j->hi,
	                        j->r->s, j->r->construct, j->rollup, j->progress,
	                        j->short_n, &keep);
}

/* The shards of jobs[1 ..] given the units only their employees reach,
 * to add in r's rollup in place (rollup-claim.c): the absorb then holds
 * no unit twice. */
static int claim(const struct job *jobs, size_t nt, const uint32_t *order,
                 const airs_result *r)
{
	airs_rollup **part = airs__malloc(&r->mem, nt * sizeof *part);
	size_t t;
	int rc;

	if (!part)
		return AIRS_ENOMEM;
	for (t = 0; t < nt; t++)
		part[t] = jobs[t].rollup;
	rc = airs__rollup_claim(part, nt, r->model, order, r->n);
	airs__free(&r->mem, part);
	return rc;
}

/* Score every employee into r->s and r->rollup (not yet finalised) on
 * nt threads. */
static int score_all(const airs__score_ctx *c, airs_result *r,
                     const uint32_t *order, size_t nt, airs__progress *p)
{
	size_t t, ns = r->model->skills.n, k;
	struct job one, *jobs = &one;
	uint64_t *shorts = NULL;  /* threads 1 .. nt - 1: ns each */
	int rc = AIRS_OK;

	if (nt > 1) {
		jobs = airs__calloc(&r->mem, nt, sizeof *jobs);
		shorts = airs__calloc(&r->mem, (nt - 1) * ns + 1, sizeof *shorts);
		if (!jobs || !shorts) {
			airs__free(&r->mem, jobs);
			airs__free(&r->mem, shorts);
			return AIRS_ENOMEM;
		}
	} else {
		memset(&one, 0, sizeof one);
	}
	for (t = 0; t < nt; t++) {
		jobs[t].c = c;
		jobs[t].r = r;
		jobs[t].order = order;
		jobs[t].progress = p;
		jobs[t].short_n = t ? shorts + (t - 1) * ns : r->short_n;
		jobs[t].lo = r->n * t / nt;
		jobs[t].hi = r->n * (t + 1) / nt;
		if (!t)
			jobs[t].rollup = r->rollup;
		else if ((rc = airs__rollup_new_shard(&jobs[t].rollup, r->rollup)))
			break;
	}
	if (!rc && nt > 1)
		rc = claim(jobs, nt, order, r);
	if (!rc) {
		airs__parallel_for(nt, nt, run_job, jobs);
		/* a failure before a cancellation: the one that matters */
		for (t = 0; t < nt && (!rc || rc == AIRS_ECANCELED); t++)
			if (jobs[t].rc && rc != AIRS_ENOMEM)
				rc = jobs[t].rc;
		/* absorb in chunk order (integer sums: any order would do) */
		for (t = 1; t < nt && !rc; t++) {
			rc = airs__rollup_absorb_on(r->rollup, jobs[t].rollup, nt);
			for (k = 0; k < ns; k++)
				r->short_n[k] += jobs[t].short_n[k];
		}
	}
	airs__free(&r->mem, shorts);
	for (t = 1; t < nt; t++)
		airs_rollup_free(jobs[t].rollup);
	if (jobs != &one)
		airs__free(&r->mem, jobs);
	return rc;
}

int airs_score(const airs_model *m, const airs_params *p, airs_result **out,
               airs_diag *diag)
{
	return airs_score_v2(m, p, NULL, out, diag);
}

/* Cohorts: courses by employees short of the skill they teach, most
 * first, then by course id (methodology 8.6). */
static int cohort_before(const void *ctx, uint32_t a, uint32_t b)
{
	const airs_result *r = ctx;
	const airs_model *m = r->model;
	uint64_t na = r->short_n[m->courses.v[a].skill];
	uint64_t nb = r->short_n[m->courses.v[b].skill];

	if (na != nb)
		return na > nb;
	return m->sorted[AIRS__S_COURSE].rank[a] < m->sorted[AIRS__S_COURSE].rank[b];
}

static int make_cohorts(airs_result *r)
{
	const airs_model *m = r->model;
	uint32_t *tmp;
	size_t i, n = 0;

	r->cohort = airs__malloc(&r->mem, (m->courses.n + 1) * sizeof *r->cohort);
	tmp = airs__malloc(&r->mem, (m->courses.n + 1) * sizeof *tmp);
	if (!r->cohort || !tmp) {
		airs__free(&r->mem, tmp);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < m->courses.n; i++)
		if (r->short_n[m->courses.v[i].skill])
			r->cohort[n++] = (uint32_t)i;
	airs__sort(r->cohort, tmp, n, cohort_before, r);
	airs__free(&r->mem, tmp);
	r->ncohort = n;
	return AIRS_OK;
}

int airs__result_keep_alloc(airs_result *r)
{
	const airs_model *m = r->model;
	const uint32_t *order = m->sorted[AIRS__S_EMP].order;
	size_t i, at = 0;

	r->keep_sums = airs__malloc(&r->mem, (2 * r->n + 1) *
	                                             sizeof *r->keep_sums);
	r->keep_fit_at = airs__malloc(&r->mem, (r->n + 1) *
	                                               sizeof *r->keep_fit_at);
	if (!r->keep_sums || !r->keep_fit_at)
		return AIRS_ENOMEM;
	for (i = 0; i < r->n; i++) {
		uint32_t role = m->emps.v[order[i]].role;
		r->keep_fit_at[i] = at;
		at += m->req_start[role + 1] - m->req_start[role];
	}
	r->keep_fit_at[r->n] = at;
	r->keep_fit = airs__malloc(&r->mem, (at + 1) * sizeof *r->keep_fit);
	return r->keep_fit ? AIRS_OK : AIRS_ENOMEM;
}

/* Score into a new result r (its parameters and model set) on nt threads,
 * finalise it - with the suppression decisions of reuse when it is not
 * NULL (airs_rescore()) - report progress. */
int airs__score_into(airs_result *r, const airs__score_ctx *c, size_t nt,
                     airs__progress *progress, const airs_rollup *reuse)
{
	const airs_model *m = r->model;
	int rc;

	r->s = airs__malloc(&r->mem, (r->n ? r->n : 1) * sizeof *r->s);
	r->short_n = airs__calloc(&r->mem, m->skills.n + 1, sizeof *r->short_n);
	if (r->pv.individual_sentiment)
		r->construct = airs__malloc(&r->mem, (r->n ? r->n : 1) * NC *
		                                             sizeof *r->construct);
	rc = !r->s || !r->short_n ||
	             (r->pv.individual_sentiment && !r->construct) ||
	             airs__result_keep_alloc(r)
	             ? AIRS_ENOMEM
	             : airs__rollup_new(&r->rollup, &r->mem, m, r->pv.min_group,
	                                r->params_digest,
	                                airs__quantise(r->pv.barrier));
	if (!rc)
		airs__rollup_set_context(
		        r->rollup, c->T,
		        (c->has_training ? AIRS__EV_TRAINING : 0) |
		                (c->has_usage ? AIRS__EV_USAGE : 0) |
		                (c->has_survey ? AIRS__EV_SURVEY : 0) |
		                (c->lapse_known ? AIRS__EV_USAGE_CURRENT : 0));
	if (!rc)
		rc = score_all(c, r, m->sorted[AIRS__S_EMP].order, nt, progress);
	if (!rc && r->partial_only)
		airs__rollup_sort_values(r->rollup);
	else if (!rc)
		rc = reuse ? airs__rollup_finalise_reusing(r->rollup, reuse, 0)
		           : airs__rollup_finalise(r->rollup, nt);
	if (!rc && !r->partial_only)
		rc = make_cohorts(r);
	/* what re-scores of r take by reference */
	if (!rc && !r->partial_only)
		rc = airs__result_share(r);
	if (!rc && !r->partial_only)
		rc = airs__rollup_share_shape(r->rollup);
	return rc ? rc : airs__progress_finish(progress);
}

/* airs_score_v2(), or with partial_only a result scored for its
 * rollup partial only (score.h). */
static int score_new(const airs_model *m, const airs_params *p,
                     const airs_score_options *opts, int partial_only,
                     airs_result **out, airs_diag *diag)
{
	airs_score_options o;
	airs__pv defaults;
	const airs__pv *pv;
	airs__score_ctx c;
	airs__progress progress;
	airs_result *r;
	char msg[AIRS__MSG_MAX];
	size_t nt;
	int rc;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!m || !out)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "model and out must not be NULL");
	if (AIRS__IN(SCORE_OPTIONS, &o, opts))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(opts, sizeof o, AIRS__FIRST(SCORE_OPTIONS)));
	if (!m->finished)
		return airs__diag_fail(diag, AIRS_ESTATE, "the model is not "
		                       "finished: call airs_model_finish() first");
	if (!p) {
		airs__params_defaults(&defaults);
		pv = &defaults;
	} else {
		pv = &p->v;
	}
	if (airs__params_check(pv, msg))
		return airs__diag_fail(diag, AIRS_EINVAL, "%s", msg);

	r = airs__calloc(&m->mem, 1, sizeof *r);
	if (!r)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	r->mem = m->mem;
	r->pv = *pv;
	r->partial_only = partial_only;
	airs__params_digest(pv, r->params_digest);
	r->n = m->emps.n;
	r->as_of_info.size = sizeof r->as_of_info;
	nt = o.threads ? airs__threads_for(o.threads, r->n, 16)
	               : airs__thread_count(r->pv.threads, r->n);
	if (airs__as_of(m, &r->pv, &r->mem, nt, &r->as_of_info) ||
	    airs__score_ctx_init(&c, m, &r->pv, r->as_of_info.as_of, &r->mem)) {
		airs__free(&r->mem, r);
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	}
	r->as_of = c.T;
	airs__model_retain(m);
	r->model = m;
	r->threads = nt;
	airs__progress_init(&progress, o.progress, o.user, r->n);
	rc = airs__score_into(r, &c, nt, &progress, NULL);
	airs__score_ctx_free(&c, &r->mem);
	if (rc) {
		airs_result_free(r);
		return airs__diag_fail(diag, rc, "%s", rc == AIRS_ECANCELED
		                       ? "scoring was cancelled by the progress "
		                         "callback"
		                       : "out of memory");
	}
	*out = r;
	return AIRS_OK;
}

int airs_score_v2(const airs_model *m, const airs_params *p,
                  const airs_score_options *opts, airs_result **out,
                  airs_diag *diag)
{
	return score_new(m, p, opts, 0, out, diag);
}

int airs_score_partial(const airs_model *m, const airs_params *p,
                       const airs_score_options *opts, int form,
                       airs_write_fn write, void *user, airs_diag *diag)
{
	airs_result *r;
	int rc;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!write || (form != AIRS_PARTIAL_TEXT && form != AIRS_PARTIAL_BINARY))
		return airs__diag_fail(diag, AIRS_EINVAL, write ? "unknown partial "
		                       "form %d (AIRS_PARTIAL_TEXT or "
		                       "AIRS_PARTIAL_BINARY)" : "write must not be "
		                       "NULL", form);
	if ((rc = score_new(m, p, opts, 1, &r, diag)))
		return rc;
	rc = airs_rollup_write_v2(r->rollup, form, write, user);
	airs_result_free(r);
	if (rc)
		return airs__diag_fail(diag, rc, rc == AIRS_EIO ? "the writer "
		                       "failed" : "out of memory");
	return AIRS_OK;
}

airs_date airs_result_as_of(const airs_result *r)
{
	return r ? r->as_of : 0;
}

int airs_result_as_of_info(const airs_result *r, airs_as_of_info *out)
{
	if (!r || AIRS__OUT_CHECK(AS_OF_INFO, out))
		return AIRS_EINVAL;
	AIRS__OUT(out, &r->as_of_info);
	return AIRS_OK;
}

int airs_model_as_of(const airs_model *m, const airs_params *p,
                     airs_as_of_info *out, airs_diag_fn on_diag, void *user)
{
	airs_as_of_info in;
	airs__pv defaults;
	const airs__pv *pv = p ? &p->v : &defaults;
	char msg[AIRS__MSG_MAX];
	int rc;

	if (!m || AIRS__OUT_CHECK(AS_OF_INFO, out))
		return AIRS_EINVAL;
	if (!m->finished)
		return AIRS_ESTATE;
	if (!p)
		airs__params_defaults(&defaults);
	if (airs__params_check(pv, msg))
		return AIRS_EINVAL;
	memset(&in, 0, sizeof in);
	in.size = sizeof in;
	if ((rc = airs__as_of(m, pv, &m->mem,
	                      airs__thread_count(pv->threads, m->emps.n), &in)))
		return rc;
	airs__as_of_report(m, pv, &in, on_diag, user);
	AIRS__OUT(out, &in);
	return AIRS_OK;
}

size_t airs_result_employee_count(const airs_result *r)
{
	return r ? r->n : 0;
}

const airs_rollup *airs_result_rollup(const airs_result *r)
{
	return r ? r->rollup : NULL;
}

/* The id of the employee at result position k. */
static const char *employee_at(const void *ctx, size_t k)
{
	const airs_result *r = ctx;

	return r->model->emp_ids.str[r->s[k].emp];
}

int airs_result_find_employee(const airs_result *r, const char *id,
                              size_t *index)
{
	size_t k;

	if (!r || !id)
		return AIRS_EINVAL;
	/* result order is id order */
	k = airs__names_search(r->n, id, employee_at, r);
	if (k == SIZE_MAX)
		return AIRS_ENOTFOUND;
	if (index)
		*index = k;
	return AIRS_OK;
}

/* ADKAR profile and barrier, derived from the stored fields. */
static void adkar_of(const airs_result *r, size_t i, double a[5], int *barrier)
{
	airs__score_adkar(&r->s[i], r->construct ? r->construct + i * NC : NULL,
	                  &r->pv, a, barrier);
}

static double floor_points(const airs_result *r, int level)
{
	return level <= 1 ? 0 : r->pv.level_t[level - 2];
}

/* A column that is not a field of the score: as airs_result_employee()
 * derives it, without the rest of the record. */
static double derived(const airs_result *r, size_t i, int column)
{
	const airs__score *s = &r->s[i];
	double adkar[AIRS_ADKAR_COUNT_];
	int barrier;

	switch (column) {
	case AIRS_COLUMN_GAP_LEVELS:
		return s->level && s->target ? s->target - s->level : NAN;
	case AIRS_COLUMN_GAP_POINTS:
		return s->level && s->target
		               ? floor_points(r, s->target) - s->readiness
		               : NAN;
	case AIRS_COLUMN_SKILLS_REQUIRED: {
		uint32_t role = r->model->emps.v[s->emp].role;
		return r->model->req_start[role + 1] - r->model->req_start[role];
	}
	default: /* the ADKAR elements and the barrier */
		adkar_of(r, i, adkar, &barrier);
		return column == AIRS_COLUMN_BARRIER
		               ? barrier : adkar[column - AIRS_COLUMN_AWARENESS];
	}
}

int airs_result_employee(const airs_result *r, size_t i,
                         airs_employee_score *out)
{
	airs_employee_score v = AIRS_EMPLOYEE_SCORE_INIT, *o = &v;
	const airs__score *s;
	const airs_model *m;
	int k;

	if (!r || AIRS__OUT_CHECK(EMPLOYEE_SCORE, out))
		return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	s = &r->s[i];
	m = r->model;
	o->id = m->emp_ids.str[s->emp];
	o->unit_id = m->unit_ids.str[m->emps.v[s->emp].unit];
	o->role_id = m->role_ids.str[m->emps.v[s->emp].role];
	o->is_leader = m->emps.v[s->emp].leader;
	o->readiness = s->readiness;
	o->level = s->level;
	o->target = s->target;
	o->gap_levels = derived(r, i, AIRS_COLUMN_GAP_LEVELS);
	o->gap_points = derived(r, i, AIRS_COLUMN_GAP_POINTS);
	o->coverage = s->coverage;
	o->withheld = s->withheld;
	o->skill_coverage = s->skill_coverage;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		o->component[k] = s->component[k];
	adkar_of(r, i, o->adkar, &o->barrier);
	o->flags = s->flags;
	o->flags_evaluated = s->flags_evaluated;
	o->readiness_low = s->range[0];
	o->readiness_high = s->range[1];
	o->evidence = s->evidence;
	o->skills_required = (uint32_t)derived(r, i, AIRS_COLUMN_SKILLS_REQUIRED);
	o->skills_assessed = s->skills_assessed;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_result_column(const airs_result *r, int column, double *out, size_t n)
{
	size_t i;

	if (!r || (!out && n) || column < 0 || column >= AIRS_COLUMN_COUNT_)
		return AIRS_EINVAL;
	if (n > r->n)
		n = r->n;
	for (i = 0; i < n; i++) {
		const airs__score *s = &r->s[i];
		const airs__employee *emp = &r->model->emps.v[s->emp];
		switch (column) {
		case AIRS_COLUMN_READINESS: out[i] = s->readiness; break;
		case AIRS_COLUMN_LEVEL: out[i] = s->level; break;
		case AIRS_COLUMN_TARGET: out[i] = s->target; break;
		case AIRS_COLUMN_SKILL:
		case AIRS_COLUMN_TRAINING:
		case AIRS_COLUMN_SENTIMENT:
		case AIRS_COLUMN_ADOPTION:
			out[i] = s->component[column - AIRS_COLUMN_SKILL];
			break;
		case AIRS_COLUMN_SKILL_COVERAGE: out[i] = s->skill_coverage; break;
		case AIRS_COLUMN_FLAGS: out[i] = s->flags; break;
		case AIRS_COLUMN_COVERAGE: out[i] = s->coverage; break;
		case AIRS_COLUMN_IS_LEADER: out[i] = emp->leader; break;
		case AIRS_COLUMN_READINESS_LOW: out[i] = s->range[0]; break;
		case AIRS_COLUMN_READINESS_HIGH: out[i] = s->range[1]; break;
		case AIRS_COLUMN_EVIDENCE: out[i] = s->evidence; break;
		case AIRS_COLUMN_FLAGS_EVALUATED: out[i] = s->flags_evaluated; break;
		case AIRS_COLUMN_WITHHELD: out[i] = s->withheld; break;
		case AIRS_COLUMN_SKILLS_ASSESSED: out[i] = s->skills_assessed; break;
		case AIRS_COLUMN_UNIT: out[i] = emp->unit; break;
		case AIRS_COLUMN_ROLE: out[i] = emp->role; break;
		default: out[i] = derived(r, i, column); break;
		}
	}
	return AIRS_OK;
}

int airs_result_ids(const airs_result *r, const char **out, size_t n)
{
	size_t i;

	if (!r || (!out && n))
		return AIRS_EINVAL;
	if (n > r->n)
		n = r->n;
	for (i = 0; i < n; i++)
		out[i] = r->model->emp_ids.str[r->s[i].emp];
	return AIRS_OK;
}

int airs_result_sentiment(const airs_result *r, size_t i, double *out)
{
	return airs_result_sentiment_v2(r, i, out, NC, NULL);
}

int airs_result_sentiment_v2(const airs_result *r, size_t i, double *out,
                             size_t cap, size_t *count)
{
	if (!r || (!out && cap))
		return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	if (!r->construct)
		return AIRS_EPRIVACY;
	if (cap)   /* out may be NULL when cap is 0 (fuzz finding F13) */
		memcpy(out, r->construct + i * NC,
		       (cap < NC ? cap : NC) * sizeof *out);
	if (count)
		*count = NC;
	return AIRS_OK;
}

int airs_result_explain(const airs_result *r, size_t i, airs_contribution *out,
                        size_t cap, size_t *count)
{
	airs__score_ctx c;
	size_t k, stride = cap ? airs__abi_size(out) : 0;
	int rc;

	if (!r || !count || (!out && cap))
		return AIRS_EINVAL;
	/* the caller's elements: all of the size of the first (abi.h) */
	if (cap && AIRS__OUT_CHECK(CONTRIBUTION, out))
		return AIRS_EINVAL;
	for (k = 1; k < cap; k++)
		if (airs__abi_size((unsigned char *)out + k * stride) != stride)
			return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	if (airs__score_ctx_init(&c, r->model, &r->pv, r->as_of, &r->mem))
		return AIRS_ENOMEM;
	rc = airs__score_explain(&c, &r->mem, r->s[i].emp, out, stride, cap,
	                         count);
	airs__score_ctx_free(&c, &r->mem);
	return rc;
}
