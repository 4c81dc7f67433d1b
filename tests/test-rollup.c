/* Unit aggregates: exact sums, means, medians, shares, heatmap, net score
 * and perception gap; order independence; exact merging through the text
 * form; anonymity, including a brute-force differencing attack; merge and
 * parse errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollup.h"
#include "sha256.h"
#include "rollup-impl.h"   /* airs__qmean: the means as readers see them */
#include "test-suppress.h"
#include "suppress-old.h"
#include "textbuf.h"

#include "harness.h"

static airs_model *m;
static airs__mem mem;
static const char DIGEST0[65] =
        "0000000000000000000000000000000000000000000000000000000000000000";
static const char DIGEST1[65] =
        "1111111111111111111111111111111111111111111111111111111111111111";

static void setup(void)
{
	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
}

static void teardown(void)
{
	airs_model_free(m);
	m = NULL;
}

static void unit(const char *id, const char *parent, int target)
{
	airs_unit_rec r = AIRS_UNIT_REC_INIT;

	r.id = id;
	r.name = id;
	r.parent_id = parent;
	r.target_level = target;
	ck_assert_int_eq(airs_model_add_unit(m, &r), AIRS_OK);
}

static void skill(const char *id)
{
	airs_skill_rec r = AIRS_SKILL_REC_INIT;

	r.id = id;
	r.name = id;
	ck_assert_int_eq(airs_model_add_skill(m, &r), AIRS_OK);
}

static uint32_t uix(const char *id)
{
	size_t i;

	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_UNIT, id, &i), AIRS_OK);
	return (uint32_t)i;
}

/* adkar.barrier_threshold = 3, quantised */
#define BARRIER_Q ((int64_t)3000000000)

static airs_rollup *new_rollup(int k, const char *digest)
{
	airs_rollup *r;

	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs__rollup_new(&r, &mem, m, k, digest, BARRIER_Q), AIRS_OK);
	return r;
}

/* An employee with a readiness (NaN: none), a level and the unit's
 * target for the gap. */
static airs__emp_detail emp(const char *u, int leader, double readiness,
                            int level, int target)
{
	airs__emp_detail d;

	memset(&d, 0, sizeof d);
	d.unit = uix(u);
	d.leader = leader;
	d.has_readiness = !isnan(readiness);
	d.insufficient = isnan(readiness); /* scoring: exactly the unscored */
	d.readiness_q = airs__quantise(readiness);
	d.level = level;
	d.has_gap = level && target;
	d.gap_levels = target - level;
	d.below_target = level < target;
	d.barrier = AIRS_BARRIER_UNKNOWN;
	return d;
}

/* Make d answer construct c with score v over `items` items. */
static void answer(airs__emp_detail *d, int c, double v, uint32_t items,
                   uint32_t fav, uint32_t unf)
{
	d->respondent = 1;
	d->construct_present |= 1u << c;
	d->construct_q[c] = airs__quantise(v);
	d->items[c] = items;
	d->favourable[c] = fav;
	d->unfavourable[c] = unf;
}

static void add(airs_rollup *r, const airs__emp_detail *d)
{
	ck_assert_int_eq(airs__rollup_add(r, d), AIRS_OK);
}

static airs_unit_score get_unit(const airs_rollup *r, const char *id)
{
	airs_unit_score s = AIRS_UNIT_SCORE_INIT;
	size_t i = AIRS_ROLLUP_ORG;

	if (id)
		ck_assert_int_eq(airs_rollup_find_unit(r, id, &i), AIRS_OK);
	ck_assert_int_eq(airs_rollup_unit(r, i, &s), AIRS_OK);
	return s;
}

static airs_construct_score get_cons(const airs_rollup *r, const char *id,
                                     int c)
{
	airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
	size_t i = AIRS_ROLLUP_ORG;

	if (id)
		ck_assert_int_eq(airs_rollup_find_unit(r, id, &i), AIRS_OK);
	ck_assert_int_eq(airs_rollup_construct(r, i, c, &s), AIRS_OK);
	return s;
}

/* Bitwise equality of doubles: NaN equals NaN, and 0.1 + 0.2 differs
 * from 0.3. */
static int same_d(double a, double b)
{
	return !memcmp(&a, &b, sizeof a);
}

static int same_s(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void assert_same_unit(const airs_unit_score *a, const airs_unit_score *b)
{
	ck_assert(same_s(a->id, b->id) && same_s(a->name, b->name) &&
	          same_s(a->parent_id, b->parent_id));
	ck_assert_int_eq(a->depth, b->depth);
	ck_assert_uint_eq(a->headcount, b->headcount);
	ck_assert_uint_eq(a->scored, b->scored);
	ck_assert(same_d(a->readiness_mean, b->readiness_mean));
	ck_assert(same_d(a->readiness_median, b->readiness_median));
	ck_assert(!memcmp(a->levels, b->levels, sizeof a->levels));
	ck_assert_int_eq(a->target, b->target);
	ck_assert_uint_eq(a->with_target, b->with_target);
	ck_assert(same_d(a->gap_mean, b->gap_mean));
	ck_assert(same_d(a->below_target_share, b->below_target_share));
	ck_assert(!memcmp(a->flags, b->flags, sizeof a->flags));
	ck_assert(same_d(a->net_score, b->net_score));
	ck_assert_uint_eq(a->net_respondents, b->net_respondents);
	ck_assert(same_d(a->time_saved, b->time_saved));
	ck_assert_uint_eq(a->time_saved_respondents, b->time_saved_respondents);
}

static void assert_same_cons(const airs_construct_score *a,
                             const airs_construct_score *b)
{
	ck_assert_uint_eq(a->respondents, b->respondents);
	ck_assert(same_d(a->mean, b->mean));
	ck_assert(same_d(a->favourable, b->favourable));
	ck_assert(same_d(a->unfavourable, b->unfavourable));
	ck_assert_uint_eq(a->leaders, b->leaders);
	ck_assert_uint_eq(a->staff, b->staff);
	ck_assert(same_d(a->leaders_mean, b->leaders_mean));
	ck_assert(same_d(a->staff_mean, b->staff_mean));
	ck_assert(same_d(a->perception_gap, b->perception_gap));
}

/* Every public field of two rollups, units, organisation, constructs and
 * heatmap. */
static void assert_same_rollup(const airs_rollup *a, const airs_rollup *b)
{
	size_t i, c, s, n = airs_rollup_unit_count(a);

	ck_assert_uint_eq(n, airs_rollup_unit_count(b));
	ck_assert_uint_eq(airs_rollup_skill_count(a), airs_rollup_skill_count(b));
	for (i = 0; i <= n; i++) {
		size_t ix = i == n ? AIRS_ROLLUP_ORG : i;
		airs_unit_score ua = AIRS_UNIT_SCORE_INIT, ub = AIRS_UNIT_SCORE_INIT;
		ck_assert_int_eq(airs_rollup_unit(a, ix, &ua), AIRS_OK);
		ck_assert_int_eq(airs_rollup_unit(b, ix, &ub), AIRS_OK);
		assert_same_unit(&ua, &ub);
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score ca = AIRS_CONSTRUCT_SCORE_INIT;
			airs_construct_score cb = AIRS_CONSTRUCT_SCORE_INIT;
			ck_assert_int_eq(airs_rollup_construct(a, ix, (int)c, &ca),
			                 AIRS_OK);
			ck_assert_int_eq(airs_rollup_construct(b, ix, (int)c, &cb),
			                 AIRS_OK);
			assert_same_cons(&ca, &cb);
		}
		for (s = 0; s < airs_rollup_skill_count(a); s++) {
			double ga, gb;
			uint64_t na, nb;
			ck_assert_int_eq(airs_rollup_skill(a, ix, s, &ga, &na),
			                 AIRS_OK);
			ck_assert_int_eq(airs_rollup_skill(b, ix, s, &gb, &nb),
			                 AIRS_OK);
			ck_assert_uint_eq(na, nb);
			ck_assert(same_d(ga, gb));
		}
	}
}

/* The text form into a growing buffer. */
typedef struct textbuf buf;

static buf text_of(const airs_rollup *r)
{
	buf b = { NULL, 0, 0 };

	ck_assert_int_eq(airs_rollup_write(r, textbuf_write, &b), AIRS_OK);
	return b;
}

static airs_rollup *reread(const airs_rollup *r)
{
	buf b = text_of(r);
	airs_rollup *out;
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs_rollup_read(&out, b.p, b.n, NULL, &d);

	ck_assert_msg(rc == AIRS_OK, "line %llu: %s", (unsigned long long)d.line,
	              d.text);
	free(b.p);
	return out;
}

/* ------------------------------------------------------------------------
 * Exact values
 * ---------------------------------------------------------------------- */



/* The partial documented in docs/output-format.md reads, and writes back
 * byte for byte: the documentation shows the format as it is. */
START_TEST(documented_partial)
{
	FILE *f = fopen(SOURCE_ROOT "/docs/output-format.md", "rb");
	static char doc[1 << 17];
	size_t n;
	char *a, *e;
	airs_rollup *r = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	buf t;

	ck_assert_ptr_nonnull(f);
	n = fread(doc, 1, sizeof doc - 1, f);
	fclose(f);
	doc[n] = 0;
	a = strstr(doc, "```\nairs-rollup 3\ndigest 3f0c");
	ck_assert_ptr_nonnull(a);
	a += 4;
	e = strstr(a, "end\n```");
	ck_assert_ptr_nonnull(e);
	e += 4;
	ck_assert_msg(airs_rollup_read(&r, a, (size_t)(e - a), NULL, &d) ==
	                      AIRS_OK,
	              "line %u: %s", (unsigned)d.line, d.text);
	t = text_of(r);
	ck_assert_uint_eq(t.n, (size_t)(e - a));
	ck_assert(memcmp(t.p, a, t.n) == 0);
	free(t.p);
	airs_rollup_free(r);
}
END_TEST

/* Methodology 4.3's worked example: a team of 14 (6 leaders), 10 scored,
 * 12 answering clarity.  The expected values are SciPy's and
 * statsmodels' (proportion_confint(method="wilson"), t.ppf), as the
 * methodology lists them. */
#define CLOSE(a, b) ck_assert_msg(fabs((a) - (b)) <= 1e-9 * (1 + fabs(b)), \
                                  "%s = %.17g, not %.17g", #a, (a), (b))
START_TEST(intervals_worked_example)
{
	static const double ready[10] = { 20, 35, 40, 45, 50, 55, 60, 65, 70, 80 };
	static const int level[10] = { 2, 2, 3, 3, 3, 3, 4, 4, 4, 5 };
	static const double lead[5] = { 0.75, 1.0, 0.75, 0.5, 1.0 };
	static const double staff[7] = { 0.25, 0.5, 0.5, 0.75, 0.25, 0.5, 0.0 };
	airs_rollup *r;
	airs_unit_score s;
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	size_t i;

	unit("T", NULL, 3);
	r = new_rollup(5, DIGEST0);
	for (i = 0; i < 14; i++) {
		airs__emp_detail e = i < 10 ? emp("T", i >= 8, ready[i], level[i], 3)
		                            : emp("T", i >= 10, NAN, 0, 3);
		/* leaders: 8, 9 (scored) and 10..13; answers: 5 leaders, 7 staff */
		if (i < 7)
			answer(&e, AIRS_CONSTRUCT_CLARITY, staff[i], 1,
			       staff[i] >= 0.75, staff[i] <= 0.25);
		else if (i >= 8 && i < 13)
			answer(&e, AIRS_CONSTRUCT_CLARITY, lead[i - 8], 1,
			       lead[i - 8] >= 0.75, lead[i - 8] <= 0.25);
		add(r, &e);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	s = get_unit(r, "T");
	ck_assert_uint_eq(s.headcount, 14);
	ck_assert_uint_eq(s.scored, 10);
	ck_assert_uint_eq(s.leaders, 6);
	CLOSE(s.readiness_mean, 52.0);
	CLOSE(s.readiness_ci.low, 44.92636159512146);
	CLOSE(s.readiness_ci.high, 59.07363840487854);
	CLOSE(s.gap_mean, -0.3);
	CLOSE(s.gap_ci.low, -0.6764457066194207);
	CLOSE(s.gap_ci.high, 0.07644570661942068);
	CLOSE(s.below_target_ci.low, 0.056682151454375246);
	CLOSE(s.below_target_ci.high, 0.5098375284633583);
	ck_assert_uint_eq(s.respondents, 12);
	CLOSE(s.response_rate_ci.low, 0.6005862050302964);
	CLOSE(s.response_rate_ci.high, 0.959906078728535);
	ck_assert(isnan(s.time_saved_ci.low) && isnan(s.time_saved_ci.high));
	/* no flag raised: 0 of 14, Wilson's [0, 0.2153] */
	ck_assert(s.flag_rate_ci[0].low == 0);
	CLOSE(s.flag_rate_ci[0].high, 0.21531080273763586);

	ck_assert_int_eq(airs_rollup_construct(r, 0, AIRS_CONSTRUCT_CLARITY, &c),
	                 AIRS_OK);
	ck_assert_uint_eq(c.respondents, 12);
	CLOSE(c.mean, 0.5625);
	CLOSE(c.mean_ci.low, 0.4867748465989947);
	CLOSE(c.mean_ci.high, 0.6382251534010053);
	CLOSE(c.favourable_ci.low, 0.1932603136587565);
	CLOSE(c.favourable_ci.high, 0.6804886874504502);
	CLOSE(c.unfavourable_ci.low, 0.08894166839405476);
	CLOSE(c.unfavourable_ci.high, 0.5323053349335658);
	CLOSE(c.leaders_mean_ci.low, 0.6838529682307404);
	CLOSE(c.leaders_mean_ci.high, 0.9161470317692597);
	CLOSE(c.staff_mean_ci.low, 0.30757351958091317);
	CLOSE(c.staff_mean_ci.high, 0.47814076613337253);
	CLOSE(c.perception_gap, 0.4071428571428572);
	CLOSE(c.perception_gap_ci.low, 0.2832944710246615);
	CLOSE(c.perception_gap_ci.high, 0.530991243261053);
	/* the organisation is the same people: the same intervals */
	ck_assert_int_eq(airs_rollup_construct(r, AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_CLARITY, &c),
	                 AIRS_OK);
	CLOSE(c.perception_gap_ci.low, 0.2832944710246615);
	airs_rollup_free(r);
}
END_TEST

/* Methodology 4.6's worked example: team W of 7, 6 answering every
 * attitude construct, 5 with a skill fit, 6 with adoption.  The
 * intervals are SciPy's t.ppf with the finite-population correction,
 * as the methodology lists them. */
START_TEST(adkar_profile_worked_example)
{
	static const double S[7] = { 0.5, 0.75, 1, 0.25, 0.5, NAN, NAN };
	static const double Ad[7] = { 0.25, 0.5, 0.25, 0, 0.5, 0.5, NAN };
	static const double ans[6][6] = {
		/* clarity, usefulness, trust, security, support, voice */
		{ 0.75, 0.5, 0.25, 0.25, 0.75, 0.5 },
		{ 1, 0.75, 0.5, 0.25, 0.75, 0.5 },
		{ 0.75, 0.5, 0.5, 0.5, 1, 0.75 },
		{ 0.5, 0.25, 0.5, 0, 0.5, 0.25 },
		{ 1, 0.5, 0.75, 0.25, 0.75, 0.5 },
		{ 0.75, 0.5, 0.5, 0.25, 0.75, 0.5 },
	};
	/* their own barrier points with individual answers withheld: from
	 * Knowledge (1 + 4 S) and Ability (1 + 4 Ad) alone */
	static const int own[7] = { AIRS_ADKAR_KNOWLEDGE, AIRS_ADKAR_ABILITY,
	                            AIRS_ADKAR_ABILITY, AIRS_ADKAR_KNOWLEDGE,
	                            AIRS_ADKAR_KNOWLEDGE, AIRS_ADKAR_ABILITY,
	                            AIRS_BARRIER_UNKNOWN };
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT, org = AIRS_UNIT_ADKAR_INIT;
	airs_rollup *r, *back;
	size_t i, k;

	unit("W", NULL, 3);
	r = new_rollup(5, DIGEST0);
	for (i = 0; i < 7; i++) {
		airs__emp_detail e = emp("W", 0, NAN, 0, 3);
		for (k = 0; i < 6 && k < 6; k++)
			answer(&e, (int)k, ans[i][k], 1, 0, 0);
		e.has_fit = !isnan(S[i]);
		e.fit_q = e.has_fit ? airs__quantise(S[i]) : 0;
		e.has_adoption = !isnan(Ad[i]);
		e.adoption_q = e.has_adoption ? airs__quantise(Ad[i]) : 0;
		e.barrier = own[i];
		add(r, &e);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_adkar(r, 0, &a), AIRS_OK);
	CLOSE(a.element[AIRS_ADKAR_AWARENESS], 4.166666666666667);
	CLOSE(a.element_ci[AIRS_ADKAR_AWARENESS].low, 3.844156048640957);
	CLOSE(a.element_ci[AIRS_ADKAR_AWARENESS].high, 4.489177284692376);
	CLOSE(a.element[AIRS_ADKAR_DESIRE], 2.666666666666667);
	CLOSE(a.element_ci[AIRS_ADKAR_DESIRE].low, 2.3957035494812873);
	CLOSE(a.element_ci[AIRS_ADKAR_DESIRE].high, 2.9376297838520466);
	CLOSE(a.element[AIRS_ADKAR_KNOWLEDGE], 3.4);
	CLOSE(a.element_ci[AIRS_ADKAR_KNOWLEDGE].low, 2.5826366924135526);
	CLOSE(a.element_ci[AIRS_ADKAR_KNOWLEDGE].high, 4.217363307586448);
	CLOSE(a.element[AIRS_ADKAR_ABILITY], 2.333333333333333);
	CLOSE(a.element_ci[AIRS_ADKAR_ABILITY].low, 1.9835214532348584);
	CLOSE(a.element_ci[AIRS_ADKAR_ABILITY].high, 2.683145213431808);
	CLOSE(a.element[AIRS_ADKAR_REINFORCEMENT], 3.5);
	CLOSE(a.element_ci[AIRS_ADKAR_REINFORCEMENT].low, 3.2290368828146203);
	CLOSE(a.element_ci[AIRS_ADKAR_REINFORCEMENT].high, 3.7709631171853797);
	for (k = 0; k < AIRS_ADKAR_COUNT_; k++)
		ck_assert_int_eq(a.source[k], AIRS_ADKAR_SOURCE_UNIT);
	ck_assert_uint_eq(a.hidden, 0);
	ck_assert_uint_eq(a.knowledge_n, 5);
	ck_assert_uint_eq(a.ability_n, 6);
	/* Awareness 4.17 > 3, Desire 2.67 <= 3 */
	ck_assert_int_eq(a.barrier, AIRS_ADKAR_DESIRE);
	ck_assert_uint_eq(a.barriers[AIRS_ADKAR_KNOWLEDGE], 3);
	ck_assert_uint_eq(a.barriers[AIRS_ADKAR_ABILITY], 3);
	ck_assert_uint_eq(a.barriers[AIRS_BARRIER_UNKNOWN], 1);
	/* the organisation is the one unit; a partial reads back the same */
	ck_assert_int_eq(airs_rollup_adkar(r, AIRS_ROLLUP_ORG, &org), AIRS_OK);
	ck_assert(memcmp(&a, &org, sizeof a) == 0);
	back = reread(r);
	ck_assert_int_eq(airs_rollup_adkar(back, 0, &org), AIRS_OK);
	ck_assert(memcmp(&a, &org, sizeof a) == 0);
	/* errors */
	ck_assert_int_eq(airs_rollup_adkar(r, 1, &org), AIRS_ERANGE);
	ck_assert_int_eq(airs_rollup_adkar(NULL, 0, &org), AIRS_EINVAL);
	ck_assert_int_eq(airs_rollup_adkar(r, 0, NULL), AIRS_EINVAL);
	airs_rollup_free(back);
	airs_rollup_free(r);
}
END_TEST

/* A survey element whose figures are all hidden is NaN and marked;
 * Knowledge and Ability are never hidden. */
START_TEST(adkar_profile_hidden_and_staff)
{
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
	airs_rollup *r;
	size_t ui;
	int i;

	unit("ORG", NULL, 0);
	unit("A", "ORG", 0);
	unit("B", "ORG", 0);
	r = new_rollup(5, DIGEST0);
	/* A: 3 respondents (hidden); B: 6 staff and 1 leader, all
	 * answering clarity (the total hides with the leader) */
	for (i = 0; i < 10; i++) {
		airs__emp_detail d = emp(i < 3 ? "A" : "B", i == 9, NAN, 0, 0);
		answer(&d, AIRS_CONSTRUCT_CLARITY, i < 3 ? 0.25 : 0.5, 1, 0, 0);
		d.has_fit = 1;
		d.fit_q = airs__quantise(0.5);
		add(r, &d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_find_unit(r, "A", &ui), AIRS_OK);
	ck_assert_int_eq(airs_rollup_adkar(r, ui, &a), AIRS_OK);
	ck_assert(isnan(a.element[AIRS_ADKAR_AWARENESS]));
	ck_assert_int_eq(a.source[AIRS_ADKAR_AWARENESS], -1);
	ck_assert_uint_eq(a.hidden, 1u << AIRS_ADKAR_AWARENESS);
	ck_assert(isnan(a.element[AIRS_ADKAR_DESIRE])); /* no answers */
	CLOSE(a.element[AIRS_ADKAR_KNOWLEDGE], 3.0);
	ck_assert_int_eq(a.barrier, AIRS_ADKAR_KNOWLEDGE);
	ck_assert_int_eq(airs_rollup_find_unit(r, "B", &ui), AIRS_OK);
	ck_assert_int_eq(airs_rollup_adkar(r, ui, &a), AIRS_OK);
	/* B's leader hides its total, staff and leaders alike here (the
	 * staff figure standing in for a hidden total is the sample's case,
	 * tests/test-plan.c, interventions_from_published_figures) */
	ck_assert_uint_eq(get_cons(r, "B", AIRS_CONSTRUCT_CLARITY).staff,
	                  AIRS_SUPPRESSED);
	ck_assert(isnan(a.element[AIRS_ADKAR_AWARENESS]));
	ck_assert_uint_eq(a.hidden, 1u << AIRS_ADKAR_AWARENESS);
	ck_assert_int_eq(a.barrier, AIRS_ADKAR_KNOWLEDGE);
	/* the organisation's total is shown: 10 answers */
	ck_assert_int_eq(airs_rollup_adkar(r, AIRS_ROLLUP_ORG, &a), AIRS_OK);
	ck_assert_int_eq(a.source[AIRS_ADKAR_AWARENESS], AIRS_ADKAR_SOURCE_UNIT);
	CLOSE(a.element[AIRS_ADKAR_AWARENESS], 1 + 4 * (3 * 0.25 + 7 * 0.5) / 10);
	ck_assert_int_eq(a.barrier, AIRS_ADKAR_AWARENESS);
	airs_rollup_free(r);
}
END_TEST


/* A census has no sampling error; one value of many cannot tell its
 * spread; an interval never leaves the values' range; a suppressed
 * figure's interval is suppressed with it. */
START_TEST(intervals_edges)
{
	airs_rollup *r;
	airs_unit_score s;
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	airs__emp_detail e;
	int i;

	unit("ALL", NULL, 3);
	unit("ONE", NULL, 3);
	unit("WIDE", NULL, 3);
	r = new_rollup(5, DIGEST0);
	for (i = 0; i < 3; i++) {
		e = emp("ALL", 0, 10.0 * i, 1, 3);
		answer(&e, AIRS_CONSTRUCT_TRUST, 0.5, 1, 0, 0);
		add(r, &e);
	}
	e = emp("ONE", 0, 50, 3, 3);
	add(r, &e);
	e = emp("ONE", 0, NAN, 0, 3);
	add(r, &e);
	e = emp("WIDE", 0, 0, 1, 3);
	add(r, &e);
	e = emp("WIDE", 0, 100, 5, 3);
	add(r, &e);
	for (i = 0; i < 40; i++) {
		e = emp("WIDE", 0, NAN, 0, 3);
		add(r, &e);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	s = get_unit(r, "ALL");
	CLOSE(s.readiness_ci.low, 10.0);
	CLOSE(s.readiness_ci.high, 10.0);
	s = get_unit(r, "ONE");
	ck_assert(isnan(s.readiness_ci.low) && isnan(s.readiness_ci.high));
	s = get_unit(r, "WIDE"); /* 0 and 100 of 42: t(1) = 12.7 */
	ck_assert(s.readiness_ci.low == 0 && s.readiness_ci.high == 100);
	ck_assert(s.gap_ci.low == -4 && s.gap_ci.high == 4);
	/* 3 answers to trust are hidden, and so are their intervals */
	ck_assert_int_eq(airs_rollup_construct(r, 0, AIRS_CONSTRUCT_TRUST, &c),
	                 AIRS_OK);
	ck_assert_uint_eq(c.respondents, AIRS_SUPPRESSED);
	ck_assert(isnan(c.mean_ci.low) && isnan(c.favourable_ci.high) &&
	          isnan(c.staff_mean_ci.low) && isnan(c.perception_gap_ci.high));
	s = get_unit(r, "ALL");
	ck_assert_uint_eq(s.respondents, AIRS_SUPPRESSED);
	ck_assert(isnan(s.response_rate_ci.low));
	airs_rollup_free(r);
}
END_TEST

/* Methodology section 7: the three analysts. */
START_TEST(worked_example)
{
	airs_rollup *r;
	airs__emp_detail e1, e2, e3;
	airs_unit_score s = AIRS_UNIT_SCORE_INIT;
	airs_construct_score c;

	unit("ORG", NULL, 3);
	unit("TEAM-B", "ORG", 0);
	unit("TEAM-A", "ORG", 4);
	r = new_rollup(5, DIGEST0);
	e1 = emp("TEAM-A", 1, 91.25, 5, 4);
	e2 = emp("TEAM-A", 0, 34825.0 / 888.0, 2, 4);
	e3 = emp("TEAM-B", 0, 0.0, 1, 3);
	e1.flags = AIRS_FLAG_OVERCONFIDENCE;
	e2.flags = e3.flags = AIRS_FLAG_LEFT_BEHIND;
	answer(&e1, AIRS_CONSTRUCT_CLARITY, 1.0, 1, 1, 0);
	answer(&e2, AIRS_CONSTRUCT_CLARITY, 0.25, 1, 0, 1);
	/* both flags turned on E1's and E2's answers (not raised) */
	e1.flags_read = e2.flags_read = AIRS_FLAG_FATIGUE | AIRS_FLAG_NO_BENEFIT;
	add(r, &e1);
	add(r, &e2);
	add(r, &e3);
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);

	/* tree order: siblings by id, whatever the order of addition */
	ck_assert_uint_eq(airs_rollup_unit_count(r), 3);
	ck_assert_int_eq(airs_rollup_unit(r, 1, &s), AIRS_OK);
	ck_assert_str_eq(s.id, "TEAM-A");
	ck_assert_str_eq(s.parent_id, "ORG");
	ck_assert_int_eq(s.depth, 1);
	/* found by id (a search in id order), absent ids before, between
	 * and after them not */
	{
		static const char *const absent[] = { "", "A", "ORG-", "TEAM",
		                                      "TEAM-AB", "TEAM-C", "Z" };
		size_t i, j;
		for (i = 0; i < 3; i++) {
			ck_assert_int_eq(airs_rollup_unit(r, i, &s), AIRS_OK);
			ck_assert_int_eq(airs_rollup_find_unit(r, s.id, &j), AIRS_OK);
			ck_assert_uint_eq(j, i);
		}
		for (i = 0; i < sizeof absent / sizeof absent[0]; i++)
			ck_assert_int_eq(airs_rollup_find_unit(r, absent[i], &j),
			                 AIRS_ENOTFOUND);
	}

	s = get_unit(r, "TEAM-A");
	ck_assert_uint_eq(s.headcount, 2);
	ck_assert_uint_eq(s.scored, 2);
	ck_assert(s.readiness_mean == 65.233671171);
	ck_assert(s.readiness_median == 65.233671171);
	ck_assert_uint_eq(s.levels[2], 1);
	ck_assert_uint_eq(s.levels[5], 1);
	ck_assert_int_eq(s.target, 4);
	ck_assert(s.gap_mean == 0.5);
	ck_assert(s.below_target_share == 0.5);
	ck_assert_uint_eq(s.flags[3], 1);
	/* two people whose fatigue and no_benefit turned on their answers:
	 * the counts are suppressed; left_behind counts what individual
	 * results show (methodology 3.9) */
	ck_assert_uint_eq(s.flags[0], 1);
	ck_assert_uint_eq(s.flags[1], AIRS_SUPPRESSED);
	ck_assert_uint_eq(s.flags[4], AIRS_SUPPRESSED);

	s = get_unit(r, "TEAM-B");
	ck_assert_uint_eq(s.headcount, 1);
	ck_assert(s.readiness_mean == 0.0);
	ck_assert(s.below_target_share == 1.0);
	ck_assert_int_eq(s.target, 3);
	ck_assert_uint_eq(s.flags[0], 1);
	/* nobody's flag read answers: its 0 says nothing about them */
	ck_assert_uint_eq(s.flags[1], 0);
	ck_assert_uint_eq(s.flags[4], 0);

	s = get_unit(r, "ORG");
	ck_assert_uint_eq(s.headcount, 3);
	ck_assert(s.readiness_mean == 43.489114114);
	ck_assert(s.readiness_median == 39.217342342);
	ck_assert(s.below_target_share == 2.0 / 3.0);
	ck_assert_ptr_null(s.parent_id);

	s = get_unit(r, NULL);
	ck_assert_ptr_null(s.id);
	ck_assert_str_eq(s.name, "Organisation");
	ck_assert_uint_eq(s.headcount, 3);
	ck_assert_int_eq(s.target, 0);

	/* every survey aggregate is suppressed */
	c = get_cons(r, "ORG", AIRS_CONSTRUCT_CLARITY);
	ck_assert_uint_eq(c.respondents, AIRS_SUPPRESSED);
	ck_assert(isnan(c.mean) && isnan(c.favourable));
	ck_assert_uint_eq(c.leaders, AIRS_SUPPRESSED);
	ck_assert(isnan(c.perception_gap));
	c = get_cons(r, NULL, AIRS_CONSTRUCT_CLARITY);
	ck_assert_uint_eq(c.respondents, AIRS_SUPPRESSED);
	/* nobody answered trust: empty, not suppressed */
	c = get_cons(r, NULL, AIRS_CONSTRUCT_TRUST);
	ck_assert_uint_eq(c.respondents, 0);
	ck_assert(isnan(c.mean));
	airs_rollup_free(r);
}
END_TEST

START_TEST(medians_levels_heatmap_net_gap)
{
	static const uint32_t sk[2] = { 0, 1 };
	airs_rollup *r;
	airs_unit_score s;
	airs_construct_score c;
	double g;
	uint64_t n;
	int i;

	unit("HQ", NULL, 0);
	unit("A", "HQ", 3);
	unit("B", "HQ", 0);
	skill("prompting");
	skill("data");
	r = new_rollup(3, DIGEST0);
	/* A: readiness 10, 30, 50, 70 (even), one unscored; B: 20, 40, 90 */
	for (i = 0; i < 5; i++) {
		static const double rd[5] = { 70, 10, NAN, 50, 30 };
		static const int lv[5] = { 4, 1, 0, 3, 2 };
		int64_t gaps[2] = { airs__quantise(0.5 * i),
		                     airs__quantise(0.25 * i) };
		airs__emp_detail d = emp("A", i < 2, rd[i], lv[i], 3);
		/* leaders: clarity 0.75 and 1.0; staff 0.25, 0.5, 0.5 */
		answer(&d, AIRS_CONSTRUCT_CLARITY,
		       i == 0 ? 0.75 : i == 1 ? 1.0 : i == 2 ? 0.25 : 0.5, 2,
		       i < 2 ? 2 : 0, i == 2 ? 1 : 0);
		/* recommend rescaled to 0..10: 10, 9, 7, 6, 0 */
		answer(&d, AIRS_CONSTRUCT_RECOMMEND, (10 - i * 2.5) / 10, 1, 0, 0);
		d.net_responses = 1;
		d.promoters = i < 2;
		d.detractors = i >= 3;
		answer(&d, AIRS_CONSTRUCT_TIME_SAVED, (i + 0.5) / 8, 1, 0, 0);
		d.has_time_saved = 1;
		d.time_saved_q = airs__quantise(i + 0.5);
		d.nskills = i < 3 ? 2 : 1;
		d.skill = sk;
		d.skill_gap_q = gaps;
		add(r, &d);
	}
	for (i = 0; i < 3; i++) {
		static const double rd[3] = { 90, 20, 40 };
		airs__emp_detail d = emp("B", 0, rd[i], 1 + (int)(rd[i] / 20), 0);
		add(r, &d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);

	s = get_unit(r, "A");
	ck_assert_uint_eq(s.headcount, 5);
	ck_assert_uint_eq(s.scored, 4);
	ck_assert(s.readiness_mean == 40.0);
	ck_assert(s.readiness_median == 40.0); /* (30 + 50) / 2 */
	ck_assert_uint_eq(s.levels[0], 1);
	ck_assert_uint_eq(s.levels[4], 1);
	ck_assert_uint_eq(s.with_target, 4);
	ck_assert(s.gap_mean == 0.5); /* gaps -1, 2, 0, 1 */
	ck_assert(s.below_target_share == 0.5);
	ck_assert_uint_eq(s.net_respondents, 5);
	ck_assert(s.net_score == 0.0); /* (2 - 2) / 5 */
	ck_assert_uint_eq(s.time_saved_respondents, 5);
	ck_assert(s.time_saved == 2.5);

	s = get_unit(r, "B");
	ck_assert(s.readiness_median == 40.0); /* 20, 40, 90: odd */
	ck_assert(s.readiness_mean == 50.0);
	ck_assert_uint_eq(s.levels[2], 1);
	ck_assert_uint_eq(s.levels[3], 1);
	ck_assert_uint_eq(s.levels[5], 1);
	ck_assert_uint_eq(s.with_target, 0);
	ck_assert(isnan(s.gap_mean) && isnan(s.below_target_share));
	ck_assert(isnan(s.net_score));

	s = get_unit(r, "HQ");
	ck_assert_uint_eq(s.headcount, 8);
	ck_assert_uint_eq(s.scored, 7);
	ck_assert(s.readiness_median == 40.0); /* 10 20 30 40 50 70 90 */
	ck_assert(s.readiness_mean == 310.0 / 7.0);
	ck_assert_int_eq(s.target, 0);

	/* the heatmap: prompting gaps 0, 0.5, 1, 1.5, 2; data 0, 0.25, 0.5 */
	ck_assert_str_eq(airs_rollup_skill_id(r, 1), "data");
	ck_assert_int_eq(airs_rollup_skill(r, 1, 0, &g, &n), AIRS_OK); /* A */
	ck_assert_uint_eq(n, 5);
	ck_assert(g == 1.0);
	ck_assert_int_eq(airs_rollup_skill(r, 1, 1, &g, &n), AIRS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert(g == 0.25);
	ck_assert_int_eq(airs_rollup_skill(r, AIRS_ROLLUP_ORG, 1, &g, &n),
	                 AIRS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(airs_rollup_skill(r, 2, 1, &g, &n), AIRS_OK); /* B */
	ck_assert_uint_eq(n, 0);
	ck_assert(isnan(g));
	ck_assert_int_eq(airs_rollup_skill(r, 3, 0, &g, &n), AIRS_ERANGE);

	/* five respondents, k = 3: leaders (2) are hidden, and with them
	 * staff (3), or the leaders would be the difference */
	c = get_cons(r, "A", AIRS_CONSTRUCT_CLARITY);
	ck_assert_uint_eq(c.respondents, 5);
	ck_assert(c.mean == 0.6);
	ck_assert(c.favourable == 0.4);
	ck_assert(c.unfavourable == 0.1);
	ck_assert_uint_eq(c.leaders, AIRS_SUPPRESSED);
	ck_assert_uint_eq(c.staff, AIRS_SUPPRESSED);
	ck_assert(isnan(c.perception_gap));
	airs_rollup_free(r);
}
END_TEST

START_TEST(perception_gap)
{
	airs_rollup *r;
	airs_construct_score c;
	int i;

	unit("HQ", NULL, 0);
	r = new_rollup(3, DIGEST0);
	for (i = 0; i < 7; i++) {
		airs__emp_detail d = emp("HQ", i < 3, NAN, 0, 0);
		/* leaders 1.0, 0.75, 0.5; staff 0.25, 0.25, 0.5, 0.0 */
		static const double v[7] = { 1.0, 0.75, 0.5, 0.25, 0.25, 0.5, 0.0 };
		answer(&d, AIRS_CONSTRUCT_TRUST, v[i], 1, v[i] >= 0.75,
		       v[i] <= 0.25);
		add(r, &d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	c = get_cons(r, "HQ", AIRS_CONSTRUCT_TRUST);
	ck_assert_uint_eq(c.respondents, 7);
	ck_assert_uint_eq(c.leaders, 3);
	ck_assert_uint_eq(c.staff, 4);
	ck_assert(c.leaders_mean == 0.75);
	ck_assert(c.staff_mean == 0.25);
	ck_assert(c.perception_gap == 0.5);
	ck_assert(c.favourable == 2.0 / 7.0);
	ck_assert(c.unfavourable == 3.0 / 7.0);
	c = get_cons(r, NULL, AIRS_CONSTRUCT_TRUST);
	ck_assert(c.perception_gap == 0.5);
	airs_rollup_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Order independence and exact merging
 * ---------------------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng_state >> 33) % n);
}

/* A random detail; skill arrays point into per-detail storage. */
typedef struct rdetail {
	airs__emp_detail d;
	uint32_t sk[3];
	int64_t gap[3];
} rdetail;

static void random_detail(rdetail *x, uint32_t nunits, uint32_t nskills)
{
	airs__emp_detail *d = &x->d;
	int c;
	uint32_t s;

	memset(x, 0, sizeof *x);
	d->unit = rnd(nunits);
	d->leader = rnd(4) == 0;
	d->has_readiness = rnd(6) != 0;
	d->insufficient = !d->has_readiness;
	/* irrational-looking values, so quantisation matters */
	d->readiness_q = d->has_readiness ? airs__quantise(rnd(100001) / 1000.0 / 3.0)
	                                  : 0;
	d->level = d->has_readiness ? 1 + (int)rnd(5) : 0;
	d->has_gap = d->level && rnd(3);
	d->gap_levels = d->has_gap ? (int)rnd(5) - 2 : 0;
	d->below_target = d->gap_levels > 0;
	d->flags = rnd(32);
	for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++)
		if (rnd(3)) {
			uint32_t items = 1 + rnd(3), fav = rnd(items + 1);
			answer(d, c, rnd(1000) / 999.0, items, fav,
			       rnd(items - fav + 1));
		}
	/* the net score and time saved come from the recommend and
	 * time_saved constructs' answers, as scoring makes them */
	if ((d->construct_present >> AIRS_CONSTRUCT_RECOMMEND) & 1u) {
		d->net_responses = d->items[AIRS_CONSTRUCT_RECOMMEND];
		d->promoters = rnd(d->net_responses + 1);
		d->detractors = rnd(d->net_responses - d->promoters + 1);
	}
	d->has_time_saved = (d->construct_present >> AIRS_CONSTRUCT_TIME_SAVED) & 1u;
	d->time_saved_q = d->has_time_saved ? airs__quantise(rnd(400) / 7.0) : 0;
	/* the flags that read answers: raised only where they were read,
	 * read only from respondents */
	d->flags_read = d->respondent
	        ? (d->flags | rnd(32)) & (AIRS_FLAG_FATIGUE | AIRS_FLAG_NO_BENEFIT)
	        : 0;
	d->flags &= d->flags_read | ~(uint32_t)(AIRS_FLAG_FATIGUE |
	                                        AIRS_FLAG_NO_BENEFIT);
	for (s = 0; s < nskills; s++)
		if (rnd(2)) {
			x->sk[d->nskills] = s;
			x->gap[d->nskills++] = airs__quantise(rnd(501) / 100.0);
		}
	d->skill = x->sk;
	d->skill_gap_q = x->gap;
}

static void random_org(uint32_t nunits)
{
	char id[16], pid[16];
	uint32_t i;

	for (i = 0; i < nunits; i++) {
		/* ids out of addition order, so tree order differs from it */
		snprintf(id, sizeof id, "U%02u", (unsigned)((i * 7 + 3) % 50));
		if (i)
			snprintf(pid, sizeof pid, "U%02u",
			         (unsigned)((rnd(i) * 7 + 3) % 50));
		unit(id, i && rnd(5) ? pid : NULL, (int)rnd(6));
	}
	skill("s1");
	skill("s2");
	skill("s3");
}

START_TEST(order_independent)
{
	enum { N = 200 };
	rdetail *x = calloc(N, sizeof *x);
	airs_rollup *a, *b;
	buf ta, tb;
	int i, round;

	rng_state = 42;
	random_org(9);
	for (i = 0; i < N; i++)
		random_detail(&x[i], 9, 3);
	a = new_rollup(3, DIGEST0);
	for (i = 0; i < N; i++)
		add(a, &x[i].d);
	ck_assert_int_eq(airs__rollup_finalise(a, 1), AIRS_OK);
	for (round = 0; round < 5; round++) {
		for (i = N - 1; i > 0; i--) {
			uint32_t j = rnd((uint32_t)i + 1);
			rdetail t = x[i];
			x[i] = x[j];
			x[j] = t;
			x[i].d.skill = x[i].sk;
			x[i].d.skill_gap_q = x[i].gap;
			x[j].d.skill = x[j].sk;
			x[j].d.skill_gap_q = x[j].gap;
		}
		b = new_rollup(3, DIGEST0);
		for (i = 0; i < N; i++)
			add(b, &x[i].d);
		ck_assert_int_eq(airs__rollup_finalise(b, 1), AIRS_OK);
		assert_same_rollup(a, b);
		ta = text_of(a);
		tb = text_of(b);
		ck_assert_str_eq(ta.p, tb.p);
		free(ta.p);
		free(tb.p);
		airs_rollup_free(b);
	}
	airs_rollup_free(a);
	free(x);
}
END_TEST

START_TEST(merge_is_exact)
{
	enum { N = 150 };
	rdetail *x = calloc(N, sizeof *x);
	int trial;

	rng_state = 7;
	random_org(8);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	for (trial = 0; trial < 20; trial++) {
		airs_rollup *whole, *shard[5], *merged;
		uint32_t nsh = 2 + rnd(4), s;
		airs_diag d = AIRS_DIAG_INIT;
		buf tw, tm;
		int i;

		for (i = 0; i < N; i++)
			random_detail(&x[i], 8, 3);
		whole = new_rollup(3, DIGEST0);
		for (s = 0; s < nsh; s++)
			shard[s] = new_rollup(3, DIGEST0);
		for (i = 0; i < N; i++) {
			add(whole, &x[i].d);
			add(shard[rnd(nsh)], &x[i].d);
		}
		ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
		for (s = 0; s < nsh; s++)
			ck_assert_int_eq(airs__rollup_finalise(shard[s], 1), AIRS_OK);
		/* each shard travels as text */
		merged = reread(shard[0]);
		for (s = 1; s < nsh; s++) {
			airs_rollup *t = reread(shard[s]);
			ck_assert_int_eq(airs_rollup_merge(merged, t, &d), AIRS_OK);
			airs_rollup_free(t);
		}
		assert_same_rollup(whole, merged);
		tw = text_of(whole);
		tm = text_of(merged);
		ck_assert_str_eq(tw.p, tm.p);
		free(tw.p);
		free(tm.p);
		for (s = 0; s < nsh; s++)
			airs_rollup_free(shard[s]);
		airs_rollup_free(whole);
		airs_rollup_free(merged);
	}
	free(x);
}
END_TEST

/* ------------------------------------------------------------------------
 * Binary partials, merged open and finished once (since 1.2)
 * ---------------------------------------------------------------------- */

static buf binary_of(const airs_rollup *r)
{
	buf b = { NULL, 0, 0 };

	ck_assert_int_eq(airs_rollup_write_v2(r, AIRS_PARTIAL_BINARY,
	                                      textbuf_write, &b), AIRS_OK);
	return b;
}

/* A partial read open (not finished), either form. */
static airs_rollup *read_open(const buf *b)
{
	airs_rollup *out = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs__rollup_read_any(&out, b->p, b->n, NULL, AIRS_ROLLUP_OPEN,
	                               NULL, &d);

	ck_assert_msg(rc == AIRS_OK, "%s", d.text);
	return out;
}

/* Whether merge_nested()'s partials are text or binary at random: a
 * binary partial's cells are read in order and merge in one pass, a text
 * one's are hashed, and mixing them switches between the two. */
static int mixed_forms;

/* r as a partial: binary, or with mixed_forms either form. */
static buf partial_of(const airs_rollup *r)
{
	return mixed_forms && rnd(2) ? text_of(r) : binary_of(r);
}

/* Merge parts[lo..hi) in a random nesting: each half merged on its own
 * and travelling as a binary partial before the halves merge. */
static airs_rollup *merge_nested(airs_rollup **parts, uint32_t lo, uint32_t hi)
{
	airs_rollup *a, *b;
	airs_diag d = AIRS_DIAG_INIT;
	uint32_t mid;
	buf t;

	if (hi - lo == 1) {
		t = partial_of(parts[lo]);
		a = read_open(&t);
		free(t.p);
		return a;
	}
	mid = lo + 1 + rnd(hi - lo - 1);
	a = merge_nested(parts, lo, mid);
	b = merge_nested(parts, mid, hi);
	if (rnd(2)) { /* commutative: either way round */
		airs_rollup *x = a;
		a = b;
		b = x;
	}
	ck_assert_msg(airs_rollup_merge(a, b, &d) == AIRS_OK, "%s", d.text);
	airs_rollup_free(b);
	if (rnd(3) == 0) { /* an intermediate that travels as a partial */
		t = partial_of(a);
		airs_rollup_free(a);
		a = read_open(&t);
		free(t.p);
	}
	return a;
}

static void binary_merges(int mixed)
{
	enum { N = 160 };
	rdetail *x = calloc(N, sizeof *x);
	int trial;

	mixed_forms = mixed;
	rng_state = mixed ? 29 : 23;
	random_org(9);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	/* a fifth of the trials under valgrind (the setup sets
	 * AIRS_TEST_QUICK) */
	int trials = getenv("AIRS_TEST_QUICK") ? 6 : 30;

	for (trial = 0; trial < trials; trial++) {
		airs_rollup *whole, *shard[7], *merged;
		uint32_t nsh = 1 + rnd(7), s, n = trial % 3 ? N : 1 + rnd(12);
		buf tw, tm, bw, bm;
		uint32_t i;

		for (i = 0; i < n; i++)
			random_detail(&x[i], 9, 3);
		whole = new_rollup(3, DIGEST0);
		for (s = 0; s < nsh; s++)
			shard[s] = new_rollup(3, DIGEST0);
		for (i = 0; i < n; i++) {
			add(whole, &x[i].d);
			add(shard[rnd(nsh)], &x[i].d); /* shards may be empty */
		}
		ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
		for (s = 0; s < nsh; s++)
			ck_assert_int_eq(airs__rollup_finalise(shard[s], 1), AIRS_OK);
		/* any order: shuffle the shards */
		for (s = nsh; s > 1; s--) {
			uint32_t j = rnd(s);
			airs_rollup *t = shard[s - 1];
			shard[s - 1] = shard[j];
			shard[j] = t;
		}
		merged = merge_nested(shard, 0, nsh);
		/* open: written like the whole, read only once finished */
		bw = binary_of(whole);
		bm = binary_of(merged);
		ck_assert_uint_eq(bw.n, bm.n);
		ck_assert(!memcmp(bw.p, bm.p, bw.n));
		{
			airs_unit_score u = AIRS_UNIT_SCORE_INIT;
			ck_assert_int_eq(airs_rollup_org(merged, &u), AIRS_ESTATE);
		}
		ck_assert_int_eq(airs_rollup_finish(merged, 1 + rnd(4), NULL),
		                 AIRS_OK);
		ck_assert_int_eq(airs_rollup_finish(merged, 0, NULL), AIRS_OK);
		assert_same_rollup(whole, merged); /* suppression included */
		tw = text_of(whole);
		tm = text_of(merged);
		ck_assert_str_eq(tw.p, tm.p);
		/* smaller than the text form, and both read as the same */
		ck_assert_uint_lt(bw.n, tw.n);
		free(tw.p);
		free(tm.p);
		free(bw.p);
		free(bm.p);
		for (s = 0; s < nsh; s++)
			airs_rollup_free(shard[s]);
		airs_rollup_free(whole);
		airs_rollup_free(merged);
	}
	free(x);
}

START_TEST(binary_merges_are_the_whole)
{
	binary_merges(0);
}
END_TEST

/* Text and binary partials merged in any nesting: ordered cells merged
 * in one pass and hashed ones, into each other. */
START_TEST(mixed_form_merges_are_the_whole)
{
	binary_merges(1);
}
END_TEST

/* The checksum over the whole partial, after an edit (so that the checks
 * behind it are reached). */
static void reseal(buf *b)
{
	airs__sha256 h;

	airs__sha256_init(&h);
	airs__sha256_update(&h, b->p, b->n - 32);
	airs__sha256_final(&h, (unsigned char *)b->p + b->n - 32);
}

START_TEST(binary_damage_is_refused)
{
	enum { N = 60 };
	rdetail *x = calloc(N, sizeof *x);
	airs_rollup *r, *got;
	airs_diag d = AIRS_DIAG_INIT;
	buf b, t, again;
	size_t i, accepted = 0, step;
	int rc, i2;

	rng_state = 5;
	random_org(6);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	r = new_rollup(3, DIGEST0);
	for (i2 = 0; i2 < N; i2++) {
		random_detail(&x[i2], 6, 3);
		add(r, &x[i2].d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	b = binary_of(r);
	/* round trip: binary -> text equals the text of the rollup */
	got = read_open(&b);
	t = text_of(got);
	again = text_of(r);
	ck_assert_str_eq(t.p, again.p);
	free(t.p);
	free(again.p);
	airs_rollup_free(got);
	/* every cut is refused (every 13th under valgrind) */
	step = getenv("AIRS_TEST_QUICK") ? 13 : 1;
	for (i = 0; i < b.n; i += step) {
		rc = airs__rollup_read_any(&got, b.p, i, NULL, 0, NULL, &d);
		ck_assert_msg(rc != AIRS_OK, "cut at %zu read", i);
		ck_assert_ptr_null(got);
	}
	/* every flipped byte is refused: by the checksum, or, resealed, by
	 * what scoring guarantees - or it reads as a partial that writes
	 * itself back */
	for (i = 0; i < b.n; i += step) {
		char *c = malloc(b.n);
		buf e = { c, b.n, b.n };
		memcpy(c, b.p, b.n);
		c[i] ^= (char)(1 + rnd(255));
		rc = airs__rollup_read_any(&got, c, e.n, NULL, 0, NULL, &d);
		ck_assert_msg(rc != AIRS_OK, "flip at %zu read", i);
		if (i >= 8 && i < b.n - 32) {
			reseal(&e);
			rc = airs__rollup_read_any(&got, c, e.n, NULL, 0, NULL, &d);
			if (rc == AIRS_OK) {
				buf w = binary_of(got);
				airs_rollup *g2 = read_open(&w);
				buf w2 = binary_of(g2);
				ck_assert(w.n == w2.n && !memcmp(w.p, w2.p, w.n));
				accepted++;
				free(w.p);
				free(w2.p);
				airs_rollup_free(g2);
				airs_rollup_free(got);
			} else {
				/* the position, or what differs from this library */
				ck_assert_msg(strstr(d.text, "byte ") ||
				              rc == AIRS_EMISMATCH ||
				              rc == AIRS_EPRIVACY, "flip at %zu: %s",
				              i, d.text);
			}
		}
		free(c);
	}
	/* ids and names are any bytes but NUL, targets any of 0..5: some
	 * flips make another valid partial, most break a rule */
	ck_assert_uint_gt(accepted, 0);
	ck_assert_uint_lt(accepted, b.n / 2);
	/* the checksum's message, and a version of another library */
	b.p[b.n - 1] ^= 1;
	ck_assert_int_eq(airs__rollup_read_any(&got, b.p, b.n, NULL, 0, NULL, &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(d.text + strcspn(d.text, ":") + 2,
	                 "the checksum does not match: the partial was damaged");
	b.p[b.n - 1] ^= 1;
	b.p[8] = 2;
	reseal(&b);
	ck_assert_int_eq(airs__rollup_read_any(&got, b.p, b.n, NULL, 0, NULL, &d),
	                 AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "binary partial version 2 is not supported "
	                 "(this library reads version 1)");
	free(b.p);
	airs_rollup_free(r);
	free(x);
}
END_TEST

static uint64_t le_at(const char *p, size_t bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | (unsigned char)p[bytes];
	return v;
}

static void le_put(char *p, uint64_t v, size_t bytes)
{
	size_t i;

	for (i = 0; i < bytes; i++)
		p[i] = (char)(v >> (8 * i));
}

/* The byte of the one-byte varint that opens section `tag` of b (the
 * blocks' unit count). */
static size_t section_varint(const buf *b, uint32_t tag)
{
	size_t sec = 24;

	while (le_at(b->p + sec, 4) != tag)
		sec += 12 + (size_t)le_at(b->p + sec + 4, 8);
	ck_assert_int_eq((unsigned char)b->p[sec + 12] & 0x80, 0);
	return sec + 12;
}

/* b with the varint at byte `at` written as the n bytes `with`, the
 * lengths of the frame and of section `tag` patched and the checksum
 * made again. */
static buf revarint(const buf *b, uint32_t tag, size_t at, const char *with,
                    size_t n)
{
	buf e = { malloc(b->n + n), b->n + n - 1, b->n + n };
	size_t sec = at - 12;

	ck_assert_uint_eq(le_at(b->p + sec, 4), tag);
	memcpy(e.p, b->p, at);
	memcpy(e.p + at, with, n);
	memcpy(e.p + at + n, b->p + at + 1, b->n - at - 1);
	le_put(e.p + sec + 4, le_at(b->p + sec + 4, 8) + n - 1, 8);
	le_put(e.p + 16, e.n - 24 - 32, 8);
	reseal(&e);
	return e;
}

/* Varints are canonical LEB128 of at most 64 bits wherever they stand:
 * the reader reads most without a check per byte (two bytes inline, up
 * to nine with nine left in the section), but still refuses a redundant
 * last byte or a value past 64 bits, naming the varint's byte. */
START_TEST(binary_varints_are_canonical)
{
	static const struct { const char *bytes; size_t n; const char *why; } c[] = {
		{ "\x80\x00", 2, "is not a canonical varint" },
		{ "\x80\x80\x80\x00", 4, "is not a canonical varint" },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 10,
		  "is not a canonical varint" },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02", 10,
		  "is too large" },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 11,
		  "is too large" },
	};
	airs_rollup *r, *got;
	airs_diag d = AIRS_DIAG_INIT;
	char want[96];
	buf b, e;
	size_t at, k;
	rdetail x;
	int i;

	rng_state = 9;
	random_org(6);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	r = new_rollup(3, DIGEST0);
	for (i = 0; i < 40; i++) {
		random_detail(&x, 6, 3);
		add(r, &x.d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	b = binary_of(r);
	at = section_varint(&b, 4);
	for (k = 0; k < sizeof c / sizeof *c; k++) {
		char v[16];
		memcpy(v, c[k].bytes, c[k].n);
		v[0] = (char)(b.p[at] | 0x80); /* the count, continued */
		e = revarint(&b, 4, at, v, c[k].n);
		ck_assert_int_eq(airs__rollup_read_any(&got, e.p, e.n, NULL,
		                 AIRS_ROLLUP_OPEN, NULL, &d), AIRS_EPARSE);
		ck_assert_ptr_null(got);
		snprintf(want, sizeof want, "byte %zu: the unit count %s", at,
		         c[k].why);
		ck_assert_str_eq(d.text, want);
		free(e.p);
	}
	free(b.p);
	airs_rollup_free(r);
}
END_TEST

/* The skill heatmap keeps one cell per unit and skill with data: every
 * subtree's figure equals a dense units x skills reference (a deep chain
 * and bushy branches, shards merged through the text form), and 3,000
 * units x 3,000 skills with a handful of people take a small fraction of
 * the 288 MB the 1.0 matrix took (32 bytes a cell; memory counted through
 * the rollup's allocator: the 8.5 MB measured are the units' own
 * accumulators and the finalise workspace). */
static size_t live_bytes, peak_bytes;

static void *count_malloc(size_t n, void *u)
{
	size_t *p = malloc(n + 16);

	(void)u;
	if (!p)
		return NULL;
	*p = n;
	live_bytes += n;
	if (live_bytes > peak_bytes)
		peak_bytes = live_bytes;
	return (char *)p + 16;
}

static void count_free(void *q, void *u)
{
	(void)u;
	if (q) {
		size_t *p = (size_t *)((char *)q - 16);
		live_bytes -= *p;
		free(p);
	}
}

static void *count_realloc(void *q, size_t n, void *u)
{
	void *r = count_malloc(n, u);

	if (r && q) {
		size_t old = *(size_t *)((char *)q - 16);
		memcpy(r, q, old < n ? old : n);
		count_free(q, u);
	}
	return r;
}

START_TEST(skill_heatmap_sparse_and_exact)
{
	enum { NU = 60, NS = 40, N = 300 };
	static int64_t sum[NU][NS];
	static uint64_t cnt[NU][NS];
	uint32_t parent[NU], sk[NS];
	int64_t gap[NS];
	airs_rollup *whole, *shard[3], *merged;
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char id[16], pid[16];
	size_t u, s, ix;
	int i;

	memset(sum, 0, sizeof sum);
	memset(cnt, 0, sizeof cnt);
	rng_state = 11;
	/* U0 <- U1 <- ... <- U19 a chain, then units under random parents */
	for (u = 0; u < NU; u++) {
		parent[u] = u == 0 ? UINT32_MAX : u < 20 ? (uint32_t)u - 1 : rnd((uint32_t)u);
		snprintf(id, sizeof id, "U%zu", u);
		snprintf(pid, sizeof pid, "U%u", (unsigned)parent[u]);
		unit(id, u ? pid : NULL, 0);
	}
	for (s = 0; s < NS; s++) {
		snprintf(id, sizeof id, "S%zu", s);
		skill(id);
	}
	whole = new_rollup(3, DIGEST0);
	for (i = 0; i < 3; i++)
		shard[i] = new_rollup(3, DIGEST0);
	for (i = 0; i < N; i++) {
		airs__emp_detail e;
		uint32_t home = rnd(NU), p;

		snprintf(id, sizeof id, "U%u", (unsigned)home);
		e = emp(id, 0, NAN, 0, 0);
		e.nskills = 0;
		for (s = 0; s < NS; s++)
			if (rnd(5) == 0) {
				sk[e.nskills] = (uint32_t)s;
				gap[e.nskills++] = airs__quantise(rnd(501) / 100.0);
			}
		e.skill = sk;
		e.skill_gap_q = gap;
		add(whole, &e);
		add(shard[rnd(3)], &e);
		for (p = home; p != UINT32_MAX; p = parent[p])
			for (s = 0; s < e.nskills; s++) {
				sum[p][sk[s]] += gap[s];
				cnt[p][sk[s]]++;
			}
	}
	ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(airs__rollup_finalise(shard[i], 1), AIRS_OK);
	for (u = 0; u < NU; u++) {
		snprintf(id, sizeof id, "U%zu", u);
		ck_assert_int_eq(airs_rollup_find_unit(whole, id, &ix), AIRS_OK);
		for (s = 0; s < NS; s++) {
			double g;
			uint64_t n;

			ck_assert_int_eq(airs_rollup_skill(whole, ix, s, &g, &n),
			                 AIRS_OK);
			ck_assert_uint_eq(n, cnt[u][s]);
			ck_assert(same_d(g, airs__qmean(sum[u][s], cnt[u][s])));
		}
	}
	merged = reread(shard[0]);
	for (i = 1; i < 3; i++) {
		airs_rollup *t = reread(shard[i]);
		ck_assert_int_eq(airs_rollup_merge(merged, t, &d), AIRS_OK);
		airs_rollup_free(t);
	}
	assert_same_rollup(whole, merged);
	airs_rollup_free(merged);
	for (i = 0; i < 3; i++)
		airs_rollup_free(shard[i]);
	airs_rollup_free(whole);

	/* wide: 3,000 x 3,000, ten people with five skills each */
	airs_model_free(m);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	for (u = 0; u < 3000; u++) {
		snprintf(id, sizeof id, "W%zu", u);
		snprintf(pid, sizeof pid, "W%zu", u / 2);
		unit(id, u ? pid : NULL, 0);
	}
	for (s = 0; s < 3000; s++) {
		snprintf(id, sizeof id, "K%zu", s);
		skill(id);
	}
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	a.malloc = count_malloc;
	a.realloc = count_realloc;
	a.free = count_free;
	ck_assert_int_eq(airs__mem_init(&mem, &a), AIRS_OK);
	live_bytes = peak_bytes = 0;
	ck_assert_int_eq(airs__rollup_new(&whole, &mem, m, 3, DIGEST0, BARRIER_Q), AIRS_OK);
	for (i = 0; i < 10; i++) {
		airs__emp_detail e;

		snprintf(id, sizeof id, "W%d", 2990 - i * 300);
		e = emp(id, 0, NAN, 0, 0);
		for (s = 0; s < 5; s++) {
			sk[s] = (uint32_t)(i * 299 + s * 7);
			gap[s] = airs__quantise(1.0 + (double)s);
		}
		e.nskills = 5;
		e.skill = sk;
		e.skill_gap_q = gap;
		add(whole, &e);
	}
	ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
	{
		double g;
		uint64_t n;
		ck_assert_int_eq(airs_rollup_skill(whole, AIRS_ROLLUP_ORG, 7, &g, &n),
		                 AIRS_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert(same_d(g, 2.0));
	}
	airs_rollup_free(whole);
	ck_assert_uint_eq(live_bytes, 0);
	ck_assert_msg(peak_bytes < 16u << 20, "peak %zu bytes", peak_bytes);
}
END_TEST

/* Finalising totals each unit in place of its own members (rollup-
 * impl.h): every unit's own members read back exactly what was added to
 * it, the totals are the sums of their subtrees' own members, and
 * airs__rollup_untotal() gives back the very bytes added, so finalising
 * again totals the same. */
START_TEST(totals_in_place_give_own_back)
{
	enum { N = 300, NU = 12 };
	rdetail x[N];
	airs_rollup *r;
	acc *own, want, got;
	size_t u, v;
	int i;

	rng_state = 404;
	random_org(NU);
	r = new_rollup(3, DIGEST1);
	for (i = 0; i < N; i++) {
		random_detail(&x[i], NU, 3);
		add(r, &x[i].d);
	}
	own = malloc((NU + 1) * sizeof *own);
	memcpy(own, r->direct, (NU + 1) * sizeof *own);
	ck_assert_int_eq(airs__rollup_finalise(r, 2), AIRS_OK);
	ck_assert(airs__rollup_totalled(r));
	for (u = 0; u <= NU; u++) {
		memset(&want, 0, sizeof want);
		for (v = u == NU ? 0 : u; v < (u == NU ? NU : r->end[u]); v++)
			acc_add(&want, &own[v]);
		ck_assert_msg(!memcmp(&r->tot[u], &want, sizeof want),
		              "the total of %zu", u);
		if (u < NU) {
			ck_assert_msg(!memcmp(airs__rollup_own(r, u, &got), &own[u],
			                      sizeof got), "the own of %zu", u);
			ck_assert_uint_eq(airs__rollup_own_headcount(r, u),
			                  own[u].headcount);
		}
	}
	ck_assert_uint_eq(airs__rollup_headcount(r), N);
	airs__rollup_untotal(r);
	ck_assert(!airs__rollup_totalled(r) && !r->finalised);
	ck_assert(!memcmp(r->direct, own, (NU + 1) * sizeof *own));
	ck_assert_uint_eq(airs__rollup_headcount(r), N);
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	ck_assert(!memcmp(airs__rollup_own(r, 3, &got), &own[3], sizeof got));
	ck_assert_uint_eq(get_unit(r, NULL).headcount, N);
	free(own);
	airs_rollup_free(r);
}
END_TEST

START_TEST(round_trip_and_self_merge)
{
	enum { N = 60 };
	rdetail x[N];
	airs_rollup *a, *b, *twice, *c;
	buf ta, tb;
	int i;

	rng_state = 99;
	random_org(5);
	a = new_rollup(4, DIGEST1);
	twice = new_rollup(4, DIGEST1);
	for (i = 0; i < N; i++) {
		random_detail(&x[i], 5, 3);
		add(a, &x[i].d);
		add(twice, &x[i].d);
		add(twice, &x[i].d);
	}
	ck_assert_int_eq(airs__rollup_finalise(a, 1), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(twice, 1), AIRS_OK);
	b = reread(a);
	assert_same_rollup(a, b);
	ta = text_of(a);
	tb = text_of(b);
	ck_assert_str_eq(ta.p, tb.p);
	ck_assert(!strncmp(ta.p, "airs-rollup 3\ndigest 1111", 25));
	/* merging a rollup into itself doubles it */
	c = reread(a);
	ck_assert_int_eq(airs_rollup_merge(c, c, NULL), AIRS_OK);
	assert_same_rollup(c, twice);
	free(ta.p);
	free(tb.p);
	airs_rollup_free(a);
	airs_rollup_free(b);
	airs_rollup_free(c);
	airs_rollup_free(twice);
}
END_TEST

/* Finalising drops the skill cells' hash index, which only adding
 * reads (rollup-finalise.c: 34 MB at the 1M peak); a merge into the
 * rollup, whose cells are hashed rather than in order, indexes them
 * again and adds exactly. */
START_TEST(cell_index_dropped_and_rebuilt)
{
	enum { N = 80 };
	rdetail x[N];
	airs_rollup *a, *twice;
	int i;

	rng_state = 7;
	random_org(6);
	a = new_rollup(2, DIGEST1);
	twice = new_rollup(2, DIGEST1);
	for (i = 0; i < N; i++) {
		random_detail(&x[i], 6, 3);
		add(a, &x[i].d);
		add(twice, &x[i].d);
		add(twice, &x[i].d);
	}
	ck_assert(a->sk.n > 0 && a->sk.idx.count == a->sk.n && !a->sk.ordered);
	ck_assert_int_eq(airs__rollup_finalise(a, 2), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(twice, 1), AIRS_OK);
	ck_assert(!a->sk.idx.slot && !a->sk.idx.count);
	ck_assert_int_eq(airs_rollup_merge(a, a, NULL), AIRS_OK);
	ck_assert_uint_eq(a->sk.idx.count, a->sk.n);
	assert_same_rollup(a, twice);
	airs_rollup_free(a);
	airs_rollup_free(twice);
}
END_TEST

START_TEST(empty_rollups)
{
	airs_rollup *a, *b;
	airs_unit_score s = AIRS_UNIT_SCORE_INIT;
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	size_t i;
	buf t;

	a = new_rollup(3, DIGEST0); /* no units, no skills */
	ck_assert_int_eq(airs__rollup_finalise(a, 1), AIRS_OK);
	t = text_of(a);
	ck_assert_str_eq(t.p, "airs-rollup 3\ndigest "
	                      "0000000000000000000000000000000000000000000000"
	                      "000000000000000000\nmin_group 3\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 0 0\n"
	                      "end\n");
	free(t.p);
	b = reread(a);
	ck_assert_int_eq(airs_rollup_merge(b, a, NULL), AIRS_OK);
	ck_assert_uint_eq(airs_rollup_unit_count(b), 0);
	ck_assert_int_eq(airs_rollup_org(b, &s), AIRS_OK);
	ck_assert_uint_eq(s.headcount, 0);
	ck_assert(isnan(s.readiness_mean) && isnan(s.readiness_median));
	ck_assert_int_eq(airs_rollup_unit(b, 0, &s), AIRS_ERANGE);
	ck_assert_int_eq(airs_rollup_find_unit(b, "X", &i), AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_rollup_construct(b, AIRS_ROLLUP_ORG, 9, &c),
	                 AIRS_ERANGE);
	ck_assert_int_eq(airs_rollup_construct(b, AIRS_ROLLUP_ORG, 0, &c),
	                 AIRS_OK);
	ck_assert_uint_eq(c.respondents, 0);
	s.size = 8;
	ck_assert_int_eq(airs_rollup_org(b, &s), AIRS_EINVAL);
	airs_rollup_free(a);
	airs_rollup_free(b);
	airs_rollup_free(NULL);
}
END_TEST

START_TEST(unfinalised_and_empty_units)
{
	airs_rollup *a, *b;
	airs_unit_score s = AIRS_UNIT_SCORE_INIT;
	airs__emp_detail e;
	buf t = { NULL, 0, 0 };

	unit("HQ", NULL, 1);
	unit("A", "HQ", 0);
	unit("B", "HQ", 5);
	a = new_rollup(3, DIGEST0);
	ck_assert_int_eq(airs_rollup_org(a, &s), AIRS_ESTATE);
	ck_assert_int_eq(airs_rollup_write(a, textbuf_write, &t), AIRS_ESTATE);
	e = emp("B", 0, 81, 5, 5);
	add(a, &e);
	e.unit = 99;
	ck_assert_int_eq(airs__rollup_add(a, &e), AIRS_EINVAL);
	ck_assert_int_eq(airs__rollup_finalise(a, 1), AIRS_OK);
	b = reread(a);
	assert_same_rollup(a, b);
	s = get_unit(b, "A");
	ck_assert_uint_eq(s.headcount, 0);
	ck_assert_int_eq(s.target, 1); /* inherited */
	s = get_unit(b, "B");
	ck_assert(s.below_target_share == 0.0 && s.gap_mean == 0.0);
	/* a read rollup has no model to map employees from */
	e.unit = 0;
	ck_assert_int_eq(airs__rollup_add(b, &e), AIRS_EINVAL);
	airs_rollup_free(a);
	airs_rollup_free(b);
}
END_TEST

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

START_TEST(merge_mismatch)
{
	airs_rollup *a, *b, *c, *d2;
	airs_model *other;
	airs_diag d = AIRS_DIAG_INIT;
	airs__emp_detail e;
	buf before, after;

	unit("HQ", NULL, 2);
	unit("A", "HQ", 0);
	a = new_rollup(3, DIGEST0);
	e = emp("A", 0, 50, 3, 2);
	add(a, &e);
	ck_assert_int_eq(airs__rollup_finalise(a, 1), AIRS_OK);
	before = text_of(a);

	b = new_rollup(3, DIGEST1);
	ck_assert_int_eq(airs__rollup_finalise(b, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_merge(a, b, &d), AIRS_EMISMATCH);
	ck_assert_int_eq(d.status, AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "parameter digests differ: 000000000000... vs "
	                         "111111111111...");

	other = m;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	unit("HQ", NULL, 2);
	unit("B", "HQ", 0);
	c = new_rollup(3, DIGEST0);
	ck_assert_int_eq(airs__rollup_finalise(c, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_merge(a, c, &d), AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "unit 1 differs: \"A\" vs \"B\"");
	airs_model_free(m);

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	unit("HQ", NULL, 3);
	unit("A", "HQ", 0);
	d2 = new_rollup(3, DIGEST0);
	ck_assert_int_eq(airs__rollup_finalise(d2, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_merge(a, d2, &d), AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "unit \"HQ\" has target 2 vs 3");
	airs_model_free(m);
	m = other;

	/* shards scored as of other dates, or from datasets that differ in
	 * what scoring reads from the whole dataset, were scored by other
	 * rules (since 1.2) */
	airs__rollup_set_context(a, 20000, AIRS__EV_ALL);
	airs__rollup_set_context(b, 20001, AIRS__EV_ALL);
	memcpy(b->digest, a->digest, sizeof a->digest);
	ck_assert_int_eq(airs_rollup_merge(a, b, &d), AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "as-of dates differ: 2024-10-04 vs "
	                 "2024-10-05; score every shard with the same as_of "
	                 "(an explicit date: \"auto\" finds each shard's own "
	                 "latest evidence)");
	airs__rollup_set_context(b, 20000, AIRS__EV_ALL & ~AIRS__EV_USAGE);
	ck_assert_int_eq(airs_rollup_merge(a, b, &d), AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "one shard has usage records and the other "
	                 "none, so they were scored by different rules "
	                 "(methodology 3); give every shard some, or score the "
	                 "whole");
	ck_assert_uint_eq(airs_rollup_as_of(a), 20000);
	ck_assert_str_eq(airs_rollup_params_digest(a), DIGEST0);
	airs__rollup_set_context(a, 0, 0);

	/* on error, into is unchanged */
	after = text_of(a);
	ck_assert_str_eq(before.p, after.p);
	free(before.p);
	free(after.p);
	airs_rollup_free(a);
	airs_rollup_free(b);
	airs_rollup_free(c);
	airs_rollup_free(d2);
}
END_TEST

/* Replace line `line` (1-based) of text with `with` and parse. */
/* The line of text beginning with `head`, with its k fields from field
 * `from` (0 is the first after head) replaced by `with`, into out. */
static void line_with_fields(const char *text, const char *head, size_t from,
                             const char *with, size_t k, char *out,
                             size_t size)
{
	const char *l = strstr(text, head), *p;
	size_t i, o;

	ck_assert_ptr_nonnull(l);
	p = l + strlen(head);
	for (i = 0; i < from; i++)
		p = strchr(p, ' ') + 1;
	o = (size_t)snprintf(out, size, "%.*s%s", (int)(p - l), l, with);
	for (i = 0; i < k; i++)
		p += strcspn(p, " \n") + (p[strcspn(p, " \n")] == ' ');
	snprintf(out + o, size - o, "%s%.*s", p[-1] == ' ' ? " " : "",
	         (int)(strchr(p, '\n') - p + 1), p);
}

static int parse_edited(const char *text, int line, const char *with,
                        airs_diag *d)
{
	char out[8192];
	const char *p = text;
	size_t o = 0;
	int l = 1, rc;
	airs_rollup *r;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		if (l == line) {
			o += (size_t)snprintf(out + o, sizeof out - o, "%s", with);
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		l++;
	}
	rc = airs_rollup_read(&r, out, o, NULL, d);
	if (!rc)
		airs_rollup_free(r);
	return rc;
}


/* A partial read to publish takes the anonymity threshold of the caller's
 * parameters: one made with other parameters, or edited to carry another
 * threshold than its digest's, is refused (issue 14). */
START_TEST(partials_publish_with_the_callers_parameters)
{
	airs_params *p5, *p6;
	airs_rollup *r, *got = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	char digest[65];
	buf t;
	char *edited;
	int i;

	ck_assert_int_eq(airs_params_new(&p5, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_new(&p6, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p6, "anonymity.min_group", "6"), AIRS_OK);
	ck_assert_int_eq(airs_params_digest(p5, digest), AIRS_OK);
	unit("HQ", NULL, 0);
	r = new_rollup(5, digest);
	for (i = 0; i < 6; i++) {
		airs__emp_detail e = emp("HQ", 0, 50, 3, 0);
		answer(&e, AIRS_CONSTRUCT_TRUST, 0.5, 1, 0, 0);
		add(r, &e);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	t = text_of(r);
	airs_rollup_free(r);

	ck_assert_int_eq(airs_rollup_read_v2(&got, t.p, t.n, p5, NULL, &d),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_construct(got, AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_TRUST, &c), AIRS_OK);
	ck_assert_uint_eq(c.respondents, 6);
	airs_rollup_free(got);
	ck_assert_int_eq(airs_rollup_read_v2(&got, t.p, t.n, p6, NULL, &d),
	                 AIRS_EMISMATCH);
	ck_assert_ptr_null(got);
	ck_assert_uint_eq(d.line, 2);
	ck_assert_ptr_nonnull(strstr(d.text, "the partial was made with other "
	                             "parameters"));
	/* the digest says 5, the edited line 4 */
	edited = strdup(t.p);
	*strstr(edited, "min_group 5") = '\0';
	{
		char all[8192];
		snprintf(all, sizeof all, "%smin_group 4%s", edited,
		         strstr(t.p, "min_group 5") + 11);
		ck_assert_int_eq(airs_rollup_read_v2(&got, all, strlen(all), p5,
		                                     NULL, &d), AIRS_EMISMATCH);
		ck_assert_str_eq(d.text, "the partial says min_group 4 where its "
		                 "parameters say 5: it was edited");
		/* read without parameters, the edit would have been taken */
		ck_assert_int_eq(airs_rollup_read(&got, all, strlen(all), NULL,
		                                  &d), AIRS_OK);
		airs_rollup_free(got);
	}
	ck_assert_int_eq(airs_rollup_read_v2(&got, t.p, t.n, NULL, NULL, &d),
	                 AIRS_EINVAL);
	free(edited);
	free(t.p);
	airs_params_free(p5);
	airs_params_free(p6);
}
END_TEST

START_TEST(parse_errors)
{
	airs_rollup *r;
	airs_diag d = AIRS_DIAG_INIT;
	airs__emp_detail e;
	buf t;

	unit("HQ", NULL, 2);
	unit("A b", "HQ", 0); /* a space in an id is escaped */
	r = new_rollup(3, DIGEST0);
	e = emp("A b", 1, 12.5, 1, 2);
	add(r, &e);
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	t = text_of(r);
	airs_rollup_free(r);
	ck_assert_ptr_nonnull(strstr(t.p, "\nunit A%20b 0 2 A%20b\n"));
	ck_assert_ptr_nonnull(strstr(t.p, "\nr 1 12500000000\nend\n"));

	ck_assert_int_eq(parse_edited(t.p, 1, "airs-rollup 4\n", &d),
	                 AIRS_EMISMATCH);
	ck_assert_str_eq(d.text, "rollup format version 4 is not supported "
	                         "(this library reads version 3)");
	ck_assert_int_eq(parse_edited(t.p, 1, "airs-rolup 1\n", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 1);
	ck_assert_str_eq(d.text, "expected \"airs-rollup\"");
	ck_assert_int_eq(parse_edited(t.p, 2, "digest 00\n", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 2);
	ck_assert_int_eq(parse_edited(t.p, 3, "min_group 03\n", &d), AIRS_EPARSE);
	ck_assert_str_eq(d.text, "min_group has a leading zero");
	/* bytes outside printable ASCII are refused where they stand, a
	 * NUL included (it was taken for a hex digit or a keyword) */
	{
		char *c = strdup(t.p), *dg = strstr(c, "digest ") + 7 + 63;
		airs_rollup *x = NULL;
		static const char kinds[] = { '\0', '\t', '\x7f', '\xc3' };
		size_t j;
		for (j = 0; j < sizeof kinds; j++) {
			*dg = kinds[j];
			ck_assert_int_eq(airs_rollup_read(&x, c, t.n, NULL, &d),
			                 AIRS_EPARSE);
			ck_assert_uint_eq(d.line, 2);
			ck_assert_ptr_nonnull(strstr(d.text, "is not allowed in a "
			                             "partial"));
		}
		ck_assert_ptr_null(x);
		free(c);
	}
	/* a partial cannot lower the threshold below the methodology's */
	ck_assert_int_eq(parse_edited(t.p, 3, "min_group 1\n", &d),
	                 AIRS_EPRIVACY);
	ck_assert_uint_eq(d.line, 3);
	ck_assert_str_eq(d.text, "min_group 1 is below the methodology's "
	                 "minimum of 3: it would publish groups of fewer people");
	/* the unit ADKAR profiles' threshold is one of the parameters */
	ck_assert_int_eq(parse_edited(t.p, 4, "adkar_barrier 999999999\n", &d),
	                 AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 4);
	ck_assert_str_eq(d.text, "adkar_barrier 999999999 is not a threshold "
	                 "in 1..5 (in quanta of 1e-9)");
	/* the context line: a date, then evidence kinds in order, or - */
	ck_assert_int_eq(parse_edited(t.p, 5, "context 2026-06-30 training "
	                              "survey\n", &d), AIRS_OK);
	ck_assert_int_eq(parse_edited(t.p, 5, "context 2026-02-30 -\n", &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(d.text, "the as-of date is not a date YYYY-MM-DD");
	ck_assert_int_eq(parse_edited(t.p, 5, "context 2026-06-30 survey "
	                              "usage\n", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 5);
	ck_assert_int_eq(parse_edited(t.p, 5, "context 2026-06-30\n", &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(d.text, "missing evidence");
	ck_assert_int_eq(parse_edited(t.p, 8, "unit A%20b 1 2 x\n", &d),
	                 AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 8);
	ck_assert_str_eq(d.text, "parent 1 does not come before the unit");
	ck_assert_int_eq(parse_edited(t.p, 8, "unit HQ 0 2 x\n", &d), AIRS_EPARSE);
	ck_assert_str_eq(d.text, "duplicate unit id");
	ck_assert_int_eq(parse_edited(t.p, 8, "unit A%2 0 2 x\n", &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(d.text, "unit id has a bad % escape");
	ck_assert_int_eq(parse_edited(t.p, 8, "unit A 0 2 x \n", &d), AIRS_EPARSE);
	ck_assert_str_eq(d.text, "trailing space");
	/* the r line must add up to the a line */
	ck_assert_int_eq(parse_edited(t.p, 11, "r 1 12500000001\n", &d),
	                 AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 11);
	ck_assert_str_eq(d.text, "readiness values do not match the count, "
	                         "sum or sum of squares");
	ck_assert_int_eq(parse_edited(t.p, 11, "r 1 100000000001\n", &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(d.text, "readiness value 100000000001 is not in 0..100");
	/* sums of squares: of no values at all (0 for a sum of 12.5) */
	{
		char a[1024];
		line_with_fields(t.p, "a 1 ", 27, "0 0 0", 3, a, sizeof a);
		ck_assert_int_eq(parse_edited(t.p, 10, a, &d), AIRS_EPARSE);
		ck_assert_uint_eq(d.line, 10);
		ck_assert_str_eq(d.text, "sums of squares that no values could "
		                         "have");
	}
	ck_assert_int_eq(parse_edited(t.p, 11, "", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 11);
	ck_assert_str_eq(d.text, "unit 1 has no \"r\" line for its 1 scored "
	                         "employees");
	ck_assert_int_eq(parse_edited(t.p, 12, "", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 12);
	ck_assert_str_eq(d.text, "unexpected end of input");
	ck_assert_int_eq(parse_edited(t.p, 12, "end\nmore\n", &d), AIRS_EPARSE);
	ck_assert_uint_eq(d.line, 13);
	ck_assert_str_eq(d.text, "text after \"end\"");
	ck_assert_int_eq(parse_edited(t.p, 12, "end", &d), AIRS_EPARSE);
	ck_assert_str_eq(d.text, "line does not end with a newline");
	free(t.p);
}
END_TEST

/* ------------------------------------------------------------------------
 * Anonymity
 * ---------------------------------------------------------------------- */

START_TEST(small_groups_and_their_complements_hidden)
{
	airs_rollup *r;
	airs_construct_score c;
	int i;

	unit("ORG", NULL, 0);
	unit("A", "ORG", 0);
	unit("B", "ORG", 0);
	r = new_rollup(5, DIGEST0);
	for (i = 0; i < 13; i++) {
		airs__emp_detail d = emp(i < 3 ? "A" : "B", 0, NAN, 0, 0);
		answer(&d, AIRS_CONSTRUCT_VOICE, 0.5, 1, 0, 0);
		add(r, &d);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	/* A (3) is under k; B (10) would give A away as ORG - B */
	c = get_cons(r, "A", AIRS_CONSTRUCT_VOICE);
	ck_assert_uint_eq(c.respondents, AIRS_SUPPRESSED);
	c = get_cons(r, "B", AIRS_CONSTRUCT_VOICE);
	ck_assert_uint_eq(c.respondents, AIRS_SUPPRESSED);
	ck_assert_uint_eq(c.staff, AIRS_SUPPRESSED);
	c = get_cons(r, "ORG", AIRS_CONSTRUCT_VOICE);
	ck_assert_uint_eq(c.respondents, 13);
	ck_assert_uint_eq(c.staff, 13);
	ck_assert_uint_eq(c.leaders, 0);
	ck_assert(c.mean == 0.5);
	c = get_cons(r, NULL, AIRS_CONSTRUCT_VOICE);
	ck_assert_uint_eq(c.respondents, 13);
	airs_rollup_free(r);
}
END_TEST

/* Exact rationals for the rank tests: numerator and denominator in
 * 64 bits, products in 128; an overflow fails the test rather than
 * passing it wrongly. */
__extension__ typedef __int128 i128;

typedef struct q {
	int64_t n, d;
} q;

static q mkq(i128 n, i128 d)
{
	q r;
	i128 g;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	if (n == 0)
		d = 1;
	{
		i128 a = n < 0 ? -n : n, b = d;
		while (b) {
			i128 t = a % b;
			a = b;
			b = t;
		}
		g = a ? a : 1;
	}
	n /= g;
	d /= g;
	ck_assert_msg(n <= INT64_MAX && n >= -INT64_MAX && d <= INT64_MAX,
	              "rational overflow");
	r.n = (int64_t)n;
	r.d = (int64_t)d;
	return r;
}

static q qsub_mul(q a, q b, q c) /* a - b * c */
{
	i128 num = (i128)b.n * c.n, den = (i128)b.d * c.d;
	q bc = mkq(num, den);
	return mkq((i128)a.n * bc.d - (i128)bc.n * a.d, (i128)a.d * bc.d);
}

enum { MAXR = 160, MAXG = 64 };

typedef struct basis {
	size_t dim, rows;
	q v[MAXG][MAXR];
	size_t pivot[MAXG];
} basis;

/* Reduce v against the basis; returns 1 when it becomes zero. */
static int reduce(const basis *b, q *v)
{
	size_t i, j;

	for (i = 0; i < b->rows; i++) {
		q f = v[b->pivot[i]];
		if (!f.n)
			continue;
		for (j = 0; j < b->dim; j++)
			if (b->v[i][j].n)
				v[j] = qsub_mul(v[j], f, b->v[i][j]);
	}
	for (j = 0; j < b->dim; j++)
		if (v[j].n)
			return 0;
	return 1;
}

static void insert(basis *b, const q *v0)
{
	q v[MAXR];
	size_t j, p, i;

	memcpy(v, v0, b->dim * sizeof *v);
	if (reduce(b, v))
		return;
	for (p = 0; !v[p].n; p++)
		;
	{
		q inv = mkq(v[p].d, v[p].n);
		for (j = 0; j < b->dim; j++)
			v[j] = mkq((i128)v[j].n * inv.n, (i128)v[j].d * inv.d);
	}
	/* keep the basis fully reduced */
	for (i = 0; i < b->rows; i++) {
		q f = b->v[i][p];
		if (f.n)
			for (j = 0; j < b->dim; j++)
				b->v[i][j] = qsub_mul(b->v[i][j], f, v[j]);
	}
	memcpy(b->v[b->rows], v, b->dim * sizeof *v);
	b->pivot[b->rows++] = p;
}

static basis B;

/* The tree search for neighbouring classes decides exactly what the
 * quadratic reference decides: every group's visibility, in every family,
 * on the attack test's small trees and on larger, deeper random ones with
 * sparse and dense respondents. */
static size_t cmp_groups, cmp_hidden;

static void compare_with_reference(uint32_t nu, uint32_t maxdepth,
                                   uint32_t density, int k)
{
	uint32_t u, depth[400], e, emps = nu * (1 + rnd(8));
	airs_rollup *a, *b;
	const unsigned char *va, *vb;
	size_t na, nb, i, hidden = 0;
	char id[16], pid[16];

	airs_model_free(m);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_uint_le(nu, 400);
	for (u = 0; u < nu; u++) {
		int p = -1;
		if (u && rnd(8)) {
			p = (int)rnd(u);
			if (depth[p] >= maxdepth)
				p = -1;
		}
		depth[u] = p < 0 ? 0 : depth[p] + 1;
		/* ids out of addition order, so tree order differs from it */
		snprintf(id, sizeof id, "u%u", (unsigned)((u * 7919u) % 1009u));
		snprintf(pid, sizeof pid, "u%u",
		         (unsigned)(((uint32_t)p * 7919u) % 1009u));
		unit(id, p < 0 ? NULL : pid, 0);
	}
	a = new_rollup(k, DIGEST0);
	ck_assert_int_eq(airs__rollup_new(&b, &mem, m, k, DIGEST0, BARRIER_Q), AIRS_OK);
	airs__rollup_set_reference(b, 1);
	for (e = 0; e < emps; e++) {
		airs__emp_detail d;
		int c;
		memset(&d, 0, sizeof d);
		d.unit = rnd(nu);
		d.leader = rnd(3) == 0;
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++)
			if (rnd(density) == 0)
				answer(&d, c, 0.5, 1, 0, 0);
		d.net_responses = (d.construct_present >>
		                   AIRS_CONSTRUCT_RECOMMEND) & 1u;
		d.has_time_saved = (d.construct_present >>
		                    AIRS_CONSTRUCT_TIME_SAVED) & 1u;
		add(a, &d);
		add(b, &d);
	}
	/* the tree search with one to four suppression threads */
	ck_assert_int_eq(airs__rollup_finalise(a, 1 + nu % 4), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(b, 1), AIRS_OK);
	va = airs__rollup_visibility(a, &na);
	vb = airs__rollup_visibility(b, &nb);
	ck_assert_uint_eq(na, nb);
	for (i = 0; i < na; i++) {
		ck_assert_msg(va[i] == vb[i], "group %zu of %zu: %d vs %d", i,
		              na, va[i], vb[i]);
		hidden += !va[i];
	}
	cmp_groups += na;
	cmp_hidden += hidden;
	airs_rollup_free(a);
	airs_rollup_free(b);
}

START_TEST(suppression_matches_reference)
{
	int t;

	rng_state = 77;
	for (t = 0; t < 300; t++)
		compare_with_reference(1 + rnd(8), 3, 1 + rnd(3), 3 + (int)rnd(3));
	for (t = 0; t < 40; t++)
		compare_with_reference(20 + rnd(380), 1 + rnd(7), 1 + rnd(6),
		                       3 + (int)rnd(5));
	printf("# suppression equals the reference: %zu groups, %zu hidden\n",
	       cmp_groups, cmp_hidden);
	ck_assert_uint_gt(cmp_hidden, cmp_groups / 10);
	ck_assert_uint_lt(cmp_hidden, cmp_groups - cmp_groups / 10);
}
END_TEST

/* The incremental rounds of suppress.c decide exactly what the full
 * rounds of the old code (tests/suppress-old.c) decide, on larger trees
 * than the brute force can take: random, deep (chains past the search's
 * WALK_MAX of 128 nodes), wide (hundreds of children of one node) and
 * bushy ones, with many tiny groups, every family, one to four threads. */
enum { SHAPE_RANDOM, SHAPE_DEEP, SHAPE_WIDE, SHAPE_BUSHY, SHAPES };

static uint32_t shape_parent(int shape, uint32_t u)
{
	switch (shape) {
	case SHAPE_DEEP:
		return rnd(16) ? u - 1 : rnd(u);
	case SHAPE_WIDE:
		return rnd(4) ? rnd(u < 3 ? u : 3) : rnd(u);
	case SHAPE_BUSHY:
		return (u - 1) / (2 + rnd(6));
	default:
		return rnd(u);
	}
}

static size_t old_groups, old_hidden;

static void compare_with_old(int shape, uint32_t nu, uint32_t per_unit,
                             uint32_t density, int k)
{
	uint32_t u, e, emps = nu * per_unit;
	airs_rollup *a, *b;
	const unsigned char *va, *vb;
	size_t na, nb, i;
	char id[16], pid[16];

	airs_model_free(m);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	for (u = 0; u < nu; u++) {
		uint32_t p = u ? shape_parent(shape, u) : 0;
		/* ids out of addition order, so tree order differs from it */
		snprintf(id, sizeof id, "u%u", (unsigned)((u * 7919u) % 10007u));
		snprintf(pid, sizeof pid, "u%u", (unsigned)((p * 7919u) % 10007u));
		unit(id, u && (shape == SHAPE_DEEP || rnd(64)) ? pid : NULL, 0);
	}
	a = new_rollup(k, DIGEST0);
	ck_assert_int_eq(airs__rollup_new(&b, &mem, m, k, DIGEST0, BARRIER_Q),
	                 AIRS_OK);
	airs__rollup_set_old(b);
	for (e = 0; e < emps; e++) {
		airs__emp_detail d;
		int c;
		memset(&d, 0, sizeof d);
		d.unit = rnd(nu);
		d.leader = rnd(3) == 0;
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++)
			if (rnd(density) == 0)
				answer(&d, c, 0.5, 1, 0, 0);
		d.net_responses = (d.construct_present >>
		                   AIRS_CONSTRUCT_RECOMMEND) & 1u;
		d.has_time_saved = (d.construct_present >>
		                    AIRS_CONSTRUCT_TIME_SAVED) & 1u;
		if (d.respondent)
			d.flags_read = rnd(4) & (AIRS_FLAG_FATIGUE |
			                         AIRS_FLAG_NO_BENEFIT);
		add(a, &d);
		add(b, &d);
	}
	ck_assert_int_eq(airs__rollup_finalise(a, 1 + rnd(4)), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(b, 1), AIRS_OK);
	va = airs__rollup_visibility(a, &na);
	vb = airs__rollup_visibility(b, &nb);
	ck_assert_uint_eq(na, nb);
	for (i = 0; i < na; i++) {
		ck_assert_msg(va[i] == vb[i], "shape %d, %u units: group %zu of "
		              "%zu: %d vs %d", shape, nu, i, na, va[i], vb[i]);
		old_hidden += !va[i];
	}
	old_groups += na;
	airs_rollup_free(a);
	airs_rollup_free(b);
}

START_TEST(suppression_matches_old)
{
	int t;

	rng_state = 2311;
	for (t = 0; t < 48; t++)
		compare_with_old(t % SHAPES, 50 + rnd(t < 40 ? 400 : 2500),
		                 1 + rnd(6), 1 + rnd(4), 3 + (int)rnd(8));
	printf("# suppression equals the old rounds: %zu groups, %zu hidden\n",
	       old_groups, old_hidden);
	ck_assert_uint_gt(old_hidden, old_groups / 10);
	ck_assert_uint_lt(old_hidden, old_groups - old_groups / 10);
}
END_TEST

/* Medians come from a selection, not a sort: on random multisets (many
 * ties, odd and even sizes, sorted and reversed runs) they equal the
 * middle of the sorted values. */
static int cmp_q(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

START_TEST(medians_by_selection)
{
	static int64_t v[3000];
	int t;

	unit("A", NULL, 0);
	unit("B", "A", 0);
	rng_state = 99;
	for (t = 0; t < 60; t++) {
		airs_rollup *r = new_rollup(5, DIGEST0);
		size_t n = 1 + rnd(t < 30 ? 12 : 3000), i;
		uint32_t spread = 1 + rnd(t % 3 ? 50 : 100000);
		airs_unit_score a = AIRS_UNIT_SCORE_INIT;
		double want;
		for (i = 0; i < n; i++) {
			airs__emp_detail d;
			memset(&d, 0, sizeof d);
			d.unit = uix(i % 2 ? "A" : "B");
			d.has_readiness = 1;
			v[i] = t % 5 == 1 ? (int64_t)i * 7
			     : t % 5 == 2 ? (int64_t)(n - i)
			                  : (int64_t)rnd(spread) * 1000003 - 5000;
			d.readiness_q = v[i];
			add(r, &d);
		}
		ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
		qsort(v, n, sizeof *v, cmp_q);
		want = n % 2 ? (double)v[n / 2] / AIRS__Q
		             : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0 /
		                       AIRS__Q;
		ck_assert_int_eq(airs_rollup_org(r, &a), AIRS_OK);
		ck_assert_msg(a.readiness_median == want, "n %zu: %.17g vs %.17g",
		              n, a.readiness_median, want);
		airs_rollup_free(r);
	}
}
END_TEST

/* Every subtree's median, not only the organisation's (rollup-medians.c
 * counts each value up its unit's ancestors): a tree three deep with a
 * second root, units with no values of their own or none at all, many
 * ties or none, negative values; each unit's own values come out sorted
 * (the text partials write them so). */
static const char *const mtree[6][2] = {
	{ "A", NULL }, { "B", "A" }, { "C", "B" }, { "D", "A" }, { "E", "C" },
	{ "F", NULL }
};

/* Whether unit a (of mtree) is b or below it. */
static int m_within(size_t a, size_t b)
{
	for (;;) {
		size_t p;
		if (a == b)
			return 1;
		if (!mtree[a][1])
			return 0;
		for (p = 0; strcmp(mtree[p][0], mtree[a][1]); p++)
			;
		a = p;
	}
}

START_TEST(medians_of_every_subtree)
{
	static int64_t v[2000], w[2000];
	static uint32_t at[2000];
	int t;
	size_t k;

	for (k = 0; k < 6; k++)
		unit(mtree[k][0], mtree[k][1], 0);
	rng_state = 7;
	for (t = 0; t < 40; t++) {
		airs_rollup *r = new_rollup(5, DIGEST0);
		size_t n = 1 + rnd(t < 20 ? 15 : 2000), i, u;
		uint32_t spread = 1 + rnd(t % 2 ? 4 : 100000);
		for (i = 0; i < n; i++) {
			airs__emp_detail d;
			memset(&d, 0, sizeof d);
			/* A and E have values only in every other run */
			at[i] = rnd(6);
			if (t % 2 && (at[i] == 0 || at[i] == 4))
				at[i] = 1;
			d.unit = uix(mtree[at[i]][0]);
			d.has_readiness = 1;
			v[i] = (int64_t)rnd(spread) * 1000003 - 5000;
			d.readiness_q = v[i];
			add(r, &d);
		}
		ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
		for (k = 0; k <= 6; k++) {
			airs_unit_score s = get_unit(r, k < 6 ? mtree[k][0] : NULL);
			size_t cnt = 0;
			double want;
			for (i = 0; i < n; i++)
				if (k == 6 || m_within(at[i], k))
					w[cnt++] = v[i];
			qsort(w, cnt, sizeof *w, cmp_q);
			want = !cnt ? NAN
			     : cnt % 2 ? (double)w[cnt / 2] / AIRS__Q
			     : ((double)w[cnt / 2 - 1] + (double)w[cnt / 2]) / 2.0 /
			               AIRS__Q;
			ck_assert_msg(same_d(s.readiness_median, want),
			              "run %d unit %zu: %.17g vs %.17g", t, k,
			              s.readiness_median, want);
		}
		for (u = 0; u < r->nu; u++)
			for (i = 1; i < r->vals[u].n; i++)
				ck_assert(r->vals[u].v[i - 1] <= r->vals[u].v[i]);
		airs_rollup_free(r);
	}
}
END_TEST

START_TEST(differencing_attack)
{
	enum { TREES = 300, MAXU = 8 };
	unsigned long checked_groups = 0, hidden_groups = 0, combos = 0;
	unsigned long visible_groups = 0;
	unsigned long respondents_checked = 0;
	int tree;

	rng_state = 2026;
	for (tree = 0; tree < TREES; tree++) {
		uint32_t nu = 1 + rnd(MAXU), u, k = 3 + rnd(3);
		uint32_t depth[MAXU], cnt[MAXU][2];
		/* groups: 3 per unit (T, L, N) in tree order, then the org's */
		uint32_t ng, g, h, l, i, nr = 0, ncell = 0;
		int vis[3 * (MAXU + 1)];
		uint64_t size[3 * (MAXU + 1)];
		uint32_t cell_u[2 * MAXU], cell_l[2 * MAXU], cell_n[2 * MAXU];
		int member[3 * (MAXU + 1)][2 * MAXU]; /* group x cell */
		uint32_t tu[MAXU], parent_tree[MAXU];
		airs_rollup *r;
		char id[8];

		airs_model_free(m);
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		for (u = 0; u < nu; u++) {
			int p = -1;
			if (u && rnd(6)) {
				p = (int)rnd(u);
				if (depth[p] >= 3)
					p = -1;
			}
			depth[u] = p < 0 ? 0 : depth[p] + 1;
			snprintf(id, sizeof id, "%c", 'a' + (int)((u * 5 + 2) % 26));
			{
				char pid[8];
				snprintf(pid, sizeof pid, "%c",
				         'a' + (int)(((uint32_t)p * 5 + 2) % 26));
				unit(id, p < 0 ? NULL : pid, 0);
			}
		}
		r = new_rollup((int)k, DIGEST0);
		for (u = 0; u < nu; u++)
			for (l = 0; l < 2; l++) {
				cnt[u][l] = rnd(3) ? rnd(6) : 0;
				for (i = 0; i < cnt[u][l]; i++) {
					airs__emp_detail d;
					memset(&d, 0, sizeof d);
					d.unit = u;
					d.leader = (int)l;
					answer(&d, AIRS_CONSTRUCT_SUPPORT, 0.5, 1, 0, 0);
					add(r, &d);
				}
			}
		ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);

		/* model unit of each tree position, and tree parents */
		for (u = 0; u < nu; u++) {
			airs_unit_score s = AIRS_UNIT_SCORE_INIT;
			ck_assert_int_eq(airs_rollup_unit(r, u, &s), AIRS_OK);
			tu[u] = uix(s.id);
			parent_tree[u] = UINT32_MAX;
			if (s.parent_id) {
				size_t pi;
				ck_assert_int_eq(airs_rollup_find_unit(r, s.parent_id,
				                                       &pi),
				                 AIRS_OK);
				parent_tree[u] = (uint32_t)pi;
			}
		}
		/* cells (tree unit, leader) with respondents */
		for (u = 0; u < nu; u++)
			for (l = 0; l < 2; l++)
				if (cnt[tu[u]][l]) {
					cell_u[ncell] = u;
					cell_l[ncell] = l;
					cell_n[ncell++] = cnt[tu[u]][l];
					nr += cnt[tu[u]][l];
				}
		ng = 3 * (nu + 1);
		for (g = 0; g < ng; g++) {
			airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
			uint32_t gu = g / 3, kind = g % 3;
			uint64_t shown;
			size_t x;
			ck_assert_int_eq(airs_rollup_construct(r,
			                         gu == nu ? AIRS_ROLLUP_ORG : gu,
			                         AIRS_CONSTRUCT_SUPPORT, &c),
			                 AIRS_OK);
			shown = kind == 0 ? c.respondents
			                  : kind == 1 ? c.leaders : c.staff;
			size[g] = 0;
			for (x = 0; x < ncell; x++) {
				uint32_t a = cell_u[x];
				int in = gu == nu;
				while (!in && a != UINT32_MAX) {
					in = a == gu;
					a = parent_tree[a];
				}
				if (kind == 1 && !cell_l[x])
					in = 0;
				if (kind == 2 && cell_l[x])
					in = 0;
				member[g][x] = in;
				size[g] += in ? cell_n[x] : 0;
			}
			vis[g] = shown != AIRS_SUPPRESSED && size[g] > 0;
			if (shown != AIRS_SUPPRESSED)
				ck_assert_uint_eq(shown, size[g]);
			/* primary: every published nonempty group has k */
			if (vis[g])
				ck_assert_uint_ge(size[g], k);
			/* the means follow the counts */
			if (kind == 0)
				ck_assert(shown == AIRS_SUPPRESSED ? isnan(c.mean)
				                                   : size[g] == 0 ||
				                                             c.mean == 0.5);
		}
		ck_assert_uint_le(nr, MAXR);

		/* the span of the visible groups, over respondents */
		memset(&B, 0, sizeof B);
		B.dim = nr;
		for (g = 0; g < ng; g++) {
			q v[MAXR];
			size_t x, o = 0, j;
			if (!vis[g])
				continue;
			for (x = 0; x < ncell; x++)
				for (j = 0; j < cell_n[x]; j++)
					v[o++] = mkq(member[g][x], 1);
			insert(&B, v);
			visible_groups++;
		}
		/* (a) no hidden nonempty group lies in the span */
		for (g = 0; g < ng; g++) {
			q v[MAXR];
			size_t x, o = 0, j;
			checked_groups++;
			if (vis[g] || !size[g])
				continue;
			hidden_groups++;
			for (x = 0; x < ncell; x++)
				for (j = 0; j < cell_n[x]; j++)
					v[o++] = mkq(member[g][x], 1);
			ck_assert_msg(!reduce(&B, v),
			              "tree %d: hidden group %u is derivable", tree,
			              (unsigned)g);
		}
		/* (b) no single respondent lies in the span */
		for (i = 0; i < nr; i++) {
			q v[MAXR];
			size_t j;
			for (j = 0; j < nr; j++)
				v[j] = mkq(j == i, 1);
			ck_assert_msg(!reduce(&B, v),
			              "tree %d: respondent %u is isolated", tree,
			              (unsigned)i);
			respondents_checked++;
		}
		/* (c) +-1 combinations of up to three visible groups never
		 * single out fewer than k people */
		for (g = 0; g < ng; g++)
			for (h = g; h < ng; h++)
				for (i = h; i < ng; i++) {
					int sg, sh, si;
					if (!vis[g] || !vis[h] || !vis[i])
						continue;
					for (sh = -1; sh <= 1; sh += 2)
						for (si = -1; si <= 1; si += 2) {
							uint64_t support = 0;
							size_t x;
							sg = 1;
							combos++;
							for (x = 0; x < ncell; x++) {
								int v = sg * member[g][x];
								if (h != g)
									v += sh * member[h][x];
								if (i != h)
									v += si * member[i][x];
								if (v)
									support += cell_n[x];
							}
							ck_assert_msg(support == 0 ||
							                      support >= k,
							              "tree %d: %u %u %u "
							              "isolate %llu",
							              tree, (unsigned)g,
							              (unsigned)h, (unsigned)i,
							              (unsigned long long)support);
						}
				}
		airs_rollup_free(r);
	}
	printf("# differencing attack: %d trees, %lu groups checked (%lu "
	       "visible, %lu hidden and nonempty), %lu respondents, %lu "
	       "combinations\n",
	       TREES, checked_groups, visible_groups, hidden_groups,
	       respondents_checked, combos);
}
END_TEST

/* ------------------------------------------------------------------------
 * Out of memory
 * ---------------------------------------------------------------------- */

static long fail_at = -1, allocs; /* fail allocation number fail_at */

static void *t_malloc(size_t n, void *user)
{
	(void)user;
	return fail_at >= 0 && allocs++ == fail_at ? NULL : malloc(n);
}

static void *t_realloc(void *p, size_t n, void *user)
{
	(void)user;
	return fail_at >= 0 && allocs++ == fail_at ? NULL : realloc(p, n);
}

static void t_free(void *p, void *user)
{
	(void)user;
	free(p);
}

START_TEST(out_of_memory_changes_nothing)
{
	airs_allocator al = AIRS_ALLOCATOR_INIT;
	airs__mem fm;
	rdetail x[40];
	airs_rollup *src, *r;
	buf text, before, after;
	int i, done;

	al.malloc = t_malloc;
	al.realloc = t_realloc;
	al.free = t_free;
	ck_assert_int_eq(airs__mem_init(&fm, &al), AIRS_OK);
	rng_state = 5;
	random_org(6);
	src = new_rollup(3, DIGEST0);
	for (i = 0; i < 40; i++) {
		random_detail(&x[i], 6, 3);
		add(src, &x[i].d);
	}
	ck_assert_int_eq(airs__rollup_finalise(src, 1), AIRS_OK);
	text = text_of(src);

	/* new, add and finalise: ENOMEM or success, never a leak */
	for (fail_at = 0, done = 0; !done; fail_at++) {
		int rc;
		allocs = 0;
		rc = airs__rollup_new(&r, &fm, m, 3, DIGEST0, BARRIER_Q);
		if (rc) {
			ck_assert_int_eq(rc, AIRS_ENOMEM);
			ck_assert_ptr_null(r);
			continue;
		}
		for (i = 0; i < 40 && !rc; i++)
			rc = airs__rollup_add(r, &x[i].d);
		if (!rc)
			rc = airs__rollup_finalise(r, 1);
		ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
		done = rc == AIRS_OK;
		airs_rollup_free(r);
	}
	/* read */
	for (fail_at = 0, done = 0; !done; fail_at++) {
		int rc;
		allocs = 0;
		rc = airs_rollup_read(&r, text.p, text.n, &al, NULL);
		ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
		done = rc == AIRS_OK;
		if (done)
			assert_same_rollup(src, r);
		airs_rollup_free(r);
	}
	/* merge: on failure the target reads and writes as before */
	for (fail_at = 0, done = 0; !done; fail_at++) {
		int rc;
		long armed = fail_at;
		fail_at = -1;
		ck_assert_int_eq(airs_rollup_read(&r, text.p, text.n, &al, NULL),
		                 AIRS_OK);
		before = text_of(r);
		fail_at = armed;
		allocs = 0;
		rc = airs_rollup_merge(r, src, NULL);
		ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
		done = rc == AIRS_OK;
		fail_at = -1;
		if (!done) {
			after = text_of(r);
			ck_assert_str_eq(before.p, after.p);
			assert_same_rollup(src, r);
			free(after.p);
		}
		fail_at = armed;
		free(before.p);
		airs_rollup_free(r);
	}
	/* since 1.2: a binary partial read open, merged open, finished and
	 * written binary - ENOMEM leaves each as it was, never a leak */
	fail_at = -1;
	{
		buf bin = binary_of(src);
		for (fail_at = 0, done = 0; !done; fail_at++) {
			int rc;
			long armed = fail_at;
			airs_rollup *o = NULL;
			buf b1 = { NULL, 0, 0 }, b2;
			int merged, finished;
			allocs = 0;
			rc = airs__rollup_read_any(&o, bin.p, bin.n, NULL,
			                           AIRS_ROLLUP_OPEN, &al, NULL);
			ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
			if (rc) {
				ck_assert_ptr_null(o);
				continue;
			}
			fail_at = -1;
			before = binary_of(o);
			fail_at = armed;
			merged = finished = 0;
			if (!(rc = airs_rollup_merge(o, src, NULL)) && (merged = 1) &&
			    !(rc = airs_rollup_finish(o, 1, NULL)))
				finished = 1;
			if (!rc)
				rc = airs_rollup_write_v2(o, AIRS_PARTIAL_BINARY,
				                          textbuf_write, &b1);
			ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
			done = rc == AIRS_OK;
			fail_at = -1;
			if (!done) { /* the failed step changed nothing */
				airs_unit_score u = AIRS_UNIT_SCORE_INIT;
				b2 = binary_of(o);
				ck_assert(b1.n == 0);
				ck_assert(merged || (b2.n == before.n &&
				                     !memcmp(b2.p, before.p, b2.n)));
				ck_assert_int_eq(airs_rollup_org(o, &u),
				                 finished ? AIRS_OK : AIRS_ESTATE);
				free(b2.p);
			}
			fail_at = armed;
			free(b1.p);
			free(before.p);
			airs_rollup_free(o);
		}
		fail_at = -1;
		free(bin.p);
	}
	free(text.p);
	airs_rollup_free(src);
}
END_TEST

/* ------------------------------------------------------------------------
 * Fuzz findings (tests/fuzz/findings/README.md): the minimised inputs of
 * fuzz-partial, also committed as tests/fuzz/corpus/partial/finding-N-*.
 * Open findings are compiled with -DAIRS_FUZZ_FINDING_N (meson configure
 * -Dc_args=-DAIRS_FUZZ_FINDING_N): they fail until the rollup is fixed;
 * then drop the #ifdef and the fuzz target's OPEN_FINDING skip.
 * ---------------------------------------------------------------------- */

#define FINDING_HEAD \
	"airs-rollup 3\ndigest " \
	"5163936511cce68db92b8444d5a23e37065606baddaf32491cb403c3b370e93a\n"
/* the last count: members with too little evidence (methodology 1.1),
 * the headcount less the scored */
#define A_EMPTY \
	"a 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0" \
	" 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
#define A_ONE \
	"a 0 1 0 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1" \
	" 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1\n"

/* Read len bytes of text (which may hold NUL bytes). */
static int read_text(const char *text, size_t len, airs_rollup **r)
{
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs_rollup_read(r, text, len, NULL, &d);

	ck_assert_int_eq(d.status, rc);
	return rc;
}
#define READ(lit, r) read_text(lit, sizeof lit - 1, r)

/* F1 (fixed): a NUL byte is no hex digit, keyword or character of an id;
 * taken for one, a digest was written back shorter and did not read
 * again, and an id was cut. */
START_TEST(finding_1_nul_bytes_refused)
{
	static const char digest[] =
	        "airs-rollup 3\ndigest 5163936511cce68db92b8444d5a23e37065606"
	        "baddaf32491cb403c3b370e93\0\nmin_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 0 0\nend\n";
	static const char keyword[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 1\nunit U - 0 U\nskill k\n"
	        A_ONE "\0 0 0 1 0\nend\n";
	static const char id[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U\0V - 0 U\n"
	        A_EMPTY "end\n";
	airs_rollup *r = NULL;

	ck_assert_int_eq(READ(digest, &r), AIRS_EPARSE);
	ck_assert_int_eq(READ(keyword, &r), AIRS_EPARSE);
	ck_assert_int_eq(READ(id, &r), AIRS_EPARSE);
	ck_assert_ptr_null(r);
}
END_TEST

/* F4 (fixed): readiness values whose sum overflows int64; with the "a"
 * line's sum set to the wrapped total they were accepted. */
START_TEST(finding_4_readiness_sum_overflow)
{
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U - 0 U\n"
	        "a 0 2 2 -2 0 0 0 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
	        " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2\n"
	        "r 0 9223372036854775807 9223372036854775807\nend\n";
	airs_rollup *r = NULL;

	ck_assert_int_eq(READ(text, &r), AIRS_EPARSE);
}
END_TEST

/* F7 (fixed): bytes the writer always escapes (<= 0x20, 0x7f) were taken
 * raw in ids and names. */
START_TEST(finding_7_raw_control_bytes_refused)
{
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U\tV - 0 U\x7f\n"
	        A_EMPTY "end\n";
	airs_rollup *r = NULL;

	ck_assert_int_eq(READ(text, &r), AIRS_EPARSE);
}
END_TEST

/* F2 (fixed): merging partials whose skill gap sums add beyond int64
 * was signed overflow in airs_rollup_merge().  A gap sum no gaps could
 * have (2^62 for one person) is refused when read; two readable
 * partials of 10^9 people each on one skill are refused by the merge
 * (their sum could pass INT64_MAX), which changes nothing. */
START_TEST(finding_2_merge_skill_sum_overflow)
{
	static const char bad[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 1\nunit U - 0 U\nskill k\n"
	        A_ONE "s 0 0 1 4611686018427387904\nend\n";
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 1\nunit U - 0 U\nskill k\n"
	        "a 0 1000000000 0 0 0 0 0 0 1000000000 0 0 0 0 0 0 0 0 0 0 0 0"
	        " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1000000000 0 0 0 0 0 0 0 0 0 0"
	        " 0 0 0 0 0 0 1000000000\n"
	        "s 0 0 1000000000 5000000000000000000\nend\n";
	airs_rollup *r, *copy;
	airs_diag d = AIRS_DIAG_INIT;
	double before, after;
	uint64_t n;

	ck_assert_int_eq(READ(bad, &r), AIRS_EPARSE);
	ck_assert_int_eq(READ(text, &r), AIRS_OK);
	ck_assert_int_eq(READ(text, &copy), AIRS_OK);
	ck_assert_int_eq(airs_rollup_skill(r, AIRS_ROLLUP_ORG, 0, &before, &n),
	                 AIRS_OK);
	ck_assert(same_d(before, 5.0));
	ck_assert_int_eq(airs_rollup_merge(r, copy, &d), AIRS_ERANGE);
	ck_assert_str_eq(d.text, "the merged rollup would hold more than "
	                 "1844674407 people assessed on one skill");
	ck_assert_int_eq(airs_rollup_skill(r, AIRS_ROLLUP_ORG, 0, &after, &n),
	                 AIRS_OK);
	ck_assert(same_d(after, before) && n == 1000000000);
	airs_rollup_free(copy);
	airs_rollup_free(r);
}
END_TEST

/* A parent's and a child's skill gap sums add beyond int64 in the
 * subtree totals of finalise_with(), at read. */
START_TEST(finding_3_subtree_skill_sum_overflow)
{
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 2 1\nunit A - 0 A\n"
	        "unit B 0 0 B\nskill k\n" A_ONE "s 0 0 1 9223372036854775807\n"
	        "a 1 1 0 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
	        " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1\n"
	        "s 1 0 1 1\nend\n";
	airs_rollup *r = NULL;
	double gap;
	uint64_t n;

	if (READ(text, &r) == AIRS_EPARSE)
		return;
	ck_assert_int_eq(airs_rollup_skill(r, AIRS_ROLLUP_ORG, 0, &gap, &n),
	                 AIRS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_msg(gap > 0, "mean gap %g of two positive sums", gap);
	airs_rollup_free(r);
}
END_TEST

/* Leaders' and staff's construct sums add beyond int64 in
 * publish_construct(): 2^16 respondents on each side with sums of 2^62
 * (and sums of squares the reader allows). */
START_TEST(finding_5_construct_sum_overflow)
{
	static const char text[] =
	        FINDING_HEAD "min_group 3\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U - 0 U\n"
	        "a 0 131072 0 0 0 0 0 131072 131072 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
	        " 0 0 65536 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 131072\n"
	        "c 0 0 65536 4611686018427387904 65536 4611686018427387904 0 0 0"
	        " 0 0 35184372088832 0 0 35184372088832\nend\n";
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	airs_rollup *r = NULL;

	if (READ(text, &r) == AIRS_EPARSE)
		return;
	ck_assert_int_eq(airs_rollup_construct(r, AIRS_ROLLUP_ORG, 0, &c),
	                 AIRS_OK);
	ck_assert_msg(c.mean > 0, "mean %g of two positive sums", c.mean);
	airs_rollup_free(r);
}
END_TEST

/* F6 (fixed): a count above INT64_MAX made qmean() divide INT64_MIN by
 * (int64_t)n == -1, which traps (SIGFPE) when the rollup is read; counts
 * are now bounded per unit. */
START_TEST(finding_6_count_beyond_int64)
{
	static const char text[] =
	        FINDING_HEAD "min_group 3\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U - 0 U\n"
	        "a 0 18446744073709551615 0 0 0 0 0 18446744073709551615 "
	        "18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
	        "18446744073709551615 -9223372036854775808 0 0 0 0 0 0 0 0 "
	        "1073741824 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 18446744073709551615\n"
	        "c 0 7 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0\nend\n";
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	airs_rollup *r = NULL;

	if (READ(text, &r) == AIRS_EPARSE)
		return;
	ck_assert_int_eq(airs_rollup_org(r, &org), AIRS_OK);
	airs_rollup_free(r);
}
END_TEST

/* check_acc() adds counts in uint64_t without a check: level counts of
 * 2^63 each "add up" to a headcount of 0. */
START_TEST(finding_8_wrapping_counts_refused)
{
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U - 0 U\n"
	        "a 0 0 0 0 0 0 0 0 9223372036854775808 9223372036854775808 0 0 "
	        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\nend\n";
	airs_rollup *r = NULL;

	ck_assert_int_eq(READ(text, &r), AIRS_EPARSE);
}
END_TEST

/* An "s" line with a count of 0 and a nonzero sum is accepted and kept,
 * but never written: reading and writing a partial changes what it
 * merges to. */
START_TEST(finding_9_empty_skill_cell_refused)
{
	static const char text[] =
	        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 1\nunit U - 0 U\nskill k\n"
	        A_EMPTY "s 0 0 0 5\nend\n";
	airs_rollup *r = NULL;

	ck_assert_int_eq(READ(text, &r), AIRS_EPARSE);
}
END_TEST

/* A unit whose id or name is not ASCII ("Zürich"): the writer leaves its
 * bytes >= 0x80 as they are, and the reader refuses every byte outside
 * printable ASCII, so the library cannot read its own partial back
 * (inputs tests/fuzz/corpus/pipeline/finding-12-non-ascii-partial and
 * tests/fuzz/corpus/partial/finding-12-escaped-utf8-name). */
START_TEST(finding_12_non_ascii_partial_reads_back)
{
	airs_result *res;
	airs_rollup *back = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	size_t i;
	buf t;

	unit("Z\xc3\xbcrich", NULL, 3);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_score(m, NULL, &res, NULL), AIRS_OK);
	t = text_of(airs_result_rollup(res));
	ck_assert_msg(airs_rollup_read(&back, t.p, t.n, NULL, &d) == AIRS_OK,
	              "line %llu: %s", (unsigned long long)d.line, d.text);
	ck_assert_int_eq(airs_rollup_find_unit(back, "Z\xc3\xbcrich", &i),
	                 AIRS_OK);
	airs_rollup_free(back);
	airs_result_free(res);
	free(t.p);

	/* escaped as the reader wants it, it reads, and must write so too
	 * (tests/fuzz/corpus/partial/finding-12-escaped-utf8-name) */
	{
		static const char text[] =
		        FINDING_HEAD "min_group 5\nadkar_barrier 3000000000\ncontext 1970-01-01 -\nshape 1 0\nunit U - 0 "
		        "Z%C3%BCrich\n" A_EMPTY "end\n";
		airs_rollup *r = NULL;
		ck_assert_int_eq(READ(text, &r), AIRS_OK);
		t = text_of(r);
		ck_assert_str_eq(t.p, text);
		airs_rollup_free(r);
		free(t.p);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rollup");
	TCase *tc = tcase_create("rollup");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, worked_example);
	tcase_add_test(tc, intervals_worked_example);
	tcase_add_test(tc, adkar_profile_worked_example);
	tcase_add_test(tc, adkar_profile_hidden_and_staff);
	tcase_add_test(tc, intervals_edges);
	tcase_add_test(tc, documented_partial);
	tcase_add_test(tc, medians_levels_heatmap_net_gap);
	tcase_add_test(tc, perception_gap);
	tcase_add_test(tc, order_independent);
	tcase_add_test(tc, merge_is_exact);
	tcase_add_test(tc, binary_merges_are_the_whole);
	tcase_add_test(tc, mixed_form_merges_are_the_whole);
	tcase_add_test(tc, binary_damage_is_refused);
	tcase_add_test(tc, binary_varints_are_canonical);
	tcase_add_test(tc, skill_heatmap_sparse_and_exact);
	tcase_add_test(tc, round_trip_and_self_merge);
	tcase_add_test(tc, cell_index_dropped_and_rebuilt);
	tcase_add_test(tc, totals_in_place_give_own_back);
	tcase_add_test(tc, empty_rollups);
	tcase_add_test(tc, unfinalised_and_empty_units);
	tcase_add_test(tc, merge_mismatch);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, partials_publish_with_the_callers_parameters);
	tcase_add_test(tc, small_groups_and_their_complements_hidden);
	tcase_add_test(tc, differencing_attack);
	tcase_add_test(tc, suppression_matches_reference);
	tcase_add_test(tc, suppression_matches_old);
	tcase_add_test(tc, medians_by_selection);
	tcase_add_test(tc, medians_of_every_subtree);
	tcase_add_test(tc, out_of_memory_changes_nothing);
	tcase_add_test(tc, finding_1_nul_bytes_refused);
	tcase_add_test(tc, finding_4_readiness_sum_overflow);
	tcase_add_test(tc, finding_6_count_beyond_int64);
	tcase_add_test(tc, finding_7_raw_control_bytes_refused);
	tcase_add_test(tc, finding_2_merge_skill_sum_overflow);
	tcase_add_test(tc, finding_3_subtree_skill_sum_overflow);
	tcase_add_test(tc, finding_5_construct_sum_overflow);
	tcase_add_test(tc, finding_8_wrapping_counts_refused);
	tcase_add_test(tc, finding_9_empty_skill_cell_refused);
	tcase_add_test(tc, finding_12_non_ascii_partial_reads_back);
	suite_add_tcase(s, tc);
	return s;
}
