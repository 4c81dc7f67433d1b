/*
 * asof.c - methodology 2: the as-of date a scoring run uses.
 *
 * Given by the parameter as_of, or the latest date of observed evidence
 * - assessments, completed and in-progress training, survey responses,
 * usage months (as their first day); planned training never counts -
 * once the outlier rule has had its say: of the n dated records, set the
 * latest k = max(1, floor(as_of.outlier_share * n)) aside; the latest
 * date of the others is where the bulk of the data ends, and a record
 * dated more than as_of.outlier_days after it is left out.  A typo such
 * as 2062 for 2026 is one record far beyond the rest; a new batch of
 * real data is more than k records and moves the bulk with it.
 *
 * The bulk's date, an order statistic, is found without sorting: the
 * dates are counted in blocks of 32 days (740 KB covers 1900..9999),
 * then by day within the one block that holds it.  Two linear passes
 * over the records, a third only when the latest lies beyond the cutoff;
 * no wall clock.  A pass runs on lanes, each over a contiguous run of
 * the records with counts of its own, added up after: counts and
 * maxima, the same for any split.
 */
#include "asof.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "parallel.h"

#define BLOCK_BITS 5
#define BLOCK_DAYS (1 << BLOCK_BITS)
#define NBLOCKS \
	((size_t)((AIRS__DAY_MAX - AIRS__DAY_MIN) >> BLOCK_BITS) + 1)

/* The record kinds that carry evidence, in the order of their files. */
enum { EV_ASSESSMENT, EV_TRAINING, EV_RESPONSE, EV_USAGE, EV_KINDS };

static size_t ev_count(const airs_model *m, int k)
{
	switch (k) {
	case EV_ASSESSMENT: return m->assessments.n;
	case EV_TRAINING: return m->trainings.n;
	case EV_RESPONSE: return m->responses.n;
	default: return m->usages.n;
	}
}

/* Nonzero, with *d its date, when record i of kind k is observed
 * evidence. */
static int ev_date(const airs_model *m, int k, size_t i, airs_date *d)
{
	switch (k) {
	case EV_ASSESSMENT:
		*d = m->assessments.v[i].date;
		break;
	case EV_TRAINING:
		if (m->trainings.v[i].status == AIRS_TRAINING_PLANNED)
			return 0;
		*d = m->trainings.v[i].date;
		break;
	case EV_RESPONSE:
		*d = m->responses.v[i].date;
		break;
	default:
		*d = airs__month_start(m->usages.v[i].period);
		break;
	}
	return airs__date_valid(*d);
}

static size_t block_of(airs_date d)
{
	return (size_t)(d - AIRS__DAY_MIN) >> BLOCK_BITS;
}

/* What one pass does with each dated record: count them, the latest and
 * the blocks (pass 1), the days of the block from `first` (pass 2), or the
 * latest on or before `cutoff` and how many lie after it (pass 3). */
enum { PASS_COUNT, PASS_DAYS, PASS_SETTLE };

typedef struct {
	int pass;
	uint64_t n, *blk, *day, after;
	airs_date latest, first, cutoff;
} pass_st;

/* Apply pass p to n dates: the test of airs__date_valid() inlined and
 * the pass chosen once for a batch, these passes being most of what
 * finding the as-of date costs. */
static void apply(pass_st *p, const airs_date *d, size_t n)
{
	airs_date x, latest = p->latest;
	uint64_t c = 0;
	size_t i;

	if (p->pass == PASS_COUNT) {
		for (i = 0; i < n; i++) {
			x = d[i];
			if (x < AIRS__DAY_MIN || x > AIRS__DAY_MAX)
				continue;
			c++;
			latest = x > latest ? x : latest;
			if (p->blk)
				p->blk[block_of(x)]++;
		}
		p->n += c;
	} else if (p->pass == PASS_DAYS) {
		for (i = 0; i < n; i++) {
			x = d[i];
			if (x >= p->first && x < p->first + BLOCK_DAYS &&
			    x <= AIRS__DAY_MAX)
				p->day[x - p->first]++;
		}
	} else {
		for (i = 0; i < n; i++) {
			x = d[i];
			if (x < AIRS__DAY_MIN || x > AIRS__DAY_MAX)
				continue;
			if (x > p->cutoff)
				c++;
			else
				latest = x > latest ? x : latest;
		}
		p->after += c;
	}
	p->latest = latest;
}

#define BATCH 256
#define MONTH_MEMO 64

/* Of a kind's n records, which follow `base` records of the kinds
 * before it, those among records lo .. hi - 1 of all kinds: a .. b - 1
 * of its own; base moves past the kind. */
static void span(size_t *base, size_t n, size_t lo, size_t hi, size_t *a,
                 size_t *b)
{
	size_t s = *base, e = s + n;

	*a = (lo < s ? s : lo > e ? e : lo) - s;
	*b = (hi < s ? s : hi > e ? e : hi) - s;
	if (*b < *a)
		*b = *a;
	*base = e;
}

/* A pass over records lo .. hi - 1 of the observed evidence, taken
 * kind by kind (the order of ev_date()), the dates gathered in batches;
 * a usage month's first day is remembered by month (a run's usage spans
 * few months). */
static void run_range(const airs_model *m, pass_st *p, size_t lo, size_t hi)
{
	int64_t mk[MONTH_MEMO]; /* INT64_MIN: empty, no month's value */
	airs_date buf[BATCH], md[MONTH_MEMO];
	size_t i, k = 0, j, a, b, base = 0;

	for (j = 0; j < MONTH_MEMO; j++)
		mk[j] = INT64_MIN;
#define PUT(x) do { buf[k++] = (x); \
		if (k == BATCH) { apply(p, buf, k); k = 0; } } while (0)
#define RUN(arr) do { \
		span(&base, (arr).n, lo, hi, &a, &b); \
		for (i = a; i < b; i += k) { \
			k = b - i < BATCH ? b - i : BATCH; \
			for (j = 0; j < k; j++) \
				buf[j] = (arr).v[i + j].date; \
			apply(p, buf, k); \
		} \
		k = 0; } while (0)
	RUN(m->assessments);
	span(&base, m->trainings.n, lo, hi, &a, &b);
	for (i = a; i < b; i++)
		if (m->trainings.v[i].status != AIRS_TRAINING_PLANNED)
			PUT(m->trainings.v[i].date);
	apply(p, buf, k);
	RUN(m->responses);
#undef RUN
	span(&base, m->usages.n, lo, hi, &a, &b);
	for (i = a; i < b; i++) {
		airs_month mo = m->usages.v[i].period;

		j = (size_t)mo % MONTH_MEMO;
		if (mk[j] != mo) {
			mk[j] = mo;
			md[j] = airs__month_start(mo);
		}
		PUT(md[j]);
	}
#undef PUT
	apply(p, buf, k);
}

/* The most lanes a pass runs on, and the fewest records worth one (a
 * lane's block counts are 740 KB). */
#define LANES_MAX 4
#define LANE_MIN 4096

/* A pass on lanes: lane t takes the t-th of `lanes` contiguous runs of
 * the n records with a pass_st of its own, begun as the pass's, and
 * writes its own counts (blk: NBLOCKS each, day: BLOCK_DAYS each). */
struct lanes {
	const airs_model *m;
	pass_st p[LANES_MAX];
	size_t lanes, n;
};

static void lane_run(void *ctx, size_t t)
{
	struct lanes *l = ctx;
	size_t q = l->n / l->lanes, rem = l->n % l->lanes;
	size_t lo = t * q + (t < rem ? t : rem);

	run_range(l->m, &l->p[t], lo, lo + q + (t < rem));
}

/* Run pass p over every record on l->lanes lanes and add the lanes'
 * findings into p: counts and maxima, exact in any split. */
static void run_pass(struct lanes *l, pass_st *p)
{
	size_t t, i;

	for (t = 0; t < l->lanes; t++) {
		l->p[t] = *p;
		if (p->blk)
			l->p[t].blk = p->blk + t * NBLOCKS;
		if (p->day)
			l->p[t].day = p->day + t * BLOCK_DAYS;
	}
	airs__parallel_for(l->lanes, l->lanes, lane_run, l);
	/* lane 0 counted into p's own blk and day */
	p->n = l->p[0].n;
	p->after = l->p[0].after;
	p->latest = l->p[0].latest;
	for (t = 1; t < l->lanes; t++) {
		const pass_st *q = &l->p[t];
		p->n += q->n;
		p->after += q->after;
		p->latest = q->latest > p->latest ? q->latest : p->latest;
		for (i = 0; p->blk && i < NBLOCKS; i++)
			p->blk[i] += q->blk[i];
		for (i = 0; p->day && i < BLOCK_DAYS; i++)
			p->day[i] += q->day[i];
	}
}

/* Pass 1: how many dated records, the latest, and (blk not NULL: room
 * for the lanes') how many in each block. */
static void count_evidence(struct lanes *l, uint64_t *blk,
                           airs_as_of_info *in)
{
	pass_st p = { PASS_COUNT, 0, blk, NULL, 0, INT32_MIN, 0, 0 };

	run_pass(l, &p);
	in->evidence = p.n;
	in->latest = p.n ? p.latest : 0;
}

/* Pass 2: the date of the r-th earliest record (1-based), from the
 * block counts. */
static airs_date rth_date(struct lanes *l, const uint64_t *blk, uint64_t r)
{
	uint64_t day[LANES_MAX * BLOCK_DAYS] = { 0 }, seen = 0;
	pass_st p = { PASS_DAYS, 0, NULL, day, 0, 0, 0, 0 };
	size_t b = 0, i;

	while (seen + blk[b] < r)
		seen += blk[b++];
	p.first = AIRS__DAY_MIN + (airs_date)(b << BLOCK_BITS);
	run_pass(l, &p);
	for (i = 0; seen + day[i] < r; i++)
		seen += day[i];
	return p.first + (airs_date)i;
}

/* Pass 3: the latest date on or before cutoff, and how many records
 * lie after it. */
static void settle(struct lanes *l, airs_date cutoff, airs_as_of_info *in)
{
	pass_st p = { PASS_SETTLE, 0, NULL, NULL, 0, INT32_MIN, 0, cutoff };

	run_pass(l, &p);
	in->left_out = p.after;
	in->as_of = p.latest;
}

static uint64_t planned_after(const airs_model *m, airs_date as_of)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < m->trainings.n; i++)
		if (m->trainings.v[i].status == AIRS_TRAINING_PLANNED &&
		    m->trainings.v[i].date > as_of)
			n++;
	return n;
}

int airs__as_of(const airs_model *m, const airs__pv *pv, const airs__mem *mem,
                size_t threads, airs_as_of_info *in)
{
	struct lanes l;
	uint64_t *blk = NULL, k;

	l.m = m;
	l.n = m->assessments.n + m->trainings.n + m->responses.n +
	      m->usages.n;
	l.lanes = airs__threads_for(threads, l.n, LANE_MIN);
	if (l.lanes > LANES_MAX)
		l.lanes = LANES_MAX;
	in->bulk = 0;
	in->left_out = 0;
	if (!pv->as_of_auto) {
		count_evidence(&l, NULL, in);
		in->rule = AIRS_AS_OF_GIVEN;
		in->as_of = pv->as_of;
	} else {
		if (!(blk = airs__calloc(mem, NBLOCKS * l.lanes, sizeof *blk)))
			return AIRS_ENOMEM;
		count_evidence(&l, blk, in);
		k = (uint64_t)floor(pv->outlier_share * (double)in->evidence);
		if (k < 1)
			k = 1;
		in->rule = in->evidence ? AIRS_AS_OF_EVIDENCE
		                        : AIRS_AS_OF_NO_EVIDENCE;
		in->as_of = in->latest;
		if (in->evidence > k) {
			in->bulk = rth_date(&l, blk, in->evidence - k);
			/* Nothing lies after the cutoff when the latest does
			 * not: the as-of date is the latest, as settle()
			 * would find. */
			if (in->latest > in->bulk + pv->outlier_days)
				settle(&l, in->bulk + pv->outlier_days, in);
		}
		airs__free(mem, blk);
	}
	in->planned_after = planned_after(m, in->as_of);
	return AIRS_OK;
}

/* The diagnostic of a left-out record: record i of kind k, dated d. */
static void left_out_diag(const airs_model *m, const airs__pv *pv,
                          const airs_as_of_info *in, int k, size_t i,
                          airs_date d, airs_diag *out)
{
	static const char *const what[EV_KINDS] = { "an assessment",
	                                            "a training record",
	                                            "a survey response",
	                                            "a usage row" };
	const airs__srcmap *src[EV_KINDS] = { &m->assessments.src,
	                                      &m->trainings.src,
	                                      &m->responses.src,
	                                      &m->usages.src };
	const char *file = NULL;
	char when[11], bulk[11], head[48];
	uint64_t line = 0;
	uint32_t col = 0;
	int found = airs__src_find(src[k], i, &file, &line, &col);

	if (k == EV_USAGE)
		airs_month_format(m->usages.v[i].period, when);
	else
		airs_date_format(d, when);
	airs_date_format(in->bulk, bulk);
	if (found)
		snprintf(head, sizeof head, "%s %s",
		         k == EV_USAGE ? "period" : "date", when);
	else /* added through the API: no position to name */
		snprintf(head, sizeof head, "%s dated %s", what[k], when);
	airs__diag_set(out, AIRS_OK, AIRS_SEVERITY_WARNING, found ? file : NULL,
	               line, col,
	               "%s is %ld days after %s, where the bulk of the dated "
	               "records ends, more than as_of.outlier_days (%d): left "
	               "out of the as-of date and of every score; correct it, "
	               "or set as_of to include it",
	               head, (long)(d - in->bulk), bulk, pv->outlier_days);
}

void airs__as_of_report(const airs_model *m, const airs__pv *pv,
                        const airs_as_of_info *in, airs_diag_fn fn,
                        void *user)
{
	airs_date d, cutoff = in->bulk + pv->outlier_days;
	airs_diag diag = AIRS_DIAG_INIT;
	uint64_t named = 0;
	size_t i;
	int k;

	if (!fn || !in->left_out)
		return;
	for (k = 0; k < EV_KINDS && named < AIRS__AS_OF_NAMED; k++)
		for (i = 0; i < ev_count(m, k) && named < AIRS__AS_OF_NAMED; i++)
			if (ev_date(m, k, i, &d) && d > cutoff) {
				left_out_diag(m, pv, in, k, i, d, &diag);
				fn(&diag, user);
				named++;
			}
	if (in->left_out > named) {
		char bulk[11];
		airs_date_format(in->bulk, bulk);
		airs__diag_set(&diag, AIRS_OK, AIRS_SEVERITY_WARNING, NULL, 0, 0,
		               "%llu more records dated more than "
		               "as_of.outlier_days (%d) after %s are left out",
		               (unsigned long long)(in->left_out - named),
		               pv->outlier_days, bulk);
		fn(&diag, user);
	}
}
