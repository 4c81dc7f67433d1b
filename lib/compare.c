/*
 * compare.c - the change between two results (airs/compare.h;
 * methodology 4.5, 4.7 and 4.1's rule 4).
 *
 * People are matched by employee id (both results hold them in id
 * order: a merge walk).  Each person adds their values to every group
 * of their unit's path in each result: the base side, the current side,
 * and, for a group they are in on both sides with the figure on both,
 * the pair.  Groups are the units of both results by id, and the
 * organisation.  Sums run in id order on the calling thread, so the
 * output depends on neither the rows' order nor any thread count.
 *
 * Two walks: the first scores each person again for what the rollup
 * adds of them (score-employee.h) and sums every figure, and for the
 * ratio figures (favourable shares, the net score) their numerators and
 * denominators; the second adds the ratios' linearised values, which
 * need each group side's ratio first (methodology 4.7), from the parts
 * the first walk kept per person.
 */
#include "airs/compare.h"

#include <math.h>
#include <string.h>

#include "abi.h"
#include "alloc.h"
#include "change-stats.h"
#include "compare-impl.h"
#include "error.h"
#include "rollup.h"
#include "score-employee.h"
#include "score.h"

#define NC AIRS_CONSTRUCT_COUNT_

/* One person's values on one side. */
typedef airs__change_person pval;

void airs__wf_add(wf *w, double x)
{
	double d = x - w->mean;

	w->n++;
	w->mean += d / (double)w->n;
	w->m2 += d * (x - w->mean);
}

#define wf_add airs__wf_add

static double wf_var(const wf *w)
{
	return w->n > 1 ? w->m2 / (double)(w->n - 1) : NAN;
}

static int is_flag(int f)
{
	return f >= AIRS_CHANGE_FLAG && f < AIRS_CHANGE_FLAG + AIRS_FLAG_BITS_;
}

static int is_share(int f)
{
	return f == AIRS_CHANGE_BELOW_TARGET || f == AIRS_CHANGE_RESPONSE_RATE ||
	       (f >= AIRS_CHANGE_LEVEL && f < AIRS_CHANGE_LEVEL + 6) ||
	       is_flag(f);
}

#define ratio_of airs__change_ratio_of
#define survey_flag airs__change_survey_flag

/* Whether f is a survey figure, which the anonymity rules govern. */
static int is_survey(int f)
{
	return (f >= AIRS_CHANGE_RESPONSE_RATE && f < AIRS_CHANGE_LEVEL) ||
	       (f >= AIRS_CHANGE_FAVOURABLE && f <= AIRS_CHANGE_TIME_SAVED) ||
	       survey_flag(f);
}

/* A person's values, as the rollup adds them (methodology 4, 4.7). */
static int person_values(side *s, size_t i, pval *p)
{
	int rc = airs__change_person_values(&s->ctx, &s->r->mem, &s->r->s[i],
	                                    p);

	if (rc)
		return rc;
	memcpy(s->num[i], p->num, sizeof p->num);
	memcpy(s->den[i], p->den, sizeof p->den);
	return AIRS_OK;
}

/* The linearised value of a ratio's person (numerator x of m) in a
 * group side with sums a of its people: r + (x - r m) / m-bar, whose
 * mean over the side is r = sum x / sum m and whose spread is the
 * ratio's (methodology 4.7). */
static double linear(const acc *a, int cur, int32_t x, uint32_t m)
{
	double r = (double)a->num[cur] / (double)a->den[cur];
	double mbar = (double)a->den[cur] / (double)a->cnt[cur];

	return r + ((double)x - r * (double)m) / mbar;
}

/* Add a person to a group's side: pass 0 every figure and the ratios'
 * sums, pass 1 the ratios' linearised values. */
static void add_side(acc *a, const pval *p, int cur, int pass)
{
	for (int f = 0; f < NF; f++, a++) {
		int k = ratio_of(f);
		if (pass && k >= 0 && p->den[k])
			wf_add(cur ? &a->c : &a->b,
			       linear(a, cur, p->num[k], p->den[k]));
		if (pass)
			continue;
		if (k >= 0 && p->den[k]) {
			a->num[cur] += p->num[k];
			a->den[cur] += p->den[k];
			a->cnt[cur]++;
		}
		if (survey_flag(f) && (p->fam >> (f - AIRS_CHANGE_FLAG) & 1u))
			*(cur ? &a->rc : &a->rb) += 1;
		if (isnan(p->v[f]))
			continue;
		wf_add(cur ? &a->c : &a->b, p->v[f]);
		if (p->v[f] > 0)
			*(cur ? &a->xc : &a->xb) += 1;
	}
}

static void add_pair(acc *a, const pval *pb, const pval *pc, int pass)
{
	for (int f = 0; f < NF; f++, a++) {
		int k = ratio_of(f);
		double vb = pb->v[f], vc = pc->v[f];
		if (pass && k >= 0 && pb->den[k] && pc->den[k])
			wf_add(&a->d, linear(a, 1, pc->num[k], pc->den[k]) -
			                      linear(a, 0, pb->num[k], pb->den[k]));
		if (pass)
			continue;
		if (survey_flag(f))
			a->rboth += (pb->fam & pc->fam) >>
			            (f - AIRS_CHANGE_FLAG) & 1u;
		if (isnan(vb) || isnan(vc))
			continue;
		wf_add(&a->d, vc - vb);
		a->yes_no += vb > 0 && !(vc > 0);
		a->no_yes += !(vb > 0) && vc > 0;
		a->yes_yes += vb > 0 && vc > 0;
	}
}

/* The unit of employee i of s, as its rollup's index. */
static size_t unit_of_emp(const side *s, size_t i)
{
	const airs_model *m = s->r->model;
	size_t pos = 0;

	airs_rollup_find_unit(s->ru,
	                      m->unit_ids.str[m->emps.v[s->r->s[i].emp].unit],
	                      &pos);
	return pos;
}

/* Add person i of s (p: their values) to the groups of their path;
 * stamp marks the base's groups for the pair, with serial; pb: the
 * person's base values when they are on both sides. */
static void add_path(const side *s, size_t i, const pval *p, acc *A,
                     size_t ng, uint64_t *stamp, uint64_t serial, int cur,
                     const pval *pb, int pass)
{
	for (size_t u = unit_of_emp(s, i); u != (size_t)-1; u = s->parent[u]) {
		size_t g = s->group[u];
		if (g == (size_t)-1)
			continue;
		add_side(A + g * NF, p, cur, pass);
		if (!cur)
			stamp[g] = serial;
		else if (pb && stamp[g] == serial)
			add_pair(A + g * NF, pb, p, pass);
	}
	add_side(A + (ng - 1) * NF, p, cur, pass);
	if (cur && pb)
		add_pair(A + (ng - 1) * NF, pb, p, pass);
}

/* Person i of s: scored in pass 0, the ratio parts kept in pass 1. */
static int values(side *s, size_t i, pval *p, int pass)
{
	if (!pass)
		return person_values(s, i, p);
	memcpy(p->num, s->num[i], sizeof p->num);
	memcpy(p->den, s->den[i], sizeof p->den);
	return AIRS_OK;
}

/* Walk both results' people in id order. */
static int accumulate(side *b, side *c, acc *A, size_t ng, uint64_t *stamp,
                      int pass)
{
	const airs_model *mb = b->r->model, *mc = c->r->model;
	size_t i = 0, j = 0;
	uint64_t serial = (uint64_t)pass << 62;
	pval vb, vc;
	int rc = AIRS_OK;

	while (!rc && (i < b->r->n || j < c->r->n)) {
		int cmp = i == b->r->n ? 1 : j == c->r->n ? -1
		          : strcmp(mb->emp_ids.str[b->r->s[i].emp],
		                   mc->emp_ids.str[c->r->s[j].emp]);
		serial++;
		if (cmp <= 0 && !(rc = values(b, i, &vb, pass)))
			add_path(b, i, &vb, A, ng, stamp, serial, 0, NULL, pass);
		if (!rc && cmp >= 0 && !(rc = values(c, j, &vc, pass)))
			add_path(c, j, &vc, A, ng, stamp, serial, 1,
			         cmp == 0 ? &vb : NULL, pass);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return rc;
}

/* Whether s's rollup hides figure f of group g. */
static int hidden(const side *s, size_t g, size_t ng, int f)
{
	size_t u = g == ng - 1 ? AIRS_ROLLUP_ORG : s->unit_of[g];
	airs_unit_score us = AIRS_UNIT_SCORE_INIT;
	airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
	int k = f < AIRS_CHANGE_LEVEL ? f - AIRS_CHANGE_CONSTRUCT
	                              : f - AIRS_CHANGE_FAVOURABLE;

	if (!is_survey(f))
		return 0;
	if ((f >= AIRS_CHANGE_CONSTRUCT && f < AIRS_CHANGE_LEVEL) ||
	    (f >= AIRS_CHANGE_FAVOURABLE && f < AIRS_CHANGE_NET_SCORE)) {
		airs_rollup_construct(s->ru, u, k, &cs);
		return cs.respondents == AIRS_SUPPRESSED;
	}
	if (u == AIRS_ROLLUP_ORG)
		airs_rollup_org(s->ru, &us);
	else
		airs_rollup_unit(s->ru, u, &us);
	if (f == AIRS_CHANGE_RESPONSE_RATE)
		return us.respondents == AIRS_SUPPRESSED;
	if (f == AIRS_CHANGE_NET_SCORE)
		return us.net_respondents == AIRS_SUPPRESSED;
	if (f == AIRS_CHANGE_TIME_SAVED)
		return us.time_saved_respondents == AIRS_SUPPRESSED;
	return us.flags[f - AIRS_CHANGE_FLAG] == AIRS_SUPPRESSED;
}

/* The respondents in one set and not the other (methodology 4.1, rule
 * 4): of the survey as a whole, of a survey flag's family (the people
 * whose answers can move it), or of a survey mean's answers. */
static uint64_t changed(const acc *a, int f)
{
	if (f == AIRS_CHANGE_RESPONSE_RATE)
		return a->xb + a->xc - 2 * a->yes_yes;
	if (survey_flag(f))
		return a->rb + a->rc - 2 * a->rboth;
	return a->b.n + a->c.n - 2 * a->d.n;
}

/* Paired: the same people with the figure on both sides and, for a
 * survey figure, the same respondents - else a pair's discordance
 * would tell how many answered (or were flagged) both times, a count
 * no rollup publishes (participation, methodology 4.1). */
static int paired(const acc *a, int f)
{
	return !a->no_pairs && a->b.n == a->c.n && a->d.n == a->b.n &&
	       (!is_survey(f) || changed(a, f) == 0);
}

static void test_change(const acc *a, int f, airs_change *o)
{
	airs__change t;
	int pair = paired(a, f);

	if (is_share(f) && pair) {
		airs__change_mcnemar(a->yes_no, a->no_yes, a->d.n, &t);
		o->test = AIRS_TEST_MCNEMAR;
	} else if (is_share(f)) {
		airs__change_two_prop(a->xb, a->b.n, a->xc, a->c.n, &t);
		o->test = AIRS_TEST_TWO_PROPORTION;
	} else if (pair) {
		airs__change_paired(a->d.mean, wf_var(&a->d), a->d.n, &t);
		o->test = AIRS_TEST_PAIRED_T;
	} else {
		airs__sample sb = { a->b.mean, wf_var(&a->b), a->b.n, a->b.n };
		airs__sample sc = { a->c.mean, wf_var(&a->c), a->c.n, a->c.n };
		airs__change_welch(&sb, &sc, &t);
		o->test = AIRS_TEST_WELCH;
	}
	o->change = t.diff;
	o->ci.low = t.lo;
	o->ci.high = t.hi;
	o->p = t.p;
	/* The people in both sets of a survey figure are a count no rollup
	 * publishes: differenced across nested groups it would tell who
	 * answered both times (participation, methodology 4.1).  A paired
	 * change's panel is both sides' respondents, already published. */
	o->panel = pair || !is_survey(f) ? a->d.n : AIRS_SUPPRESSED;
}

/* A side's value as its rollup computes it: a share's count over its
 * people, a ratio's sums, a mean's running mean. */
static double value(const acc *a, int f, int cur)
{
	const wf *w = cur ? &a->c : &a->b;
	int k = ratio_of(f);

	if (!w->n)
		return NAN;
	if (k >= 0)
		return (double)a->num[cur] / (double)a->den[cur];
	if (is_share(f))
		return (double)(cur ? a->xc : a->xb) / (double)w->n;
	return w->mean;
}

static void finish_change(const acc *a0, const side *b, const side *c,
                          size_t g, size_t ng, int f, int k, airs_change *o)
{
	int bh = hidden(b, g, ng, f), chh = hidden(c, g, ng, f);
	acc a = *a0;

	memset(o, 0, sizeof *o);
	o->size = sizeof *o;
	/* the published values exactly; a ratio's mean difference is
	 * theirs, its linearised values' sums only up to rounding */
	a.b.mean = value(a0, f, 0);
	a.c.mean = value(a0, f, 1);
	if (ratio_of(f) >= 0 && a.d.n)
		a.d.mean = a.c.mean - a.b.mean;
	o->base = bh ? NAN : a.b.mean;
	o->current = chh ? NAN : a.c.mean;
	o->base_n = bh ? AIRS_SUPPRESSED : a.b.n;
	o->current_n = chh ? AIRS_SUPPRESSED : a.c.n;
	o->base_count = bh ? AIRS_SUPPRESSED : is_share(f) ? a.xb : 0;
	o->current_count = chh ? AIRS_SUPPRESSED : is_share(f) ? a.xc : 0;
	o->reason = bh ? AIRS_CHANGE_BASE_HIDDEN
	            : chh ? AIRS_CHANGE_CURRENT_HIDDEN
	            : !a.b.n || !a.c.n ? AIRS_CHANGE_NO_VALUES
	            : is_survey(f) && changed(&a, f) > 0 &&
	                      changed(&a, f) < (uint64_t)k
	                  ? AIRS_CHANGE_FEW_CHANGED
	                  : AIRS_CHANGE_SHOWN;
	if (o->reason == AIRS_CHANGE_SHOWN) {
		test_change(&a, f, o);
		return;
	}
	o->test = AIRS_TEST_NONE;
	o->change = o->ci.low = o->ci.high = o->p = NAN;
	o->panel = AIRS_SUPPRESSED;
}

void airs__compare_side_free(side *s)
{
	const airs__mem *mem = s->mem;

	if (!mem)
		return;
	airs__free(mem, s->parent);
	airs__free(mem, s->group);
	airs__free(mem, s->unit_of);
	airs__free(mem, s->num);
	airs__free(mem, s->den);
	if (s->ctx_made)
		airs__score_ctx_free(&s->ctx, mem);
}

/* Each unit's parent, as its rollup's index. */
int airs__compare_side(side *s, const airs_rollup *ru, const airs__mem *mem)
{
	memset(s, 0, sizeof *s);
	s->mem = mem;
	s->ru = ru;
	s->nu = airs_rollup_unit_count(ru);
	s->parent = airs__calloc(mem, s->nu + 1, sizeof *s->parent);
	s->group = airs__calloc(mem, s->nu + 1, sizeof *s->group);
	s->unit_of = airs__calloc(mem, s->nu + 1, sizeof *s->unit_of);
	if (!s->parent || !s->group || !s->unit_of)
		return AIRS_ENOMEM;
	for (size_t u = 0; u < s->nu; u++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		airs_rollup_unit(ru, u, &us);
		s->parent[u] = (size_t)-1;
		s->group[u] = (size_t)-1;
		if (us.parent_id)
			airs_rollup_find_unit(ru, us.parent_id, &s->parent[u]);
	}
	return AIRS_OK;
}

/* A result's side: its tree, and what its people's walk needs. */
static int side_init(side *s, const airs_result *r)
{
	const airs__mem *mem = &r->mem;
	int rc = airs__compare_side(s, r->rollup, mem);

	s->r = r;
	if (rc)
		return rc;
	s->num = airs__calloc(mem, r->n + 1, sizeof *s->num);
	s->den = airs__calloc(mem, r->n + 1, sizeof *s->den);
	if (!s->num || !s->den ||
	    airs__score_ctx_init(&s->ctx, r->model, &r->pv, r->as_of, mem))
		return AIRS_ENOMEM;
	s->ctx_made = 1;
	return AIRS_OK;
}

/* Match the units by id: groups in the current tree order. */
static size_t match_units(side *b, side *c)
{
	size_t ng = 0;

	for (size_t u = 0; u < c->nu; u++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		size_t ub;
		airs_rollup_unit(c->ru, u, &us);
		if (airs_rollup_find_unit(b->ru, us.id, &ub))
			continue;
		c->group[u] = b->group[ub] = ng;
		c->unit_of[ng] = u;
		b->unit_of[ng] = ub;
		ng++;
	}
	return ng;
}

void airs_comparison_free(airs_comparison *c)
{
	char **lists[3];

	if (!c)
		return;
	lists[0] = c->uid;
	lists[1] = c->add;
	lists[2] = c->rem;
	for (int l = 0; l < 3; l++) {
		size_t n = l == 0 ? c->nu : l == 1 ? c->nadd : c->nrem;
		for (size_t i = 0; lists[l] && i < n; i++)
			airs__free(&c->mem, lists[l][i]);
		airs__free(&c->mem, lists[l]);
	}
	airs__free(&c->mem, c->ch);
	airs__free(&c->mem, c);
}

/* Copy the ids of s's units whose group is (want_matched ? set : not
 * set) into *out, in tree order. */
static int copy_ids(airs_comparison *k, const side *s, int want_matched,
                    char ***out, size_t *n)
{
	*n = 0;
	*out = airs__calloc(&k->mem, s->nu + 1, sizeof **out);
	if (!*out)
		return AIRS_ENOMEM;
	for (size_t u = 0; u < s->nu; u++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		if ((s->group[u] != (size_t)-1) != want_matched)
			continue;
		airs_rollup_unit(s->ru, u, &us);
		(*out)[*n] = airs__strndup(&k->mem, us.id, strlen(us.id));
		if (!(*out)[(*n)++])
			return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* The parameters digest of r but for the as-of date, which is what a
 * comparison of one dataset at two dates changes. */
static void method_digest(const airs_result *r, char out[65])
{
	airs__pv v = r->pv;

	v.as_of_auto = 0;
	v.as_of = 0;
	airs__params_digest(&v, out);
}

int airs__compare_check(const char *mb, const char *mc, const char *pb,
                        const char *pc, const airs_compare_options *in,
                        airs_compare_options *o, int *changed,
                        airs_diag *diag)
{
	if (airs__struct_in(o, sizeof *o, in, sizeof *o))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(in, sizeof *o, sizeof *o));
	*changed = strcmp(mb, mc) != 0;
	if (*changed && !o->allow_params_change)
		return airs__diag_fail(
			diag, AIRS_EMISMATCH,
			"the results were scored with different parameters "
			"(base digest %s, current digest %s): their figures do "
			"not measure the same thing; score both with the same "
			"parameters, or allow the change "
			"(airs_compare_options.allow_params_change) and say so "
			"with the figures",
			pb, pc);
	return AIRS_OK;
}

airs_comparison *airs__comparison_new(const airs__mem *mem, const char *pb,
                                      const char *pc, int changed)
{
	airs_comparison *k = airs__calloc(mem, 1, sizeof *k);

	if (!k)
		return NULL;
	k->mem = *mem;
	k->params_changed = changed;
	memcpy(k->digest[0], pb, 65);
	memcpy(k->digest[1], pc, 65);
	return k;
}

int airs__compare_run(airs_comparison *k, side *b, side *c, int mg,
                      airs__compare_fill fill, void *user)
{
	size_t ng = match_units(b, c) + 1;
	acc *A = airs__calloc(&k->mem, ng * NF, sizeof *A);
	int rc = AIRS_ENOMEM;

	k->nu = ng - 1;
	k->ch = airs__calloc(&k->mem, ng * NF, sizeof *k->ch);
	if (A && k->ch && !(rc = fill(user, A, ng)))
		for (size_t g = 0; g < ng; g++)
			for (int f = 0; f < NF; f++)
				finish_change(A + g * NF + f, b, c, g, ng, f, mg,
				              k->ch + g * NF + f);
	airs__free(&k->mem, A);
	if (!rc)
		rc = copy_ids(k, c, 1, &k->uid, &k->nu);
	if (!rc)
		rc = copy_ids(k, c, 0, &k->add, &k->nadd);
	if (!rc)
		rc = copy_ids(k, b, 0, &k->rem, &k->nrem);
	return rc;
}

typedef struct raw {
	side *b, *c;
	const airs__mem *mem;
} raw;

/* Both results' people, in two walks (the header comment). */
static int fill_raw(void *user, acc *A, size_t ng)
{
	raw *x = user;
	uint64_t *stamp = airs__calloc(x->mem, ng, sizeof *stamp);
	int rc = AIRS_ENOMEM;

	if (stamp && !(rc = accumulate(x->b, x->c, A, ng, stamp, 0)))
		rc = accumulate(x->b, x->c, A, ng, stamp, 1);
	airs__free(x->mem, stamp);
	return rc;
}

int airs_compare(const airs_result *base, const airs_result *current,
                 const airs_compare_options *opts, airs_comparison **out,
                 airs_diag *diag)
{
	airs_compare_options o;
	airs_comparison *k;
	char db[65], dc[65];
	side b, c;
	raw x = { &b, &c, NULL };
	int rc, changed, mg;

	if (!out)
		return airs__diag_fail(diag, AIRS_EINVAL, "out is NULL");
	*out = NULL;
	if (!base || !current)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "airs_compare needs two results");
	method_digest(base, db);
	method_digest(current, dc);
	if ((rc = airs__compare_check(db, dc, base->params_digest,
	                              current->params_digest, opts, &o,
	                              &changed, diag)))
		return rc;
	k = airs__comparison_new(&current->mem, base->params_digest,
	                         current->params_digest, changed);
	if (!k)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	x.mem = &k->mem;
	mg = base->pv.min_group > current->pv.min_group ? base->pv.min_group
	                                                : current->pv.min_group;
	memset(&c, 0, sizeof c);
	rc = side_init(&b, base);
	if (!rc)
		rc = side_init(&c, current);
	if (!rc)
		rc = airs__compare_run(k, &b, &c, mg, fill_raw, &x);
	return airs__compare_done(k, &b, &c, rc, out, diag);
}

int airs__compare_done(airs_comparison *k, side *b, side *c, int rc,
                       airs_comparison **out, airs_diag *diag)
{
	airs__compare_side_free(b);
	airs__compare_side_free(c);
	if (rc) {
		airs_comparison_free(k);
		return airs__diag_fail(diag, rc, "out of memory");
	}
	*out = k;
	return AIRS_OK;
}

const char *airs_comparison_digest(const airs_comparison *c, int which)
{
	return c && (which == 0 || which == 1) ? c->digest[which] : NULL;
}

int airs_comparison_params_changed(const airs_comparison *c)
{
	return c ? c->params_changed : 0;
}

size_t airs_comparison_unit_count(const airs_comparison *c)
{
	return c ? c->nu : 0;
}

const char *airs_comparison_unit_id(const airs_comparison *c, size_t i)
{
	return c && i < c->nu ? c->uid[i] : NULL;
}

size_t airs_comparison_added_count(const airs_comparison *c)
{
	return c ? c->nadd : 0;
}

const char *airs_comparison_added(const airs_comparison *c, size_t i)
{
	return c && i < c->nadd ? c->add[i] : NULL;
}

size_t airs_comparison_removed_count(const airs_comparison *c)
{
	return c ? c->nrem : 0;
}

const char *airs_comparison_removed(const airs_comparison *c, size_t i)
{
	return c && i < c->nrem ? c->rem[i] : NULL;
}

int airs_comparison_change(const airs_comparison *c, size_t unit, int figure,
                           airs_change *out)
{
	if (!c || airs__struct_out_check(out, sizeof *out, sizeof *out))
		return AIRS_EINVAL;
	if (unit == AIRS_ROLLUP_ORG)
		unit = c->nu;
	else if (unit >= c->nu)
		return AIRS_ERANGE;
	if (figure < 0 || figure >= NF)
		return AIRS_ERANGE;
	airs__struct_out(out, c->ch + unit * NF + figure, sizeof *out);
	return AIRS_OK;
}
