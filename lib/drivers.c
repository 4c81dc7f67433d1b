/*
 * drivers.c - relative weights, the Shapley decomposition and their
 * bootstrap (drivers.h; methodology 10).
 */
#include "drivers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "airs/common.h"
#include "linalg.h"
#include "parallel.h"
#include "rng.h"

#define K AIRS__DRIVERS_MAX

/* Row r of a sample: its index and its weight (idx, wt NULL: row r,
 * weight 1). */
#define ROW(idx, r) ((idx) ? (size_t)(idx)[r] : (r))
#define WEIGHT(wt, r) ((wt) ? (double)(wt)[r] : 1.0)

/* Weighted means of the k + 1 columns (the outcome last). */
static void means(size_t n, size_t k, const double *x, const double *y,
                  const uint32_t *idx, const uint32_t *wt, double *m)
{
	double total = 0;

	memset(m, 0, (k + 1) * sizeof *m);
	for (size_t r = 0; r < n; r++) {
		size_t i = ROW(idx, r);
		double wi = WEIGHT(wt, r);
		for (size_t j = 0; j < k; j++)
			m[j] += wi * x[i * k + j];
		m[k] += wi * y[i];
		total += wi;
	}
	for (size_t j = 0; j <= k; j++)
		m[j] = total > 0 ? m[j] / total : 0;
}

void airs__drivers_corr(size_t n, size_t k, const double *x, const double *y,
                        const uint32_t *idx, const uint32_t *wt, double *rxx,
                        double *rxy)
{
	double m[K + 1], c[(K + 1) * (K + 1)] = { 0 }, d[K + 1], wd[K + 1];
	size_t k1 = k + 1;

	means(n, k, x, y, idx, wt, m);
	for (size_t r = 0; r < n; r++) {
		size_t i = ROW(idx, r);
		double wi = WEIGHT(wt, r);
		for (size_t a = 0; a < k1; a++)
			d[a] = (a < k ? x[i * k + a] : y[i]) - m[a];
		/* wi * d[a] * d[b] is (wi * d[a]) * d[b]: the same products,
		 * with the row's factor taken once and the inner loop over
		 * contiguous b */
		for (size_t a = 0; a < k1; a++)
			wd[a] = wi * d[a];
		for (size_t a = 0; a < k1; a++)
			for (size_t b = a; b < k1; b++)
				c[a * k1 + b] += wd[a] * d[b];
	}
	/* sd 0: the column does not vary; its correlations are 0. */
	for (size_t a = 0; a < k1; a++)
		d[a] = c[a * k1 + a] > 0 ? sqrt(c[a * k1 + a]) : 0;
	for (size_t a = 0; a < k; a++) {
		for (size_t b = 0; b < k; b++) {
			size_t lo = a < b ? a : b, hi = a < b ? b : a;
			double r = d[a] > 0 && d[b] > 0 ?
			           c[lo * k1 + hi] / (d[a] * d[b]) : 0;
			rxx[a * k + b] = a == b ? 1 : r;
		}
		rxy[a] = d[a] > 0 && d[k] > 0 ? c[a * k1 + k] / (d[a] * d[k]) : 0;
	}
}

/* The R^2 of every subset of drivers (r2s[mask]), by a depth-first walk
 * that grows one Cholesky factor: a subset's R^2 is its parent's plus
 * the squared new element of the forward-solved correlations. */
typedef struct subsets {
	size_t k;
	const double *rxx, *rxy;
	double *r2s;
	double l[K * K], z[K];
	size_t member[K];
} subsets;

static void visit(subsets *s, size_t d, unsigned mask, size_t from, double r2)
{
	s->r2s[mask] = r2;
	for (size_t j = from; j < s->k; j++) {
		double col[K], x = s->rxy[j], *row = s->l + d * K;
		for (size_t i = 0; i < d; i++)
			col[i] = s->rxx[s->member[i] * s->k + j];
		s->member[d] = j;
		s->z[d] = 0;
		if (airs__chol_append(d, K, s->l, col, s->rxx[j * s->k + j])) {
			for (size_t m = 0; m < d; m++)
				x -= row[m] * s->z[m];
			s->z[d] = x / row[d];
		}
		visit(s, d + 1, mask | 1u << j, j + 1, r2 + s->z[d] * s->z[d]);
	}
}

/* LMG: each driver's gain in R^2 averaged over the orders of entry,
 * grouped by the subset before it: weight |S|! (k - 1 - |S|)! / k!. */
static void shapley(size_t k, const double *r2s, double *lmg)
{
	double w[K];
	unsigned char size[1u << K]; /* members of each subset */

	size[0] = 0;
	for (unsigned mask = 1; mask < 1u << k; mask++)
		size[mask] = (unsigned char)(size[mask & (mask - 1)] + 1);
	w[0] = 1.0 / (double)k;
	for (size_t s = 1; s < k; s++)
		w[s] = w[s - 1] * (double)s / (double)(k - s);
	for (size_t j = 0; j < k; j++) {
		double sum = 0;
		for (unsigned mask = 0; mask < 1u << k; mask++) {
			if (mask & 1u << j)
				continue;
			sum += w[size[mask]] * (r2s[mask | 1u << j] - r2s[mask]);
		}
		lmg[j] = sum;
	}
}

/* Johnson's relative weights and the standardised coefficients, from
 * rxx = V diag(lambda) V^T: Lambda = V diag(sqrt lambda) V^T relates the
 * drivers to their closest orthogonal counterparts, beta* = V diag(1 /
 * sqrt lambda) V^T rxy regresses the outcome on those, and driver j's
 * weight is sum_i Lambda_ji^2 beta*_i^2.  Eigenvalues at most 1e-10 of
 * the largest count as 0 (pseudo-inverse): a driver that others span
 * shares their weight instead of blowing it up. */
static void johnson(size_t k, const double *rxx, const double *rxy,
                    airs__drivers_fit *fit)
{
	double a[K * K], lam[K], v[K * K], vr[K], bstar[K], sl[K];
	unsigned char keep[K];

	memcpy(a, rxx, k * k * sizeof *a);
	airs__jacobi_eigen(k, a, lam, v);
	/* each eigenvalue's root and whether it counts, once (they were
	 * taken k^3 times in the loops below: the same values) */
	for (size_t m = 0; m < k; m++) {
		keep[m] = lam[m] > 1e-10 * lam[k - 1];
		sl[m] = keep[m] ? sqrt(lam[m]) : 0;
	}
	for (size_t i = 0; i < k; i++) {
		vr[i] = 0;
		for (size_t j = 0; j < k; j++)
			vr[i] += v[j * k + i] * rxy[j];
	}
	for (size_t j = 0; j < k; j++) {
		bstar[j] = fit->beta[j] = 0;
		for (size_t i = 0; i < k; i++) {
			if (!keep[i])
				continue;
			bstar[j] += v[j * k + i] * vr[i] / sl[i];
			fit->beta[j] += v[j * k + i] * vr[i] / lam[i];
		}
	}
	for (size_t j = 0; j < k; j++) {
		double raw = 0;
		for (size_t i = 0; i < k; i++) {
			double zji = 0;
			for (size_t m = 0; m < k; m++)
				if (keep[m])
					zji += v[j * k + m] * sl[m] * v[i * k + m];
			raw += zji * zji * bstar[i] * bstar[i];
		}
		fit->raw[j] = raw;
	}
}

void airs__drivers_from_corr(size_t k, const double *rxx, const double *rxy,
                             airs__drivers_fit *fit)
{
	double r2s[1u << K];
	subsets s;

	memset(fit, 0, sizeof *fit);
	s.k = k, s.rxx = rxx, s.rxy = rxy, s.r2s = r2s;
	visit(&s, 0, 0, 0, 0);
	fit->r2 = r2s[(1u << k) - 1];
	shapley(k, r2s, fit->lmg);
	johnson(k, rxx, rxy, fit);
}

void airs__drivers_fit_sample(size_t n, size_t k, const double *x,
                              const double *y, const uint32_t *idx,
                              const uint32_t *wt, airs__drivers_fit *fit)
{
	double rxx[K * K], rxy[K];

	airs__drivers_corr(n, k, x, y, idx, wt, rxx, rxy);
	airs__drivers_from_corr(k, rxx, rxy, fit);
}

/* The bootstrap: replicates cut into `runs` contiguous runs, run i with
 * its own counts (n of them), every replicate writing its own row of
 * stats. */
typedef struct boot {
	size_t n, k, reps, runs;
	const double *x, *y;
	uint64_t seed;
	uint32_t *counts;  /* 3 n per run: counts, then the rows drawn and
	                      their counts */
	double *stats;
} boot;

static void boot_run(void *ctx, size_t run)
{
	boot *b = ctx;
	uint32_t *w = b->counts + run * 3 * b->n, *idx = w + b->n,
	         *wt = idx + b->n;
	size_t ns = AIRS__DRIVERS_STATS(b->k);

	for (size_t r = run * b->reps / b->runs;
	     r < (run + 1) * b->reps / b->runs; r++) {
		uint64_t state = airs__rng_stream(b->seed, r);
		airs__drivers_fit fit;
		double *st = b->stats + r * ns;
		size_t m = 0;
		memset(w, 0, b->n * sizeof *w);
		for (size_t i = 0; i < b->n; i++)
			w[airs__rng_below(&state, b->n)]++;
		/* the rows drawn, ascending, without a branch: a row drawn
		 * 0 times added nothing to any sum, so skipping it changes
		 * no bit */
		for (size_t i = 0; i < b->n; i++) {
			idx[m] = (uint32_t)i;
			wt[m] = w[i];
			m += w[i] != 0;
		}
		airs__drivers_fit_sample(m, b->k, b->x, b->y, idx, wt, &fit);
		st[0] = fit.r2;
		for (size_t j = 0; j < b->k; j++)
			st[1 + j] = fit.raw[j], st[1 + b->k + j] = fit.lmg[j];
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* numpy.percentile's default: linear between order statistics. */
static double quantile(const double *sorted, size_t m, double p)
{
	double h = (double)(m - 1) * p, f = floor(h);
	size_t i = (size_t)f;

	if (i + 1 >= m)
		return sorted[m - 1];
	return sorted[i] + (h - f) * (sorted[i + 1] - sorted[i]);
}

static void percentiles(const boot *b, double *col, double *ci)
{
	size_t ns = AIRS__DRIVERS_STATS(b->k);

	for (size_t s = 0; s < ns; s++) {
		for (size_t r = 0; r < b->reps; r++)
			col[r] = b->stats[r * ns + s];
		qsort(col, b->reps, sizeof *col, cmp_double);
		ci[2 * s] = quantile(col, b->reps, 0.025);
		ci[2 * s + 1] = quantile(col, b->reps, 0.975);
	}
}

int airs__drivers_boot(const airs__mem *mem, size_t n, size_t k,
                       const double *x, const double *y, size_t reps,
                       uint64_t seed, size_t threads, double *ci)
{
	boot b = { n, k, reps, 0, x, y, seed, NULL, NULL };
	size_t ns = AIRS__DRIVERS_STATS(k);
	double *col;

	if (reps == 0 || n == 0) {
		for (size_t s = 0; s < 2 * ns; s++)
			ci[s] = NAN;
		return AIRS_OK;
	}
	b.runs = airs__threads_for(threads, reps, 16);
	b.counts = airs__calloc(mem, b.runs * 3 * n, sizeof *b.counts);
	b.stats = airs__calloc(mem, reps * ns, sizeof *b.stats);
	col = airs__calloc(mem, reps, sizeof *col);
	if (!b.counts || !b.stats || !col) {
		airs__free(mem, b.counts), airs__free(mem, b.stats);
		airs__free(mem, col);
		return AIRS_ENOMEM;
	}
	airs__parallel_for(b.runs, b.runs, boot_run, &b);
	percentiles(&b, col, ci);
	airs__free(mem, b.counts), airs__free(mem, b.stats);
	airs__free(mem, col);
	return AIRS_OK;
}
