/*
 * rollup-check.c - what a partial's accumulators must satisfy to be
 * read (docs/output-format.md, "Rollup partials"): the rules scoring
 * guarantees, shared by the text reader (rollup-text.c) and the binary
 * reader (rollup-binary.c), which say where.  Each check returns NULL
 * when the values pass, else the message.
 */
#include "rollup-impl.h"

#include <stddef.h>
#include <string.h>

_Static_assert(AIRS__SQ_MAX_COUNT == 4294967295u, "the message says so");

/* Readiness 100 in quanta. */
#define READINESS_MAX_Q ((int64_t)100 * 1000000000)

/* The unit ADKAR profile's accumulators (methodology 4.6): skill fit
 * and adoption are 0..1, every member has one barrier point. */
static const char *check_adkar(const acc *a)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i <= AIRS_BARRIER_UNKNOWN; i++) {
		if (a->barrier[i] > a->headcount)
			return "barrier points do not add up to the headcount";
		n += a->barrier[i];
	}
	if (n != a->headcount)
		return "barrier points do not add up to the headcount";
	if (a->fit_n > a->headcount || a->ad_n > a->headcount)
		return "inconsistent counts";
	if (a->fit_sum < 0 || (uint64_t)a->fit_sum > a->fit_n * (uint64_t)AIRS__Q ||
	    a->ad_sum < 0 || (uint64_t)a->ad_sum > a->ad_n * (uint64_t)AIRS__Q)
		return "a skill fit or adoption sum that no scores could have";
	if (!airs__sq_consistent(a->fit_sq, a->fit_sum, a->fit_n) ||
	    !airs__sq_consistent(a->ad_sq, a->ad_sum, a->ad_n))
		return "sums of squares that no values could have";
	return NULL;
}

int airs__acc_signed(size_t i)
{
	return i == offsetof(acc, ready_sum) / 8 || i == offsetof(acc, gap_sum) / 8 ||
	       i == offsetof(acc, ts_sum) / 8 || i == offsetof(acc, fit_sum) / 8 ||
	       i == offsetof(acc, ad_sum) / 8;
}

int airs__cons_signed(size_t i)
{
	return i == offsetof(cons_acc, s0) / 8 || i == offsetof(cons_acc, s1) / 8;
}

const char *airs__rollup_check_acc(const acc *a)
{
	const char *why;
	uint64_t lv = 0, gsq[AIRS__SQ_LIMBS] = { a->gap_sq, 0, 0 };
	size_t i;

	if (a->headcount > AIRS__SQ_MAX_COUNT)
		return "more than 4294967295 employees in a unit";
	/* each count at most the headcount (< 2^32) before any is added,
	 * so that no sum wraps (fuzz finding F8) */
	for (i = 0; i < 6; i++) {
		if (a->levels[i] > a->headcount)
			return "levels do not add up to the headcount";
		lv += a->levels[i];
	}
	if (lv != a->headcount)
		return "levels do not add up to the headcount";
	if (a->scored > a->headcount || a->with_target > a->headcount ||
	    a->below > a->with_target || a->resp > a->headcount ||
	    a->net_n > a->headcount || a->ts_n > a->headcount ||
	    a->leaders > a->headcount || a->fat_read > a->resp ||
	    a->nb_read > a->resp || a->flags[1] > a->fat_read ||
	    a->flags[4] > a->nb_read || a->net_det > a->net_resp ||
	    a->net_pro > a->net_resp - a->net_det ||
	    (a->net_n == 0) != (a->net_resp == 0))
		return "inconsistent counts";
	for (i = 0; i < NF; i++)
		if (a->flags[i] > a->headcount)
			return "a flag count exceeds the headcount";
	/* methodology 1.1: exactly the unscored have no level */
	if (a->insufficient != a->headcount - a->scored ||
	    a->levels[0] != a->insufficient || a->with_target > a->scored)
		return "the employees with too little evidence are not the "
		       "headcount less the scored, nor those of unknown level";
	if ((why = check_adkar(a)))
		return why;
	if (!airs__sq_consistent(a->ready_sq, a->ready_sum, a->scored) ||
	    !airs__sq_consistent(gsq, a->gap_sum, a->with_target) ||
	    a->gap_sq > 16 * a->with_target ||
	    !airs__sq_consistent(a->ts_sq, a->ts_sum, a->ts_n))
		return "sums of squares that no values could have";
	return NULL;
}

const char *airs__rollup_check_cons(const acc *a, size_t c)
{
	const cons_acc *x = &a->c[c];

	if (x->n1 > a->leaders || x->n0 > a->headcount - a->leaders ||
	    x->unf > x->items || x->fav > x->items - x->unf)
		return "inconsistent counts";
	/* a construct score is 0..1, in quanta: with fewer than 2^32
	 * respondents no sum of them overflows (fuzz finding F5) */
	if (x->s0 < 0 || x->s1 < 0 ||
	    (uint64_t)x->s0 > x->n0 * (uint64_t)AIRS__Q ||
	    (uint64_t)x->s1 > x->n1 * (uint64_t)AIRS__Q)
		return "a construct sum that no scores could have";
	if (!airs__sq_consistent(x->sq0, x->s0, x->n0) ||
	    !airs__sq_consistent(x->sq1, x->s1, x->n1))
		return "sums of squares that no values could have";
	return NULL;
}

const char *airs__rollup_check_value(const i64vec *v, int64_t x)
{
	if (x < 0 || x > READINESS_MAX_Q)
		return "a readiness value is not in 0..100";
	if (v->n && x < v->v[v->n - 1])
		return "readiness values are not sorted";
	return NULL;
}

const char *airs__rollup_check_values(const i64vec *v, const acc *a)
{
	uint64_t sq[AIRS__SQ_LIMBS] = { 0 };
	int64_t sum = 0;
	size_t i;

	if (v->n != a->scored)
		return "readiness values do not match the count, sum or sum of "
		       "squares";
	for (i = 0; i < v->n; i++) {
		if (sum > INT64_MAX - v->v[i])
			return "readiness values do not match the count or sum";
		sum += v->v[i];
		airs__sq_add(sq, v->v[i]);
	}
	if (sum != a->ready_sum || memcmp(sq, a->ready_sq, sizeof sq))
		return "readiness values do not match the count, sum or sum of "
		       "squares";
	return NULL;
}

const char *airs__rollup_check_cell(uint64_t n, int64_t sum, uint64_t headcount)
{
	if (n == 0 || n > headcount)
		return "inconsistent counts";
	/* a gap is 0..5 levels, in quanta: sum <= 5e9 n, which is above
	 * 2^64 for the largest n, hence the division */
	if (sum < 0 || (uint64_t)sum / 5000000000u > n ||
	    ((uint64_t)sum / 5000000000u == n && (uint64_t)sum % 5000000000u))
		return "a skill gap sum that no gaps could have";
	return NULL;
}

size_t airs__rollup_check_families(const airs_rollup *r)
{
	size_t u;

	for (u = 0; u < r->nu; u++) {
		const acc *a = &r->direct[u];
		const cons_acc *rec = &a->c[AIRS_CONSTRUCT_RECOMMEND];
		const cons_acc *ts = &a->c[AIRS_CONSTRUCT_TIME_SAVED];
		if (a->net_n != rec->n0 + rec->n1 || a->ts_n != ts->n0 + ts->n1)
			return u;
	}
	return SIZE_MAX;
}

int airs__rollup_check_shape(const airs_rollup *r, size_t *at, int *dup)
{
	uint32_t *w = airs__calloc(&r->mem, 2 * r->nu + 1, sizeof *w);
	size_t i;

	if (!w)
		return AIRS_ENOMEM;
	*at = SIZE_MAX;
	for (i = 0; i < r->nu; i++)
		w[i] = (uint32_t)i;
	airs__rollup_sort_ids(w, w + r->nu, r->nu, (const char *const *)r->uid);
	for (i = 1; i < r->nu && *at == SIZE_MAX; i++)
		if (!strcmp(r->uid[w[i - 1]], r->uid[w[i]])) {
			*at = w[i - 1] > w[i] ? w[i - 1] : w[i];
			*dup = 1;
		}
	if (*at == SIZE_MAX &&
	    airs__rollup_tree_order(&r->mem, r->nu, (const char *const *)r->uid,
	                            r->parent, w)) {
		airs__free(&r->mem, w);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < r->nu && *at == SIZE_MAX; i++)
		if (w[i] != i) {
			*at = i;
			*dup = 0;
		}
	airs__free(&r->mem, w);
	return AIRS_OK;
}
