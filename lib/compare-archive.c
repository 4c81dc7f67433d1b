/*
 * compare-archive.c - airs_compare_archives() (airs/archive.h;
 * methodology 4.8): the change of every figure between two archives,
 * through compare.c's core (compare-impl.h).
 *
 * Each group side's sums are its units' moments added up the tree (the
 * exact integer sums an archive keeps, archive.c); the people on both
 * sides are the keyed hashes both archives hold, matched in hash order,
 * and give each figure's panel and rule 4's set differences.  Their
 * values are not known, so every test is independent (acc.no_pairs).
 */
#include <string.h>

#include "archive.h"
#include "compare-impl.h"
#include "error.h"
#include "quantum.h"
#include "score.h"

typedef struct arx {
	const airs_archive *a[2];
	side *s[2];
	const airs__mem *mem;
} arx;

/* Add unit moments m (fam: the unit's people in each survey flag's
 * family, by flag bit) to a group side. */
static void add_moments(airs__mom *t, const airs__mom *m)
{
	for (int f = 0; f < NF; f++, t++, m++) {
		t->n += m->n;
		t->s += m->s;
		for (int i = 0; i < AIRS__SQ_LIMBS; i++)
			t->sq[i] += m->sq[i];
		t->m += m->m;
		t->xx += m->xx;
		t->xm += m->xm;
		t->mm += m->mm;
	}
}

/* Each group side's moments (T: ng * NF a side) and family counts. */
static void sum_side(const arx *x, int cur, airs__mom *T, uint64_t *fam,
                     size_t ng)
{
	const airs_archive *a = x->a[cur];
	const side *s = x->s[cur];

	for (size_t u = 0; u < a->nu; u++) {
		uint64_t uf[AIRS_FLAG_BITS_] = { 0 };
		if (a->at[u] == a->at[u + 1])
			continue;
		for (size_t i = a->at[u]; i < a->at[u + 1]; i++)
			for (int b = 0; b < AIRS_FLAG_BITS_; b++)
				uf[b] += a->ent[i].bits >> (AIRS__ARCH_FAM + b) & 1u;
		for (size_t v = u;; v = s->parent[v]) {
			size_t g = v == (size_t)-1 ? ng - 1 : s->group[v];
			if (g != (size_t)-1) {
				add_moments(T + g * NF, a->mom + a->slot[u] * NF);
				for (int b = 0; b < AIRS_FLAG_BITS_; b++)
					fam[g * AIRS_FLAG_BITS_ + b] += uf[b];
			}
			if (v == (size_t)-1)
				break;
		}
	}
}

/* A group side's sums as compare.c's accumulators hold them. */
static void to_acc(acc *a, const airs__mom *t, int f, int cur)
{
	wf *w = cur ? &a->c : &a->b;
	int kind = airs__arch_kind(f);
	double n = (double)t->n;

	a->no_pairs = 1;
	w->n = t->n;
	if (!t->n)
		return;
	if (kind == 0) {
		double v = airs__sq_variance(t->sq, t->s, t->n);
		w->mean = (double)t->s / n / AIRS__Q;
		w->m2 = t->n > 1 ? v * (n - 1) / (AIRS__Q * AIRS__Q) : 0;
	} else if (kind == 1) {
		*(cur ? &a->xc : &a->xb) = (uint64_t)t->s;
		w->mean = (double)t->s / n;
	} else {
		double r = (double)t->s / (double)t->m, mbar = (double)t->m / n;
		double ss = (double)t->xx - 2 * r * (double)t->xm +
		            r * r * (double)t->mm;
		a->num[cur] = t->s;
		a->den[cur] = t->m;
		a->cnt[cur] = t->n;
		w->mean = r;
		w->m2 = (ss > 0 ? ss : 0) / (mbar * mbar);
	}
}

/* A person on both sides (entries eb, ec) counts in the groups that
 * hold them on both: stamp marks the base's path. */
static void add_both(const arx *x, size_t eb, size_t ec, acc *A, size_t ng,
                     uint64_t *stamp, uint64_t serial)
{
	const side *sb = x->s[0], *sc = x->s[1];
	uint64_t bb = x->a[0]->ent[eb].bits, bc = x->a[1]->ent[ec].bits;
	uint64_t both = bb & bc;

	for (size_t v = x->a[0]->unit_of[eb]; v != (size_t)-1; v = sb->parent[v])
		if (sb->group[v] != (size_t)-1)
			stamp[sb->group[v]] = serial;
	stamp[ng - 1] = serial;
	for (size_t v = x->a[1]->unit_of[ec];; v = sc->parent[v]) {
		size_t g = v == (size_t)-1 ? ng - 1 : sc->group[v];
		if (g != (size_t)-1 && stamp[g] == serial) {
			acc *a = A + g * NF;
			for (int f = 0; f < NF; f++) {
				a[f].d.n += both >> f & 1u;
				if (airs__change_survey_flag(f))
					a[f].rboth += both >> (AIRS__ARCH_FAM + f -
					                       AIRS_CHANGE_FLAG) & 1u;
			}
			a[AIRS_CHANGE_RESPONSE_RATE].yes_yes +=
				both >> AIRS__ARCH_RESPONDENT & 1u;
		}
		if (v == (size_t)-1)
			break;
	}
}

/* The people in both archives, in hash order. */
static int match_people(const arx *x, acc *A, size_t ng)
{
	const airs_archive *ab = x->a[0], *ac = x->a[1];
	size_t i = 0, j = 0, nb = ab->at[ab->nu], nc = ac->at[ac->nu];
	uint64_t *stamp = airs__calloc(x->mem, ng, sizeof *stamp), serial = 0;

	if (!stamp)
		return AIRS_ENOMEM;
	while (i < nb && j < nc) {
		size_t eb = ab->by_hash[i], ec = ac->by_hash[j];
		int cmp = memcmp(ab->ent[eb].h, ac->ent[ec].h, AIRS__ARCH_HASH);
		if (!cmp)
			add_both(x, eb, ec, A, ng, stamp, ++serial);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	airs__free(x->mem, stamp);
	return AIRS_OK;
}

static int fill_archives(void *user, acc *A, size_t ng)
{
	const arx *x = user;
	airs__mom *T = airs__calloc(x->mem, 2 * ng * NF, sizeof *T);
	uint64_t *fam = airs__calloc(x->mem, 2 * ng * AIRS_FLAG_BITS_,
	                             sizeof *fam);
	int rc = AIRS_ENOMEM;

	if (T && fam) {
		for (int cur = 0; cur < 2; cur++)
			sum_side(x, cur, T + cur * ng * NF,
			         fam + cur * ng * AIRS_FLAG_BITS_, ng);
		for (size_t k = 0; k < ng * NF; k++) {
			int f = (int)(k % NF);
			to_acc(&A[k], &T[k], f, 0);
			to_acc(&A[k], &T[ng * NF + k], f, 1);
			if (airs__change_survey_flag(f)) {
				size_t b = (k / NF) * AIRS_FLAG_BITS_ +
				           (size_t)(f - AIRS_CHANGE_FLAG);
				A[k].rb = fam[b];
				A[k].rc = fam[ng * AIRS_FLAG_BITS_ + b];
			}
		}
		rc = match_people(x, A, ng);
	}
	airs__free(x->mem, T);
	airs__free(x->mem, fam);
	return rc;
}

static int check_methodology(const airs_archive *b, const airs_archive *c,
                             airs_diag *diag)
{
	const char *mb = b->prov.methodology_version;
	const char *mc = c->prov.methodology_version;

	if (!strcmp(mb, AIRS_METHODOLOGY_VERSION) &&
	    !strcmp(mc, AIRS_METHODOLOGY_VERSION))
		return AIRS_OK;
	return airs__diag_fail(diag, AIRS_EMISMATCH, "the archives were made "
	                       "with methodology %s (base) and %s (current); "
	                       "this library compares figures of methodology "
	                       "%s only: score both periods again from their "
	                       "data with one methodology",
	                       mb, mc, AIRS_METHODOLOGY_VERSION);
}

int airs_compare_archives(const airs_archive *base,
                          const airs_archive *current,
                          const airs_compare_options *opts,
                          airs_comparison **out, airs_diag *diag)
{
	airs_compare_options o;
	airs_comparison *k;
	side b, c;
	arx x = { { base, current }, { &b, &c }, NULL };
	int rc, changed, mg;

	if (!out)
		return airs__diag_fail(diag, AIRS_EINVAL, "out is NULL");
	*out = NULL;
	if (!base || !current)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "airs_compare_archives needs two archives");
	if ((rc = check_methodology(base, current, diag)) ||
	    (rc = airs__compare_check(base->method_digest,
	                              current->method_digest,
	                              base->prov.params_digest,
	                              current->prov.params_digest, opts, &o,
	                              &changed, diag)))
		return rc;
	k = airs__comparison_new(&current->mem, base->prov.params_digest,
	                         current->prov.params_digest, changed);
	if (!k)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	x.mem = &k->mem;
	mg = base->min_group > current->min_group ? base->min_group
	                                          : current->min_group;
	memset(&c, 0, sizeof c);
	rc = airs__compare_side(&b, base->rollup, &k->mem);
	if (!rc)
		rc = airs__compare_side(&c, current->rollup, &k->mem);
	if (!rc)
		rc = airs__compare_run(k, &b, &c, mg, fill_archives, &x);
	return airs__compare_done(k, &b, &c, rc, out, diag);
}
