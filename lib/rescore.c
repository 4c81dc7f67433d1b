/*
 * rescore.c - scoring an already scored model again after a parameter
 * change, reusing what the change cannot affect (airs_rescore()).
 *
 * params.h classes every parameter by what reads it.  The largest class
 * among the changed ones decides the work:
 *   AIRS__RESCORE_SAME, _READINESS: each person's readiness and what
 *     follows from it again from what the earlier result kept (its
 *     components, skill fits and sums: airs__score_again()), the
 *     rollup's readiness sums refilled, the suppression decisions, the
 *     survey sums, the skill heatmap and the course cohorts reused;
 *   AIRS__RESCORE_EMPLOYEES: every person scored again, the suppression
 *     decisions reused;
 *   AIRS__RESCORE_ALL: a score from scratch.
 * Each gives the bytes airs_score_v2() gives; the tests compare them for
 * every parameter.
 */
#include "score.h"

#include "abi.h"

#include <string.h>


#include "parallel.h"
#include "quantum.h"
#include "rollup.h"
#include "score-employee.h"

#define NC AIRS_CONSTRUCT_COUNT_

/* A new result of prev's model with pv, as of prev's date (no class but
 * AIRS__RESCORE_ALL changes it), its model reference taken. */
static airs_result *result_like(const airs_result *prev, const airs__pv *pv)
{
	airs_result *r = airs__calloc(&prev->mem, 1, sizeof *r);

	if (!r)
		return NULL;
	r->mem = prev->mem;
	r->pv = *pv;
	airs__params_digest(pv, r->params_digest);
	r->n = prev->n;
	r->as_of = prev->as_of;
	r->as_of_info = prev->as_of_info;
	airs__model_retain(prev->model);
	r->model = prev->model;
	return r;
}

/* What a readiness re-score takes over from prev as it is - the
 * construct scores, cohorts and what a later re-score reads, shared
 * (airs__result_share_from()) - and room for the employees' records. */
static int take_kept(airs_result *r, const airs_result *prev)
{
	size_t n = prev->n;

	r->s = airs__malloc(&r->mem, (n ? n : 1) * sizeof *r->s);
	if (!r->s)
		return AIRS_ENOMEM;
	airs__result_share_from(r, prev);
	return AIRS_OK;
}

/* One thread's share of a readiness re-score's first pass: employees
 * lo .. hi - 1 scored again, their readiness parts into v. */
struct job {
	const airs__score_ctx *c;
	const airs_result *prev;
	airs_result *r;
	airs__readd *v;
	size_t lo, hi;
};

static void run_job(void *jobs, size_t t)
{
	struct job *j = (struct job *)jobs + t;
	const airs_result *p = j->prev;
	airs__emp_detail d;
	size_t i;

	memset(&d, 0, sizeof d); /* airs__score_again() sets the same
	                            members for everyone */
	for (i = j->lo; i < j->hi; i++) {
		airs__score_again(j->c, &p->s[i], p->keep_sums + 2 * i,
		                  p->keep_fit + p->keep_fit_at[i],
		                  p->construct ? p->construct + i * NC : NULL,
		                  &j->r->s[i], &d);
		airs__rollup_readd_pack(&j->v[i], &d);
	}
}

/* Every employee again on nt threads, then the units' and the manager
 * groups' rollups filled side by side (airs__rollup_refill()): each is
 * written by one thread only, so there is no shard to make, zero and
 * absorb on the calling thread - the serial part that kept a second
 * thread from helping - and each thread's accumulators stay in its
 * cache for the finalising that follows on the same thread
 * (airs__rollup_finalise_rescore()). */
static int readiness_all(const airs__score_ctx *c, airs_result *r,
                         const airs_result *prev, size_t nt)
{
	struct job *jobs = airs__calloc(&r->mem, nt, sizeof *jobs);
	airs__readd *v = airs__malloc(&r->mem,
	                              (r->n ? r->n : 1) * sizeof *v);
	size_t t;
	int rc;

	if (!jobs || !v) {
		airs__free(&r->mem, jobs);
		airs__free(&r->mem, v);
		return AIRS_ENOMEM;
	}
	for (t = 0; t < nt; t++) {
		jobs[t].c = c;
		jobs[t].prev = prev;
		jobs[t].r = r;
		jobs[t].v = v;
		jobs[t].lo = r->n * t / nt;
		jobs[t].hi = r->n * (t + 1) / nt;
	}
	airs__parallel_for(nt, nt, run_job, jobs);
	rc = airs__rollup_refill(r->rollup, prev->rollup, v, r->n, nt);
	airs__free(&r->mem, jobs);
	airs__free(&r->mem, v);
	return rc;
}

/* AIRS__RESCORE_READINESS and below. */
static int rescore_readiness(airs_result *r, const airs_result *prev,
                             size_t nt)
{
	airs__score_ctx c;
	int rc;

	if ((rc = take_kept(r, prev)))
		return rc;
	if ((rc = airs__rollup_rescore_new(&r->rollup, prev->rollup,
	                                   r->params_digest,
	                                   airs__quantise(r->pv.barrier))))
		return rc;
	if (airs__score_ctx_init_again(&c, r->model, &r->pv, r->as_of,
	                               &r->mem))
		return AIRS_ENOMEM;
	/* the barrier points stay the earlier ones with their threshold
	 * (the rollup keeps their counts) */
	c.again_barrier = airs__quantise(r->pv.barrier) !=
	                  airs__quantise(prev->pv.barrier);
	/* and the evidence but for D > 0 with its skill share threshold */
	c.again_evidence = airs__quantise(r->pv.min_skill_share) !=
	                   airs__quantise(prev->pv.min_skill_share);
	rc = readiness_all(&c, r, prev, nt);
	airs__score_ctx_free(&c, &r->mem);
	return rc ? rc : airs__rollup_finalise_rescore(r->rollup, prev->rollup,
	                                               1, nt);
}

/* AIRS__RESCORE_EMPLOYEES: scoring, with prev's suppression decisions. */
static int rescore_employees(airs_result *r, const airs_result *prev,
                             size_t nt, airs__progress *progress)
{
	airs__score_ctx c;
	int rc;

	if (airs__score_ctx_init(&c, r->model, &r->pv, r->as_of, &r->mem))
		return AIRS_ENOMEM;
	rc = airs__score_into(r, &c, nt, progress, prev->rollup);
	airs__score_ctx_free(&c, &r->mem);
	return rc;
}

int airs_rescore(const airs_result *prev, const airs_params *p,
                 const airs_score_options *opts, airs_result **out,
                 airs_diag *diag)
{
	airs_score_options o;
	airs__pv defaults;
	const airs__pv *pv = p ? &p->v : &defaults;
	airs__progress progress;
	airs_result *r;
	char msg[AIRS__MSG_MAX];
	size_t nt;
	int rc, need;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!prev || !out)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "prev and out must not be NULL");
	if (AIRS__IN(SCORE_OPTIONS, &o, opts))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(opts, sizeof o, AIRS__FIRST(SCORE_OPTIONS)));
	if (!p)
		airs__params_defaults(&defaults);
	if (airs__params_check(pv, msg))
		return airs__diag_fail(diag, AIRS_EINVAL, "%s", msg);
	need = airs__params_rescore(&prev->pv, pv);
	if (need == AIRS__RESCORE_ALL)
		return airs_score_v2(prev->model, p, opts, out, diag);
	if (!(r = result_like(prev, pv)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	nt = o.threads ? airs__threads_for(o.threads, r->n, 16)
	               : airs__thread_count(r->pv.threads, r->n);
	r->threads = nt;
	airs__progress_init(&progress, o.progress, o.user, r->n);
	if (need == AIRS__RESCORE_EMPLOYEES) {
		rc = rescore_employees(r, prev, nt, &progress);
	} else {
		rc = rescore_readiness(r, prev, nt);
		if (!rc)
			rc = airs__progress_add(&progress, r->n);
		if (!rc)
			rc = airs__progress_finish(&progress);
	}
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
