/* Manager groups (methodology 4.4): direct and all reports with the units'
 * exact figures; shards; partials carry none; and the joint suppression of
 * both hierarchies checked by brute force over random organisations whose
 * teams straddle units (methodology 4.1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rollup.h"
#include "rollup-impl.h"
#include "suppress-old.h"
#include "textbuf.h"

#include "harness.h"

static airs_model *m;
static airs__mem mem;
static const char DIGEST[65] =
        "0000000000000000000000000000000000000000000000000000000000000000";

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

static void unit(const char *id, const char *parent)
{
	airs_unit_rec r = AIRS_UNIT_REC_INIT;

	r.id = id;
	r.name = id;
	r.parent_id = parent;
	ck_assert_int_eq(airs_model_add_unit(m, &r), AIRS_OK);
}

static void role(void)
{
	airs_role_rec r = AIRS_ROLE_REC_INIT;

	r.id = "r";
	r.name = "r";
	ck_assert_int_eq(airs_model_add_role(m, &r), AIRS_OK);
}

static void employee(const char *id, const char *u, int leader,
                     const char *manager)
{
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;

	e.id = id;
	e.unit_id = u;
	e.role_id = "r";
	e.is_leader = leader;
	ck_assert_int_eq(airs_model_add_employee(m, &e), AIRS_OK);
	if (manager)
		ck_assert_int_eq(airs_model_set_manager(m, id, manager), AIRS_OK);
}

static size_t find(int kind, const char *id)
{
	size_t i;

	ck_assert_int_eq(airs_model_find(m, kind, id, &i), AIRS_OK);
	return i;
}

/* An employee's detail: readiness (NaN none), and construct 0's score
 * (NaN: did not answer). */
static airs__emp_detail detail(const char *id, double readiness, double c0)
{
	airs__emp_detail d;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	size_t i = find(AIRS_ENTITY_EMPLOYEE, id);

	ck_assert_int_eq(airs_model_get_employee(m, i, &e), AIRS_OK);
	memset(&d, 0, sizeof d);
	d.employee = (uint32_t)i;
	d.unit = (uint32_t)find(AIRS_ENTITY_UNIT, e.unit_id);
	d.leader = e.is_leader;
	d.has_readiness = !isnan(readiness);
	d.insufficient = isnan(readiness);
	d.readiness_q = airs__quantise(readiness);
	d.level = isnan(readiness) ? 0 : 3;
	d.barrier = AIRS_BARRIER_UNKNOWN; /* no element scored here */
	if (!isnan(c0)) {
		d.respondent = 1;
		d.construct_present = 1;
		d.construct_q[0] = airs__quantise(c0);
		d.items[0] = 2;
		d.favourable[0] = c0 >= 0.75 ? 2 : 0;
	}
	return d;
}

/* The worked organisation's five people, M to D, with readiness and
 * construct 0 of every kind: none, unanswered, favourable or not. */
static void worked_details(airs__emp_detail d[5])
{
	d[0] = detail("M", 0.9, 1.0);
	d[1] = detail("A", 0.5, 0.5);
	d[2] = detail("B", 0.25, NAN);
	d[3] = detail("C", NAN, 0.75);
	d[4] = detail("D", 0.125, 0.25);
}

static airs_rollup *new_rollup(int k)
{
	airs_rollup *r;

	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs__rollup_new(&r, &mem, m, k, DIGEST, 3 * (int64_t)AIRS__Q), AIRS_OK);
	return r;
}

static airs_unit_score group(const airs_rollup *r, const char *id, int scope)
{
	airs_unit_score s = AIRS_UNIT_SCORE_INIT;
	size_t i;

	ck_assert_int_eq(airs_rollup_find_manager(r, id, &i), AIRS_OK);
	ck_assert_int_eq(airs_rollup_manager_group(r, i, scope, &s), AIRS_OK);
	return s;
}

static airs_construct_score cons(const airs_rollup *r, size_t i, int scope)
{
	airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;

	ck_assert_int_eq(airs_rollup_manager_construct(r, i, scope, 0, &s),
	                 AIRS_OK);
	return s;
}

/* The worked example of methodology 4.4: M leads A, B and C; A leads D.
 * M, A and B are in unit U1, C and D in U2 (A's team straddles). */
static void worked_org(void)
{
	unit("U1", NULL);
	unit("U2", NULL);
	role();
	employee("M", "U1", 1, NULL);
	employee("A", "U1", 1, "M");
	employee("B", "U1", 0, "M");
	employee("C", "U2", 0, "M");
	employee("D", "U2", 0, "A");
}

START_TEST(worked_example)
{
	airs_rollup *r;
	airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
	airs_unit_score s;
	airs_construct_score c;
	size_t i;

	worked_org();
	r = new_rollup(1);
	{
		airs__emp_detail d[5] = {
			detail("M", 0.9, 1.0), detail("A", 0.5, 0.5),
			detail("B", 0.25, NAN), detail("C", NAN, 0.75),
			detail("D", 0.125, 0.25),
		};
		for (i = 0; i < 5; i++)
			ck_assert_int_eq(airs__rollup_add(r, &d[i]), AIRS_OK);
	}
	ck_assert_int_eq(airs_rollup_manager_count(r), 2);
	ck_assert_int_eq(airs_rollup_find_manager(r, "M", &i), AIRS_ESTATE);
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	ck_assert_int_eq(airs_rollup_find_manager(r, "B", &i), AIRS_ENOTFOUND);
	/* managers in line order: M, then A */
	ck_assert_int_eq(airs_rollup_manager(r, 1, &mi), AIRS_OK);
	ck_assert_str_eq(mi.id, "A");
	ck_assert_str_eq(mi.manager_id, "M");
	ck_assert_str_eq(mi.unit_id, "U1");
	ck_assert_int_eq(mi.depth, 1);
	ck_assert_int_eq(mi.direct_reports, 1);
	ck_assert_int_eq(mi.all_reports, 1);
	ck_assert_int_eq(mi.line_end, 2);
	ck_assert_int_eq(airs_rollup_manager(r, 0, &mi), AIRS_OK);
	ck_assert_int_eq(mi.line_end, 2);
	ck_assert_int_eq(mi.all_reports, 4);
	ck_assert_int_eq(airs_rollup_manager(r, 2, &mi), AIRS_ERANGE);
	/* M's direct reports A, B, C: readiness (0.5 + 0.25) / 2 over the
	 * two scored; construct 0 answered by A and C */
	s = group(r, "M", AIRS_REPORTS_DIRECT);
	ck_assert_int_eq(s.headcount, 3);
	ck_assert_int_eq(s.scored, 2);
	ck_assert(s.readiness_mean == 0.375);
	ck_assert(s.readiness_median == 0.375);
	ck_assert_int_eq(s.leaders, 1);
	ck_assert_int_eq(s.target, 0);
	ck_assert_ptr_null(s.parent_id);
	ck_assert_int_eq(s.respondents, 2);
	/* all of M's line adds D: (0.5 + 0.25 + 0.125) / 3 */
	s = group(r, "M", AIRS_REPORTS_ALL);
	ck_assert_int_eq(s.headcount, 4);
	ck_assert(s.readiness_mean == airs__qmean(airs__quantise(0.875), 3));
	ck_assert(s.readiness_median == 0.25);
	c = cons(r, 0, AIRS_REPORTS_ALL);
	ck_assert_int_eq(c.respondents, 3);
	ck_assert(c.mean == airs__qmean(airs__quantise(1.5), 3));
	/* no leader/staff split for manager groups */
	ck_assert(c.leaders == AIRS_SUPPRESSED && c.staff == AIRS_SUPPRESSED);
	ck_assert(isnan(c.perception_gap));
	s = group(r, "A", AIRS_REPORTS_DIRECT);
	ck_assert_int_eq(s.headcount, 1);
	ck_assert_str_eq(s.parent_id, "M");
	ck_assert_int_eq(airs_rollup_manager_group(r, 0, 2, &s), AIRS_ERANGE);
	airs_rollup_free(r);
}
END_TEST

/* airs_manager_info is new in 1.2: until 1.2 is released its first size
 * is its size now (tests/test-abi.c's table holds released structs).  A
 * smaller size is refused, a larger one with a zero tail accepted and
 * its tail left alone. */
START_TEST(manager_info_size_protocol)
{
	airs_rollup *r;
	unsigned char b[sizeof(airs_manager_info) + 16];
	airs_manager_info *mi = (airs_manager_info *)(void *)b;
	size_t i;

	worked_org();
	r = new_rollup(1);
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	memset(b, 0, sizeof b);
	mi->size = sizeof *mi - 1;
	ck_assert_int_eq(airs_rollup_manager(r, 0, mi), AIRS_EINVAL);
	ck_assert_int_eq(airs_rollup_manager(r, 0, NULL), AIRS_EINVAL);
	mi->size = sizeof b;
	memset(b + sizeof *mi, 0xa5, 16);
	ck_assert_int_eq(airs_rollup_manager(r, 0, mi), AIRS_OK);
	ck_assert_str_eq(mi->id, "M");
	ck_assert_uint_eq(mi->size, sizeof b);
	for (i = sizeof *mi; i < sizeof b; i++)
		ck_assert_uint_eq(b[i], 0xa5);
	airs_rollup_free(r);
}
END_TEST

/* k = 3 in the worked example: M's direct reports have 2 respondents and
 * are hidden; M's line has 3 (A, C, D) - shown by the primary rule, but
 * with unit U2 (C, D) and U1 (M, A) visible... the joint rule decides. */
START_TEST(small_groups_hidden)
{
	airs_rollup *r;
	airs_construct_score c;

	worked_org();
	r = new_rollup(3);
	{
		airs__emp_detail d[5] = {
			detail("M", 0.9, 1.0), detail("A", 0.5, 0.5),
			detail("B", 0.25, NAN), detail("C", NAN, 0.75),
			detail("D", 0.125, 0.25),
		};
		size_t i;
		for (i = 0; i < 5; i++)
			ck_assert_int_eq(airs__rollup_add(r, &d[i]), AIRS_OK);
	}
	ck_assert_int_eq(airs__rollup_finalise(r, 1), AIRS_OK);
	c = cons(r, 0, AIRS_REPORTS_DIRECT);
	ck_assert(c.respondents == AIRS_SUPPRESSED);
	ck_assert(isnan(c.mean));
	/* the organisation (4 respondents) is shown; M's line (3) would give
	 * M's answer by difference: hidden */
	c = cons(r, 0, AIRS_REPORTS_ALL);
	ck_assert(c.respondents == AIRS_SUPPRESSED);
	airs_rollup_free(r);
}
END_TEST

/* Shards absorbed give the rollup of the whole; partials carry no
 * manager groups, and merging drops them. */
START_TEST(shards_and_partials)
{
	airs_rollup *r, *s, *whole, *back;
	airs__emp_detail d[5];
	airs_unit_score a = AIRS_UNIT_SCORE_INIT, b = AIRS_UNIT_SCORE_INIT;
	struct textbuf t = { NULL, 0, 0 };
	size_t i, n;

	worked_org();
	whole = new_rollup(3);
	ck_assert_int_eq(airs__rollup_new(&r, &mem, m, 3, DIGEST, 3 * (int64_t)AIRS__Q), AIRS_OK);
	ck_assert_int_eq(airs__rollup_new_shard(&s, r), AIRS_OK);
	worked_details(d);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(airs__rollup_add(whole, &d[i]), AIRS_OK);
		ck_assert_int_eq(airs__rollup_add(i % 2 ? s : r, &d[i]), AIRS_OK);
	}
	ck_assert_int_eq(airs__rollup_absorb(r, s), AIRS_OK);
	airs_rollup_free(s);
	ck_assert_int_eq(airs__rollup_finalise(r, 2), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
	n = airs_rollup_manager_count(r);
	ck_assert_int_eq(n, 2);
	for (i = 0; i < 2 * n; i++) {
		ck_assert_int_eq(airs_rollup_manager_group(r, i / 2, (int)(i % 2), &a),
		                 AIRS_OK);
		ck_assert_int_eq(airs_rollup_manager_group(whole, i / 2,
		                                           (int)(i % 2), &b),
		                 AIRS_OK);
		ck_assert_int_eq(a.headcount, b.headcount);
		ck_assert(a.readiness_mean == b.readiness_mean ||
		          (isnan(a.readiness_mean) && isnan(b.readiness_mean)));
		ck_assert(a.readiness_median == b.readiness_median ||
		          (isnan(a.readiness_median) && isnan(b.readiness_median)));
	}
	ck_assert_int_eq(airs_rollup_write(r, textbuf_write, &t), AIRS_OK);
	{
		airs_diag dg = AIRS_DIAG_INIT;
		int rc = airs_rollup_read(&back, t.p, t.n, NULL, &dg);
		ck_assert_msg(rc == AIRS_OK, "line %llu: %s",
		              (unsigned long long)dg.line, dg.text);
	}
	ck_assert_int_eq(airs_rollup_manager_count(back), 0);
	ck_assert_int_eq(airs_rollup_find_manager(back, "M", &i), AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_rollup_manager_group(back, 0, 0, &a),
	                 AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_rollup_merge(r, back, NULL), AIRS_OK);
	ck_assert_int_eq(airs_rollup_manager_count(r), 0);
	airs_rollup_free(back);
	airs_rollup_free(r);
	airs_rollup_free(whole);
	free(t.p);
}
END_TEST

/* ------------------------------------------------------------------------
 * Brute force: every published group of both hierarchies, every class
 * ---------------------------------------------------------------------- */

static uint64_t rng_state;
static unsigned long mgr_shown;   /* manager groups published */
static unsigned long mgr_primary; /* that the primary rule would show */

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng_state >> 33) % n);
}

enum { MAXU = 6, MAXE = 40, MAXG = 3 * (MAXU + 1) + 2 * MAXE };

struct org {
	uint32_t nu, ne, k;
	int uparent[MAXU];
	uint32_t eunit[MAXE];
	int eleader[MAXE], emgr[MAXE], answered[MAXE];
};

/* Is unit a in the subtree of unit g? */
static int under(const struct org *o, uint32_t a, uint32_t g)
{
	int u;

	for (u = (int)a; u >= 0; u = o->uparent[u])
		if ((uint32_t)u == g)
			return 1;
	return 0;
}

static int reports_to(const struct org *o, uint32_t e, uint32_t boss)
{
	int b;

	for (b = o->emgr[e]; b >= 0; b = o->emgr[b])
		if ((uint32_t)b == boss)
			return 1;
	return 0;
}

static void make_org(struct org *o)
{
	char id[16], pid[16];
	uint32_t u, e;

	o->nu = 1 + rnd(MAXU);
	o->ne = 2 + rnd(MAXE - 1);
	o->k = 3 + rnd(3);
	for (u = 0; u < o->nu; u++) {
		o->uparent[u] = u && rnd(3) ? (int)rnd(u) : -1;
		snprintf(id, sizeof id, "u%u", (unsigned)u);
		snprintf(pid, sizeof pid, "u%d", o->uparent[u]);
		unit(id, o->uparent[u] < 0 ? NULL : pid);
	}
	role();
	for (e = 0; e < o->ne; e++) {
		/* managers among the first few, so that lines are deep and
		 * teams straddle units */
		o->emgr[e] = e && rnd(8) ? (int)rnd(e < 8 ? e : 8) : -1;
		o->eunit[e] = rnd(o->nu);
		o->eleader[e] = rnd(4) == 0;
		o->answered[e] = rnd(5) != 0;
		snprintf(id, sizeof id, "e%02u", (unsigned)e);
		snprintf(pid, sizeof pid, "e%02d", o->emgr[e]);
		snprintf(pid + 8, 8, "u%u", (unsigned)o->eunit[e]);
		employee(id, pid + 8, o->eleader[e], o->emgr[e] < 0 ? NULL : pid);
	}
}

/* The visible groups of family fam (0: construct 0, 1: respondents) and
 * who is in them: member[g][e]. */
static uint32_t published(const airs_rollup *r, const struct org *o, int fam,
                          unsigned char member[MAXG][MAXE])
{
	uint32_t g = 0, u, e, kind;
	size_t i, nm = airs_rollup_manager_count(r);

	for (u = 0; u <= o->nu; u++) {
		size_t at = u == o->nu ? AIRS_ROLLUP_ORG : 0;
		airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
		airs_unit_score s = AIRS_UNIT_SCORE_INIT;
		char id[16];
		if (u < o->nu) {
			snprintf(id, sizeof id, "u%u", (unsigned)u);
			ck_assert_int_eq(airs_rollup_find_unit(r, id, &at), AIRS_OK);
		}
		ck_assert_int_eq(airs_rollup_construct(r, at, 0, &c), AIRS_OK);
		ck_assert_int_eq(airs_rollup_unit(r, at, &s), AIRS_OK);
		for (kind = 0; kind < 3; kind++) {
			uint64_t n = kind == 0 ? (fam ? s.respondents : c.respondents)
			           : fam ? AIRS_SUPPRESSED
			           : kind == 1 ? c.leaders : c.staff;
			if (n == AIRS_SUPPRESSED)
				continue;
			for (e = 0; e < o->ne; e++)
				member[g][e] = (u == o->nu || under(o, o->eunit[e], u)) &&
				               (kind == 0 || (kind == 1) == (o->eleader[e] != 0));
			g++;
		}
	}
	for (i = 0; i < 2 * nm; i++) {
		airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
		airs_unit_score s = AIRS_UNIT_SCORE_INIT;
		airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
		int scope = (int)(i % 2);
		uint32_t boss;
		ck_assert_int_eq(airs_rollup_manager(r, i / 2, &mi), AIRS_OK);
		ck_assert_int_eq(airs_rollup_manager_group(r, i / 2, scope, &s), AIRS_OK);
		ck_assert_int_eq(airs_rollup_manager_construct(r, i / 2, scope, 0, &c),
		                 AIRS_OK);
		ck_assert(c.leaders == AIRS_SUPPRESSED);
		boss = (uint32_t)atoi(mi.id + 1);
		{
			uint32_t na = 0;
			for (e = 0; e < o->ne; e++)
				na += o->answered[e] &&
				      (scope == AIRS_REPORTS_DIRECT
				               ? o->emgr[e] == (int)boss
				               : reports_to(o, e, boss));
			mgr_primary += !na || na >= o->k;
		}
		if ((fam ? s.respondents : c.respondents) == AIRS_SUPPRESSED)
			continue;
		mgr_shown++;
		for (e = 0; e < o->ne; e++)
			member[g][e] = scope == AIRS_REPORTS_DIRECT
			                       ? o->emgr[e] == (int)boss
			                       : reports_to(o, e, boss);
		g++;
	}
	return g;
}

/* A shard claims the units and manager nodes only its chunk of
 * employees reaches (rollup-claim.c) and adds them in the rollup's own
 * accumulators: U2 and A's direct reports are the second chunk's alone,
 * U1 and M's direct reports both chunks'.  Absorbed, the rollup is the
 * whole's, units and manager groups. */
START_TEST(claimed_units_added_in_place)
{
	static const char *const ids[] = { "M", "A", "B", "C", "D" };
	airs_rollup *r, *s, *whole, *part[2];
	airs__emp_detail d[5];
	airs_unit_score a = AIRS_UNIT_SCORE_INIT, b = AIRS_UNIT_SCORE_INIT;
	airs_construct_score ca, cb;
	struct textbuf tw = { NULL, 0, 0 }, tr = { NULL, 0, 0 };
	uint32_t order[5], u1, u2, na, nm;
	size_t i;

	worked_org();
	whole = new_rollup(1);
	ck_assert_int_eq(airs__rollup_new(&r, &mem, m, 1, DIGEST, 3 * (int64_t)AIRS__Q), AIRS_OK);
	ck_assert_int_eq(airs__rollup_new_shard(&s, r), AIRS_OK);
	for (i = 0; i < 5; i++)
		order[i] = (uint32_t)find(AIRS_ENTITY_EMPLOYEE, ids[i]);
	part[0] = r;
	part[1] = s;
	ck_assert_int_eq(airs__rollup_claim(part, 2, m, order, 5), AIRS_OK);
	u1 = r->map[find(AIRS_ENTITY_UNIT, "U1")];
	u2 = r->map[find(AIRS_ENTITY_UNIT, "U2")];
	nm = r->mgr->map[find(AIRS_ENTITY_EMPLOYEE, "A")]; /* M's reports */
	na = r->mgr->map[find(AIRS_ENTITY_EMPLOYEE, "D")]; /* A's reports */
	ck_assert(s->alone[u2 / 64] >> (u2 % 64) & 1);
	ck_assert(!(s->alone[u1 / 64] >> (u1 % 64) & 1));
	ck_assert(s->mgr->alone[na / 64] >> (na % 64) & 1);
	ck_assert(!(s->mgr->alone[nm / 64] >> (nm % 64) & 1));
	/* chunk 0 is M and A (n * t / nt: 0 .. 1), chunk 1 B, C, D */
	worked_details(d);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(airs__rollup_add(whole, &d[i]), AIRS_OK);
		ck_assert_int_eq(airs__rollup_add(i < 2 ? r : s, &d[i]), AIRS_OK);
	}
	/* in place: the shard holds only what both chunks reach */
	ck_assert_uint_eq(r->direct[u2].headcount, 2);
	ck_assert_uint_eq(s->direct[u2].headcount, 0);
	ck_assert_uint_eq(r->vals[u2].n, 1);
	ck_assert_uint_eq(s->direct[u1].headcount, 1);
	ck_assert_uint_eq(r->mgr->direct[na].headcount, 1);
	ck_assert_uint_eq(s->mgr->direct[na].headcount, 0);
	ck_assert_uint_eq(s->mgr->direct[nm].headcount, 2);
	ck_assert_int_eq(airs__rollup_absorb_on(r, s, 2), AIRS_OK);
	airs_rollup_free(s);
	ck_assert_int_eq(airs__rollup_finalise(r, 2), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(whole, 1), AIRS_OK);
	for (i = 0; i < 2 * airs_rollup_manager_count(r); i++) {
		ck_assert_int_eq(airs_rollup_manager_group(r, i / 2, (int)(i % 2), &a),
		                 AIRS_OK);
		ck_assert_int_eq(airs_rollup_manager_group(whole, i / 2,
		                                           (int)(i % 2), &b),
		                 AIRS_OK);
		ck_assert_uint_eq(a.headcount, b.headcount);
		ck_assert_uint_eq(a.scored, b.scored);
		ck_assert_uint_eq(a.respondents, b.respondents);
		ck_assert_uint_eq(a.leaders, b.leaders);
		ck_assert(memcmp(a.levels, b.levels, sizeof a.levels) == 0);
		ck_assert(memcmp(&a.readiness_mean, &b.readiness_mean, 8) == 0);
		ck_assert(memcmp(&a.readiness_median, &b.readiness_median,
		                 8) == 0);
		ck_assert(memcmp(&a.readiness_ci, &b.readiness_ci,
		                 sizeof a.readiness_ci) == 0);
		ca = cons(r, i / 2, (int)(i % 2));
		cb = cons(whole, i / 2, (int)(i % 2));
		ck_assert_uint_eq(ca.respondents, cb.respondents);
		ck_assert(memcmp(&ca.mean, &cb.mean, 8) == 0);
	}
	ck_assert_int_eq(airs_rollup_write(r, textbuf_write, &tr), AIRS_OK);
	ck_assert_int_eq(airs_rollup_write(whole, textbuf_write, &tw), AIRS_OK);
	ck_assert_uint_eq(tr.n, tw.n);
	ck_assert(memcmp(tr.p, tw.p, tr.n) == 0);
	airs_rollup_free(r);
	airs_rollup_free(whole);
	free(tr.p);
	free(tw.p);
}
END_TEST

/* Every class of respondents in a visible group: none or at least k. */
static void check_classes(const struct org *o, uint32_t ng,
                          unsigned char member[MAXG][MAXE])
{
	uint32_t e, f, g;

	for (e = 0; e < o->ne; e++) {
		uint32_t size = 0, in = 0;
		if (!o->answered[e])
			continue;
		for (g = 0; g < ng; g++)
			in |= member[g][e];
		if (!in)
			continue;
		for (f = 0; f < o->ne; f++) {
			int same = o->answered[f];
			for (g = 0; same && g < ng; g++)
				same = member[g][e] == member[g][f];
			size += (uint32_t)same;
		}
		ck_assert_msg(size >= o->k, "a class of %u < k = %u respondents",
		              size, o->k);
	}
}

START_TEST(joint_classes_brute_force)
{
	enum { ORGS = 400 };
	static unsigned char member[MAXG][MAXE];
	unsigned long groups = 0, straddling = 0;
	int n, fam;

	rng_state = 20;
	mgr_shown = mgr_primary = 0;
	for (n = 0; n < ORGS; n++) {
		struct org o;
		airs_rollup *r;
		uint32_t e, ng;
		airs_model_free(m);
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		make_org(&o);
		r = new_rollup((int)o.k);
		for (e = 0; e < o.ne; e++) {
			char id[16];
			airs__emp_detail d;
			snprintf(id, sizeof id, "e%02u", (unsigned)e);
			d = detail(id, 0.5, o.answered[e] ? 0.25 * (e % 5) : NAN);
			ck_assert_int_eq(airs__rollup_add(r, &d), AIRS_OK);
			straddling += o.emgr[e] >= 0 &&
			              o.eunit[e] != o.eunit[o.emgr[e]];
		}
		ck_assert_int_eq(airs__rollup_finalise(r, 1 + (uint32_t)n % 3), AIRS_OK);
		for (fam = 0; fam < 2; fam++) {
			memset(member, 0, sizeof member);
			ng = published(r, &o, fam, member);
			check_classes(&o, ng, member);
			groups += 2 * airs_rollup_manager_count(r);
		}
		airs_rollup_free(r);
	}
	/* the check had something to check */
	ck_assert_uint_gt(straddling, ORGS);
	ck_assert_uint_gt(groups, ORGS);
	fprintf(stderr, "# %lu orgs, %lu straddling reports, %lu of %lu manager groups "
	       "shown, %lu of them large enough\n", (unsigned long)ORGS,
	       straddling, mgr_shown, groups, mgr_primary);
	ck_assert_uint_gt(mgr_shown, groups / 20);
}
END_TEST

/* ------------------------------------------------------------------------
 * The incremental rounds against the old ones (tests/suppress-joint-old.c)
 * ---------------------------------------------------------------------- */

/* A random organisation of nu units and ne people: lines deep (a chain
 * of managers), wide (a few managers over everyone) or random; teams
 * straddle units; people answer each family with probability 1 / dens. */
static void big_org(int shape, uint32_t nu, uint32_t ne, uint32_t dens,
                    int k, airs_rollup **out)
{
	char id[16], pid[16], uid[16];
	uint32_t u, e;
	airs_rollup *r;

	for (u = 0; u < nu; u++) {
		snprintf(id, sizeof id, "u%u", (unsigned)u);
		snprintf(pid, sizeof pid, "u%u", (unsigned)(u ? rnd(u) : 0));
		unit(id, u && rnd(8) ? pid : NULL);
	}
	role();
	for (e = 0; e < ne; e++) {
		uint32_t b = !e ? 0 : shape == 0 ? e - 1 - rnd(e < 3 ? e : 3)
		           : shape == 1 ? rnd(e < 4 ? e : 4) : rnd(e);
		snprintf(id, sizeof id, "e%u", (unsigned)e);
		snprintf(pid, sizeof pid, "e%u", (unsigned)b);
		snprintf(uid, sizeof uid, "u%u", (unsigned)rnd(nu));
		employee(id, uid, rnd(4) == 0, e && rnd(16) ? pid : NULL);
	}
	r = new_rollup(k);
	for (e = 0; e < ne; e++) {
		airs__emp_detail d;
		int c;
		snprintf(id, sizeof id, "e%u", (unsigned)e);
		d = detail(id, 0.5, NAN);
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++)
			if (!rnd(dens)) {
				d.respondent = 1;
				d.construct_present |= 1u << c;
				d.items[c] = 1;
			}
		d.net_responses = (d.construct_present >>
		                   AIRS_CONSTRUCT_RECOMMEND) & 1u;
		d.has_time_saved = (d.construct_present >>
		                    AIRS_CONSTRUCT_TIME_SAVED) & 1u;
		if (d.respondent)
			d.flags_read = rnd(4) & (AIRS_FLAG_FATIGUE |
			                         AIRS_FLAG_NO_BENEFIT);
		ck_assert_int_eq(airs__rollup_add(r, &d), AIRS_OK);
	}
	*out = r;
}

START_TEST(joint_matches_old)
{
	unsigned long groups = 0, hidden = 0, primary = 0;
	int n;

	rng_state = 4242;
	for (n = 0; n < 36; n++) {
		airs_rollup *r;
		const airs_rollup *g;
		unsigned char *old;
		size_t nv, i, v;
		int fam;
		airs_model_free(m);
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		big_org(n % 3, 1 + rnd(n < 30 ? 60 : 400),
		        20 + rnd(n < 30 ? 400 : 3000), 1 + rnd(3),
		        3 + (int)rnd(6), &r);
		ck_assert_int_eq(airs__rollup_finalise(r, 1 + rnd(4)), AIRS_OK);
		g = r->mgr;
		ck_assert_ptr_nonnull(g);
		nv = (size_t)FAM_COUNT * 3 * (g->nu + 1);
		old = malloc(nv);
		ck_assert_ptr_nonnull(old);
		airs__old_joint_suppress(r, old);
		for (i = 0; i < nv; i++)
			ck_assert_msg(old[i] == g->vis[i], "org %d: group %zu of "
			              "%zu: %d vs %d", n, i, nv, old[i], g->vis[i]);
		for (fam = 0; fam < FAM_COUNT; fam++)
			for (v = 0; v < g->nu; v++) {
				const acc *a = &g->tot[v];
				uint64_t resp = fam < NC ? a->c[fam].n0 + a->c[fam].n1
				              : fam == FAM_FATIGUE ? a->fat_read
				              : fam == FAM_NO_BENEFIT ? a->nb_read
				              : a->resp;
				i = (size_t)fam * 3 * (g->nu + 1) + 3 * v;
				groups++;
				hidden += !g->vis[i];
				primary += resp && resp < (uint64_t)r->min_group;
			}
		free(old);
		airs_rollup_free(r);
	}
	fprintf(stderr, "# joint suppression equals the old rounds: %lu groups, "
	        "%lu hidden, %lu of them by the primary rule\n", groups, hidden,
	        primary);
	/* complementary suppression had work to do */
	ck_assert_uint_gt(hidden, primary + groups / 50);
	ck_assert_uint_lt(hidden, groups - groups / 10);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("managers");
	TCase *tc = tcase_create("managers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, worked_example);
	tcase_add_test(tc, manager_info_size_protocol);
	tcase_add_test(tc, small_groups_hidden);
	tcase_add_test(tc, shards_and_partials);
	tcase_add_test(tc, claimed_units_added_in_place);
	tcase_add_test(tc, joint_classes_brute_force);
	tcase_add_test(tc, joint_matches_old);
	suite_add_tcase(s, tc);
	return s;
}
