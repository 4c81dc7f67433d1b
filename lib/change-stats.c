/*
 * change-stats.c - the tests of a change between two results
 * (change-stats.h; methodology 4.5).
 */
#include "change-stats.h"

#include <math.h>

static void unknown(airs__change *o, double diff)
{
	o->diff = diff;
	o->lo = o->hi = o->stat = o->df = o->p = NAN;
}

/* Two-sided p of Student's t: P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2). */
static double t_p(double t, double df)
{
	if (isinf(t))
		return 0;
	return airs__betai(df / 2, 0.5, df / (df + t * t));
}

/* The t test of d with squared standard error s2 on df degrees. */
static void t_test(double d, double s2, double df, airs__change *o)
{
	double h;

	if (isnan(d) || !(s2 >= 0) || !(df > 0)) {
		unknown(o, d);
		return;
	}
	h = airs__t_quantile(0.975, df) * sqrt(s2);
	o->diff = d;
	o->lo = d - h;
	o->hi = d + h;
	o->df = df;
	if (s2 == 0) {
		/* no spread: SciPy gives t = +-inf (p 0), or NaN for d = 0 */
		o->stat = d == 0 ? NAN : d > 0 ? INFINITY : -INFINITY;
		o->p = d == 0 ? NAN : 0;
		return;
	}
	o->stat = d / sqrt(s2);
	o->p = t_p(o->stat, df);
}

void airs__change_welch(const airs__sample *base, const airs__sample *cur,
                        airs__change *o)
{
	double d = cur->mean - base->mean, s1, s2, df;

	if (base->n < 2 || cur->n < 2) {
		unknown(o, d);
		return;
	}
	s1 = base->var / (double)base->n;
	s2 = cur->var / (double)cur->n;
	df = s1 + s2 > 0 ? (s1 + s2) * (s1 + s2) /
	                           (s1 * s1 / (double)(base->n - 1) +
	                            s2 * s2 / (double)(cur->n - 1))
	                 : (double)(base->n + cur->n - 2);
	t_test(d, s1 + s2, df, o);
}

void airs__change_paired(double md, double vd, uint64_t n, airs__change *o)
{
	if (n < 2) {
		unknown(o, n ? md : NAN);
		return;
	}
	t_test(md, vd / (double)n, (double)(n - 1), o);
}

void airs__change_mcnemar(uint64_t b, uint64_t c, uint64_t n,
                          airs__change *o)
{
	double nn = (double)n, m = (double)(b + c), k = (double)(b < c ? b : c);
	double d, se, p;

	if (!n || b + c > n) {
		unknown(o, NAN);
		return;
	}
	d = ((double)c - (double)b) / nn;
	se = sqrt(m - ((double)c - (double)b) * ((double)c - (double)b) / nn) /
	     nn;
	o->diff = d;
	o->lo = d - AIRS__Z95 * se;
	o->hi = d + AIRS__Z95 * se;
	o->stat = k;
	o->df = NAN;
	/* twice the binomial(b + c, 1/2) tail at the smaller count:
	 * P(X <= k) = I_{1/2}(m - k, k + 1) */
	p = k >= m ? 1 : 2 * airs__betai(m - k, k + 1, 0.5);
	o->p = p > 1 ? 1 : p;
}

void airs__change_two_prop(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2,
                           airs__change *o)
{
	double p1, p2, d, pool, se0, se;

	if (!n1 || !n2 || x1 > n1 || x2 > n2) {
		unknown(o, NAN);
		return;
	}
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	d = p2 - p1;
	se = sqrt(p1 * (1 - p1) / (double)n1 + p2 * (1 - p2) / (double)n2);
	o->diff = d;
	o->lo = d - AIRS__Z95 * se;
	o->hi = d + AIRS__Z95 * se;
	o->df = NAN;
	pool = (double)(x1 + x2) / (double)(n1 + n2);
	se0 = sqrt(pool * (1 - pool) * (1 / (double)n1 + 1 / (double)n2));
	if (!(se0 > 0)) {
		o->stat = o->p = NAN;   /* all yes or all no on both sides */
		return;
	}
	o->stat = d / se0;
	o->p = erfc(fabs(o->stat) / sqrt(2.0));
}
