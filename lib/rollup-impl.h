/*
 * rollup-impl.h - what the files of the rollup family share: the layout of
 * a rollup, its accumulators, and the helpers more than one file calls.
 *
 *   rollup.c           accumulators: make, add, absorb, merge, free; the
 *                      public readers
 *   rollup-publish.c   the unit and construct scores and their intervals,
 *                      made from the totals on each read
 *   rollup-skills.c    the skill heatmap: sparse cells, read by subtree
 *   rollup-finalise.c  subtree totals, medians, suppression on lanes
 *   suppress.c         complementary suppression of one family
 *                      (suppress.h)
 *   rollup-text.c      the partials' text form: write and read
 *   rollup-managers.c  manager groups: a nested rollup over the
 *                      management line, made beside the unit one
 *   suppress-joint.c   suppression of manager groups jointly with the
 *                      unit groups' decisions
 *   rollup-claim.c     the units a scoring shard adds in its host's
 *                      accumulators in place
 *
 * Only these files (and the test hooks, lib/test-*.c) include it; scoring
 * sees a rollup through rollup.h.  Types and macros keep their short
 * names, which no linker sees; functions shared between the files are
 * airs__*.
 */
#ifndef AIRS_ROLLUP_IMPL_H
#define AIRS_ROLLUP_IMPL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "hashidx.h"
#include "params.h"
#include "rollup.h"
#include "sumsq.h"
#include "suppress.h"

#define NC AIRS_CONSTRUCT_COUNT_
#define NF AIRS_FLAG_COUNT_

typedef struct cons_acc {
	uint64_t n0;       /* staff respondents */
	int64_t s0;        /* staff sum of construct_q */
	uint64_t n1;       /* leader respondents */
	int64_t s1;
	uint64_t items, fav, unf;
	uint64_t sq0[AIRS__SQ_LIMBS]; /* staff, leaders sums of construct_q^2 */
	uint64_t sq1[AIRS__SQ_LIMBS]; /* (sumsq.h) */
} cons_acc;

/* Every member is 64 bits wide, so accumulators add as flat arrays and
 * serialise in member order (docs/output-format.md). */
typedef struct acc {
	uint64_t headcount, scored;
	int64_t ready_sum;
	uint64_t with_target;
	int64_t gap_sum;
	uint64_t below, resp;
	uint64_t levels[6];
	uint64_t flags[NF];
	uint64_t net_n, net_resp, net_pro, net_det, ts_n;
	int64_t ts_sum;
	uint64_t leaders;  /* members who lead (the members of group L) */
	uint64_t fat_read, nb_read; /* whose fatigue, no_benefit flag turned
	                               on their answers */
	uint64_t ready_sq[AIRS__SQ_LIMBS]; /* sums of squares (sumsq.h) of */
	uint64_t gap_sq;                   /* readiness_q, gap_levels and */
	uint64_t ts_sq[AIRS__SQ_LIMBS];    /* time_saved_q, for intervals */
	uint64_t insufficient; /* too little evidence for a readiness
	                          (methodology 1.1): headcount - scored */
	/* since partial format 3: the unit ADKAR profile's (methodology
	 * 4.6) Knowledge and Ability - members with a skill fit, with
	 * adoption, their sums and sums of squares, quantised - and the
	 * members by the barrier point their own result shows (enum
	 * airs_adkar: the five elements, none, unknown) */
	uint64_t fit_n;
	int64_t fit_sum;
	uint64_t fit_sq[AIRS__SQ_LIMBS];
	uint64_t ad_n;
	int64_t ad_sum;
	uint64_t ad_sq[AIRS__SQ_LIMBS];
	uint64_t barrier[AIRS_BARRIER_UNKNOWN + 1];
	cons_acc c[NC];
} acc;

#define ACC_SCALARS 52
#define CONS_FIELDS 13
_Static_assert(sizeof(cons_acc) == CONS_FIELDS * 8, "cons_acc packs");
_Static_assert(sizeof(acc) == (ACC_SCALARS + NC * CONS_FIELDS) * 8, "acc packs");

typedef struct i64vec {
	int64_t *v;
	size_t n, cap;
} i64vec;

/* A cell of the skill heatmap (rollup-skills.c): the unit's own
 * employees whose role requires the skill and who were assessed on it,
 * and the sum of their quantised gaps max(0, required - level). */
typedef struct skcell {
	uint32_t unit, skill; /* tree position, model skill index */
	uint64_t n;
	int64_t sum;
} skcell;

#define SK_RECENT 64
/* The cells that have data, found by (unit, skill) through idx, which
 * indexes all of them unless cells were appended without it
 * (airs__skcells_append(): idx.count < n; airs__skcells_reserve()
 * indexes them before the next add). */
typedef struct skcells {
	skcell *v;
	size_t n, cap;
	airs__hashidx idx;
	airs__hashkey key; /* drawn on first use */
	/* the cell last found for a skill (slot skill % SK_RECENT), tried
	 * before the hash: an employee's unit or manager is mostly the one
	 * before's.  Only a hint, checked against the cell: any value is
	 * safe, so copies need not carry it. */
	uint32_t recent[SK_RECENT];
	int ordered;       /* v ascends by (unit, skill): a binary partial's
	                      cells as read, and merges of such
	                      (airs__skcells_merge()); 0 when unknown */
} skcells;

/* The cells ordered for reading (finalising): by skill, then unit
 * position; start[s] .. start[s + 1] are skill s's, with the running
 * sums before each (pre_n[k], pre_sum[k]; one more at the end). */
typedef struct skread {
	uint32_t *start;   /* ns + 1 */
	uint32_t *unit;    /* cells */
	uint64_t *pre_n;   /* cells + 1 */
	uint64_t *pre_sum; /* cells + 1, modulo 2^64 */
} skread;

/* The members of an accumulator that a readiness re-score changes
 * (airs__score_again(), rollup-rescore.c): the readiness, its level,
 * gap and evidence, the left_behind flag (acc.flags[0]) and, last, the
 * barrier counts (when adkar.barrier_threshold changed).  A re-score's
 * rollup holds these in arrays of its own (rd, rt below) and shares
 * the other 145 members of each accumulator with the rollup it came
 * from.  All 64 bits wide: they add as flat arrays. */
typedef struct racc {
	uint64_t scored;
	int64_t ready_sum;
	uint64_t ready_sq[AIRS__SQ_LIMBS];
	uint64_t levels[6];
	uint64_t insufficient, with_target;
	int64_t gap_sum;
	uint64_t gap_sq, below, left_behind;
	uint64_t barrier[AIRS_BARRIER_UNKNOWN + 1];
} racc;

#define RACC_MEMBERS (sizeof(racc) / 8)
#define RACC_NO_BARRIER (RACC_MEMBERS - (AIRS_BARRIER_UNKNOWN + 1))

/* What a rollup made by scoring shares with its re-scores' rollups
 * (airs__rollup_share_shape(), rollup.c): the names, tree and maps, the
 * accumulators (direct, and tot unless it is direct), whose members but
 * the readiness ones a readiness re-score takes as they are, and what
 * finalising derived that no weight changes - the skill heatmap's cells
 * and reading index, the suppression decisions, the units in id order;
 * never written once shared, freed with the last rollup holding them. */
typedef struct rshape {
	atomic_uint refs;
	size_t nu, ns;
	char **uid, **uname, **sid;
	uint32_t *parent;
	int32_t *target;
	uint32_t *depth, *end, *map, *ecell, *efam, *munit;
	acc *direct, *tot;
	skcells sk;
	skread skr;
	unsigned char *vis;
	uint32_t *by_id;
} rshape;

struct airs_rollup {
	airs__mem mem;
	int min_group;
	int64_t barrier_q; /* adkar.barrier_threshold, quantised: the unit
	                      ADKAR profiles' barrier point (4.6) */
	char digest[65];
	int finalised;
	int sorted;        /* every unit's vals ascending (finalised, read
	                      back, merged from such) */
	int open;          /* read or merged to be finished later
	                      (AIRS_ROLLUP_OPEN): merges add, finishing
	                      derives once */
	supp_family_fn suppress;   /* NULL: suppress.c's; only the tests set
	                              another (test-suppress.c) */
	int shard;         /* map is borrowed from the rollup it was made for */
	uint64_t *reached; /* NULL, or a shard's bit per unit its employees
	                      reached: absorbing visits those only, for on
	                      some systems (this one) even reading a page
	                      never written makes it resident - at 1M
	                      employees about 150 MB of a second thread's
	                      shard, most of its manager nodes */
	rshape *shape;     /* NULL, or the owner of uid, uname, sid, parent,
	                      target, depth, end, map, ecell, efam and munit,
	                      which point into it (shared: read only) */
	int keep_barrier;  /* a readiness re-score's until it is finalised:
	                      the barrier counts are the earlier rollup's
	                      (rollup-rescore.c) */
	racc *rd, *rt;     /* NULL, or a readiness re-score's (split): the
	                      readiness members of direct and tot, which are
	                      its source's (shape's, read only) and whose own
	                      readiness members are stale; rt == rd in a
	                      nested rollup.  Read accumulators through
	                      airs__rollup_own() and airs__rollup_tot(). */
	int64_t *vslab;    /* NULL, or one block holding every unit's vals
	                      (a re-score's: each unit's capacity is its
	                      headcount) */
	/* What the scores depend on beyond each employee's own records
	 * (rollup.h, airs__rollup_set_context()): shards agree on it or do
	 * not merge. */
	airs_date as_of;
	unsigned evidence; /* AIRS__EV_* */

	size_t nu, ns;
	char **uid, **uname, **sid;
	uint32_t *parent;  /* tree index, AIRS__NONE for roots */
	int32_t *target;   /* effective target */
	uint32_t *depth;
	uint32_t *end;     /* subtree of u is [u, end[u]) in tree order */
	uint32_t *map;     /* model unit index -> tree index; NULL if read */

	acc *direct;       /* nu + 1 (the last the organisation's, which
	                      has none): each unit's own members, and once
	                      finalised its subtree totals (tot, below);
	                      read them through airs__rollup_own() */
	i64vec *vals;      /* nu: readiness_q of scored employees */
	skcells sk;        /* the skill heatmap's own cells, sparse */

	/* Derived by finalising.  The published unit and construct scores
	 * are made from these on every read (publish_unit(),
	 * publish_construct()): storing them took 70 MB at 73,000 units. */
	acc *tot;          /* nu + 1: subtree totals, the organisation
	                      last: direct itself, totalled in place, or
	                      NULL before finalising.  Own members are the
	                      totals less the children's, exact in wrapping
	                      sums (airs__rollup_own()): storing both took
	                      99 MB more at 1M employees (72,954 units) */
	skread skr;        /* sk in reading order */
	double *median;    /* nu + 1: readiness median */
	unsigned char *vis;        /* FAM_COUNT * 3 * (nu + 1) */
	uint32_t *by_id;   /* nu: units in id order, for airs_rollup_find_unit() */

	/* Manager groups (rollup-managers.c), or NULL: none in the model,
	 * or a rollup read from partials, which carry units only.  mgr is
	 * a rollup of its own whose "units" are two nodes per manager in
	 * the management line's tree order: node 2i, all reports of manager
	 * i (its subtree), and its first child 2i + 1, the direct reports
	 * (a leaf).  Subtree totals, medians and the skill heatmap then
	 * come from the unit code unchanged; its visibility flags come from
	 * the joint suppression (suppress-joint.c), never from its own.
	 *
	 * A line node 2i never has members of its own (people are added to
	 * direct-reports nodes, leaves), so once totalled (as every rollup
	 * is, in place: tot above) a leaf's total is its own and a line
	 * node's own are zero: airs__rollup_own() needs no subtraction. */
	airs_rollup *mgr;
	/* In a manager rollup (nested): map is model employee -> their
	 * manager's direct-reports node (AIRS__NONE: no manager), and per
	 * employee the unit cell (tree position * 2 + leader) and the
	 * families they answered (bit per family, written as they are
	 * added; shards borrow all three); per manager its unit. */
	int nested;
	size_t ne;
	uint32_t *ecell, *efam;
	uint32_t *munit;   /* nu / 2: the manager's own unit (tree position) */

	/* A scoring shard's, or NULL (airs__rollup_claim(), rollup-claim.c):
	 * host is the rollup the shard was made for, alone a bit per unit
	 * (node) that no other thread's employees reach.  Such a unit's
	 * accumulators and values the shard adds in host's own, which no
	 * other thread writes, so absorbing has nothing of it to hold twice
	 * (its cells stay the shard's: host's are hashed by their thread). */
	airs_rollup *host;
	uint64_t *alone;
};

/* Add b's accumulators to a's, member by member. */
static inline void acc_add(acc *a, const acc *b)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	size_t i;

	for (i = 0; i < sizeof(acc) / 8; i++)
		pa[i] += pb[i];
}

/* Subtract b from a's members (wrapping: what acc_add() added comes
 * back exactly). */
static inline void acc_sub(acc *a, const acc *b)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	size_t i;

	for (i = 0; i < sizeof(acc) / 8; i++)
		pa[i] -= pb[i];
}

/* Whether r was totalled in place: direct holds subtree totals. */
static inline int airs__rollup_totalled(const airs_rollup *r)
{
	return r->tot && r->tot == r->direct;
}

/* The readiness members of a into x, and back. */
static inline void racc_get(racc *x, const acc *a)
{
	size_t i;

	x->scored = a->scored;
	x->ready_sum = a->ready_sum;
	for (i = 0; i < AIRS__SQ_LIMBS; i++)
		x->ready_sq[i] = a->ready_sq[i];
	for (i = 0; i < 6; i++)
		x->levels[i] = a->levels[i];
	x->insufficient = a->insufficient;
	x->with_target = a->with_target;
	x->gap_sum = a->gap_sum;
	x->gap_sq = a->gap_sq;
	x->below = a->below;
	x->left_behind = a->flags[0];
	for (i = 0; i <= AIRS_BARRIER_UNKNOWN; i++)
		x->barrier[i] = a->barrier[i];
}

static inline void racc_put(acc *a, const racc *x)
{
	size_t i;

	a->scored = x->scored;
	a->ready_sum = x->ready_sum;
	for (i = 0; i < AIRS__SQ_LIMBS; i++)
		a->ready_sq[i] = x->ready_sq[i];
	for (i = 0; i < 6; i++)
		a->levels[i] = x->levels[i];
	a->insufficient = x->insufficient;
	a->with_target = x->with_target;
	a->gap_sum = x->gap_sum;
	a->gap_sq = x->gap_sq;
	a->below = x->below;
	a->flags[0] = x->left_behind;
	for (i = 0; i <= AIRS_BARRIER_UNKNOWN; i++)
		a->barrier[i] = x->barrier[i];
}

/* Empty x, but for the barrier counts taken from `barrier` (an acc's or
 * a racc's) unless it is NULL: all a readiness re-score keeps of an
 * earlier accumulator, read without the lines that hold the rest. */
static inline void racc_empty(racc *x, const uint64_t *barrier)
{
	uint64_t *p = (uint64_t *)(void *)x;
	size_t i;

	for (i = 0; i < RACC_NO_BARRIER; i++)
		p[i] = 0;
	for (i = 0; i <= AIRS_BARRIER_UNKNOWN; i++)
		x->barrier[i] = barrier ? barrier[i] : 0;
}

/* Subtract b from a, every member (wrapping like acc_sub()). */
static inline void racc_sub(racc *a, const racc *b)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	size_t i;

	for (i = 0; i < RACC_MEMBERS; i++)
		pa[i] -= pb[i];
}

/* Add b to a member by member (wrapping like acc_add(): the totals are
 * the same bits in any order), the barrier counts only with `barrier`. */
static inline void racc_add(racc *a, const racc *b, int barrier)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	size_t i, n = barrier ? RACC_MEMBERS : RACC_NO_BARRIER;

	for (i = 0; i < n; i++)
		pa[i] += pb[i];
}

/* An employee's readiness, level, evidence and gap added to the
 * accumulator a (an acc in scoring, a racc in a readiness re-score:
 * the members have the same names) and the unit's readiness values v
 * (room reserved). */
#define ADD_READINESS_OF(a, vec, d)                                       \
	do {                                                              \
		if ((d)->has_readiness) {                                 \
			(a)->scored++;                                    \
			(a)->ready_sum += (d)->readiness_q;               \
			airs__sq_add((a)->ready_sq, (d)->readiness_q);    \
			(vec)->v[(vec)->n++] = (d)->readiness_q;          \
		}                                                         \
		(a)->levels[(d)->level]++;                                \
		(a)->insufficient += (d)->insufficient != 0;              \
		if ((d)->has_gap) {                                       \
			(a)->with_target++;                               \
			(a)->gap_sum += (d)->gap_levels;                  \
			(a)->gap_sq += (uint64_t)((int64_t)(d)->gap_levels * \
			                          (d)->gap_levels);       \
			(a)->below += (d)->below_target != 0;             \
		}                                                         \
	} while (0)

/* The accumulators of unit u's own members (not its subtree's),
 * finalised or not: the organisation (u == nu) and a nested rollup's
 * line nodes have none, and its leaves no children (see mgr above); a
 * totalled unit's are its total less its children's, and a readiness
 * re-score's take their readiness members from rd, assembled in buf. */
static inline const acc *airs__rollup_own(const airs_rollup *r, size_t u,
                                          acc *buf)
{
	static const acc none;
	int sub = !r->nested && airs__rollup_totalled(r);
	size_t c;

	if (u >= r->nu || (r->nested && !(u & 1)))
		return &none;
	if (!r->rd && !sub)
		return &r->direct[u];
	*buf = r->direct[u];
	/* children follow their parent in tree order, each subtree whole */
	for (c = u + 1; sub && c < r->end[u]; c = r->end[c])
		acc_sub(buf, &r->direct[c]);
	if (r->rd)
		racc_put(buf, &r->rd[u]);
	return buf;
}

/* Unit u's own headcount: airs__rollup_own()'s, without the other
 * members. */
static inline uint64_t airs__rollup_own_headcount(const airs_rollup *r,
                                                  size_t u)
{
	uint64_t n;
	size_t c;

	if (u >= r->nu || r->nested)
		return u < r->nu && (u & 1) ? r->direct[u].headcount : 0;
	n = r->direct[u].headcount;
	for (c = u + 1; airs__rollup_totalled(r) && c < r->end[u]; c = r->end[c])
		n -= r->direct[c].headcount;
	return n;
}

/* The subtree totals of unit g (g == nu: the organisation) of a
 * finalised rollup; a readiness re-score's assembled in buf. */
static inline const acc *airs__rollup_tot(const airs_rollup *r, size_t g,
                                          acc *buf)
{
	if (!r->rt)
		return &r->tot[g];
	*buf = r->tot[g];
	racc_put(buf, &r->rt[g]);
	return buf;
}

/* rollup.c: making and growing a rollup. */

/* airs__rollup_alloc() flags: a map from model units; or a readiness
 * re-score's (rollup-rescore.c) - no names, tree, maps or accumulators,
 * which the caller takes from its source, and rd for nu + 1 readiness
 * accumulators, unset. */
#define AIRS__RA_MAP 1
#define AIRS__RA_SPLIT 2

/* A rollup of nu units and ns skills with empty accumulators and empty
 * string tables (filled by the caller), as flags say.  NULL when out of
 * memory. */
airs_rollup *airs__rollup_alloc(const airs__mem *mem, size_t nu, size_t ns,
                               unsigned flags);

/* r takes a reference to p's shared shape (airs__rollup_share_shape()):
 * its own names, tree and maps, which must hold nothing yet, are freed
 * and it points at p's.  Thread safety: p is only read. */
void airs__rollup_take_shape(airs_rollup *r, const airs_rollup *p);

/* r's own members back in direct from the subtree totals finalising
 * left there (airs__rollup_totalled()), which r no longer has: before
 * anything is added to a finalised rollup, or it is totalled again.
 * Nothing when r is not totalled; r's direct must be its own (not a
 * shape's).  Cannot fail. */
void airs__rollup_untotal(airs_rollup *r);

/* Depths and subtree ends from the parents of a tree-ordered rollup. */
void airs__rollup_derive_shape(airs_rollup *r);

/* Tree order of n units given by ids and parents: order[i] is the unit
 * at position i.  AIRS_ENOMEM possible. */
int airs__rollup_tree_order(const airs__mem *mem, size_t n,
                            const char *const *ids, const uint32_t *parent,
                            uint32_t *order);

/* Sort the n unit indices at a by ids[], stably; tmp holds n. */
void airs__rollup_sort_ids(uint32_t *a, uint32_t *tmp, size_t n,
                           const char *const *ids);

/* Room for extra more values in v.  AIRS_ENOMEM leaves v as it was. */
int airs__rollup_reserve(const airs__mem *mem, i64vec *v, size_t extra);

/* The readiness values kept in all units. */
size_t airs__rollup_total_values(const airs_rollup *r);

/* The employees of r (finalised or not). */
uint64_t airs__rollup_headcount(const airs_rollup *r);

/* rollup-skills.c: the skill heatmap's cells. */

void airs__skcells_free(skcells *s, const airs__mem *mem);
/* Room for `more` new cells.  AIRS_ENOMEM leaves s as it was. */
int airs__skcells_reserve(skcells *s, const airs__mem *mem, size_t more);
/* Add n people with gap sum `sum` to the cell (unit, skill), making it
 * if new (room reserved). */
void airs__skcells_add(skcells *s, uint32_t unit, uint32_t skill, uint64_t n,
                       int64_t sum);
/* Room for `more` cells appended without the index.  AIRS_ENOMEM leaves
 * s as it was. */
int airs__skcells_reserve_append(skcells *s, const airs__mem *mem,
                                 size_t more);
/* A new cell (unit, skill), which no cell of s has, at the end (room
 * reserved): a reader whose cells come in order adds them without
 * hashing; s stays ordered while they ascend. */
void airs__skcells_append(skcells *s, uint32_t unit, uint32_t skill,
                          uint64_t n, int64_t sum);
/* Both ordered (or empty): into's cells and from's (which may be into)
 * merged in one pass into buf, room for both, which into then owns; its
 * index is dropped (rebuilt if an add follows).  Cannot fail. */
int airs__skcells_mergeable(const skcells *into, const skcells *from);
void airs__skcells_merge(skcells *into, const skcells *from, skcell *buf,
                         const airs__mem *mem);
/* The reading index of r's cells into out (arrays sized for them),
 * with order and tmp of as many numbers and count of max(nu, ns) + 1
 * (every cell's unit is below nu, its skill below ns); cannot fail. */
/* Frees x's four arrays (none of them shared). */
void airs__skread_free(const airs__mem *mem, const skread *x);
void airs__skills_index(const airs_rollup *r, skread *out, uint32_t *order,
                        uint32_t *tmp, uint32_t *count);
/* The people and gap sum of skill in unit g's subtree (g == nu: the
 * organisation) of a finalised rollup. */
void airs__skills_read(const airs_rollup *r, size_t g, size_t skill,
                       uint64_t *n, int64_t *sum);
/* r's cell numbers by unit, then skill (the text form's order), for the
 * caller to free; NULL when out of memory. */
uint32_t *airs__skills_by_unit(const airs_rollup *r);
/* People assessed on one skill beyond which its gap sum (at most 5
 * levels each, in quanta) could pass INT64_MAX. */
#define AIRS__SK_MAX_COUNT ((uint64_t)(INT64_MAX / 5 / 1000000000))
/* 1 if every skill's people in a and b (b may be NULL) together stay
 * within AIRS__SK_MAX_COUNT, 0 if not, AIRS_ENOMEM (finalised or not:
 * open rollups are counted from their cells). */
int airs__skills_fit(const airs_rollup *a, const airs_rollup *b);

/* rollup-text.c, rollup-binary.c: a partial into a new rollup, checked
 * and not finalised (values sorted); with pv, refused unless made with
 * those parameters.  AIRS_EPARSE, AIRS_EMISMATCH, AIRS_EPRIVACY,
 * AIRS_ENOMEM, with the message in diag. */
#define AIRS__RB_MAGIC "\x89" "airsrb\n"
#define AIRS__RB_MAGIC_LEN 8
int airs__rollup_parse_text(airs_rollup **out, const char *data, size_t len,
                            const airs__pv *pv, const airs__mem *mem,
                            airs_diag *diag);
int airs__rollup_parse_binary(airs_rollup **out, const char *data,
                              size_t len, const airs__pv *pv,
                              const airs__mem *mem, airs_diag *diag);
/* The binary form of r (values sorted) through write.  AIRS_EIO,
 * AIRS_ENOMEM. */
int airs__rollup_write_binary(const airs_rollup *r, airs_write_fn write,
                              void *user);
/* rollup-read.c: a partial of either form read with pv (NULL: publish
 * with the partial's own threshold) and flags (AIRS_ROLLUP_OPEN). */
int airs__rollup_read_any(airs_rollup **out, const char *data, size_t len,
                          const airs__pv *pv, unsigned flags,
                          const airs_allocator *alloc, airs_diag *diag);
/* rollup-read.c: the partial's digest and threshold against the
 * caller's parameters (positions for the message: the text form's
 * lines, or 0). */
int airs__rollup_check_params(const airs__pv *pv, const char *digest,
                              uint64_t k, int64_t barrier_q, airs_diag *diag,
                              uint64_t digest_line, uint64_t k_line,
                              uint64_t barrier_line);

/* rollup-check.c: what a partial's values must satisfy to be read; each
 * returns NULL when they pass, else the message (the readers say where). */

const char *airs__rollup_check_acc(const acc *a);
/* Whether member i of acc, of cons_acc, is signed (the partial formats
 * write the members in order, signed or not). */
int airs__acc_signed(size_t i);
int airs__cons_signed(size_t i);
/* Construct c of a (the unit's own accumulators, headcount checked). */
const char *airs__rollup_check_cons(const acc *a, size_t c);
/* The next readiness value x of a unit's sorted values v. */
const char *airs__rollup_check_value(const i64vec *v, int64_t x);
/* A unit's values against its count, sum and sum of squares. */
const char *airs__rollup_check_values(const i64vec *v, const acc *a);
/* A skill heatmap cell of a unit of that headcount. */
const char *airs__rollup_check_cell(uint64_t n, int64_t sum,
                                    uint64_t headcount);
/* The first unit whose net score or time saved respondents are not its
 * recommend or time_saved construct's; SIZE_MAX when none. */
size_t airs__rollup_check_families(const airs_rollup *r);
/* The first unit (position) whose id repeats an earlier one (*dup = 1)
 * or that is out of tree order (*dup = 0); *at = SIZE_MAX when none.
 * AIRS_ENOMEM. */
int airs__rollup_check_shape(const airs_rollup *r, size_t *at, int *dup);

/* rollup-publish.c: what readers see. */


/* The published scores of unit g (the organisation when g == nu), or of
 * construct c in unit g, of a finalised rollup. */
void airs__rollup_publish_unit(const airs_rollup *r, size_t g,
                               airs_unit_score *p);
void airs__rollup_publish_construct(const airs_rollup *r, size_t g, size_t c,
                                    airs_construct_score *q);
/* The ADKAR profile of unit g likewise (methodology 4.6). */
void airs__rollup_publish_adkar(const airs_rollup *r, size_t g,
                                airs_unit_adkar *p);

/* rollup-finalise.c: deriving what is published. */

/* Most threads the suppression of the FAM_COUNT families runs on. */
#define FIN_LANES 4

/* A subtree's readiness values as rollup-medians.c counts them in
 * ascending order: how many, how many so far, its middle ones. */
typedef struct fin_mid {
	size_t n, seen;
	int64_t lo, hi;
} fin_mid;

/* Everything finalising allocates, so that merging can allocate it before
 * it changes anything. */
typedef struct fin_ws {
	skread skr;
	uint32_t *skorder, *sktmp; /* cells each: the reading order, scratch */
	uint32_t *skcount;         /* max(nu, ns) + 1: the counting sort's */
	double *median;
	unsigned char *vis;
	int64_t *all;          /* readiness values in tree order */
	size_t *off;           /* nu + 1 offsets into all */
	uint64_t *key;         /* as many as all: the radix sort's scratch */
	fin_mid *mid;          /* nu + 1: each subtree's middle values */
	uint32_t *by_id, *tmp; /* nu + 1 each: units in id order, scratch */
	size_t lanes;          /* suppression workspaces: families run on
	                          that many threads */
	supp_ws s[FIN_LANES];
	const airs_rollup *reuse; /* NULL, or a finalised rollup of the same
	                             units and respondents whose suppression
	                             decisions and id order are taken as they
	                             are (a re-score's) */
	struct joint_ws *joint;   /* NULL, or for a manager rollup the joint
	                             suppression's workspace, its decisions
	                             made against those of units (final) */
	const airs_rollup *units;
} fin_ws;

/* A workspace for finalising r holding nvals readiness values and
 * ncells skill cells, whose suppression runs on `lanes` threads (clamped
 * to 1..FIN_LANES).  AIRS_ENOMEM leaves nothing allocated. */
int airs__rollup_fin_alloc(const airs_rollup *r, fin_ws *f, size_t nvals,
                           size_t ncells, size_t lanes);

/* Finalise r with the workspace f, which this frees; cannot fail. */
void airs__rollup_finalise_with(airs_rollup *r, fin_ws *f);

/* rollup-medians.c: every unit's readiness median into f->median and
 * its own values sorted, from r's values (f->all, key, off and mid as
 * scratch).  AIRS_EINVAL, nothing changed, when the values' range and
 * r's tree positions do not fit a 63-bit key (a rollup of 2^26 units or
 * more): the caller selects then. */
int airs__rollup_medians(airs_rollup *r, fin_ws *f);

/* rollup-managers.c: manager groups. */

/* Make r->mgr for the model's managers (none: r->mgr stays NULL);
 * r was made from model by airs__rollup_new.  AIRS_ENOMEM possible. */
int airs__mgr_new(airs_rollup *r, const airs_model *model);

/* The families an employee's detail counts as answered (bit per
 * family of suppress.h). */
uint32_t airs__mgr_families(const airs__emp_detail *d);

/* suppress-joint.c: the manager groups' decisions, made jointly with
 * the unit groups' final ones (methodology 4.1). */

/* What one family's decision writes as it goes: each lane (a thread
 * deciding families in turn) has its own. */
typedef struct joint_lane {
	uint32_t *ord, *tmp;        /* ne each: a family's cells by unit
	                               class; scratch */
	uint32_t *ku;               /* ne: a cell's unit class */
	uint32_t *hist;             /* counting sort: max(keys) + 2 */
	uint32_t *usig;             /* 2 * (nu + 1): unit cell classes */
	uint32_t *ustart;           /* unit class names + 1: their cells */
	uint32_t *dirty, *ust;      /* unit classes a round looks at; stamp
	                               per unit class */
	uint32_t *anc;              /* nodes: the nearest visible group at or
	                               above, AIRS__NONE when none */
	uint32_t *hid, *nst;        /* nodes: hidden in a round; stamps */
	uint32_t *pst, *touched;    /* nodes + 1: a unit class's parts by */
	uint64_t *psize;            /* anchor (nodes: none), their sizes */
	uint64_t *gr;               /* nodes: respondents per group */
	uint32_t epoch;
} joint_lane;

typedef struct joint_ws {
	size_t ncell;       /* people of equal unit cell and manager */
	uint32_t *cell;     /* ne: a cell's unit cell (unit * 2 + leader) */
	uint32_t *cdnode;   /* ne: its direct-reports node, or AIRS__NONE */
	uint32_t *cn;       /* FAM_COUNT * ne: respondents per family, cell
	                       (a family's are together: each is read alone) */
	uint32_t *byn;      /* ne: cells by direct-reports node, */
	uint32_t *nstart;   /* nodes + 2: where each node's begin */
	size_t lanes;       /* families decided on that many threads */
	joint_lane l[FIN_LANES];
} joint_ws;

/* A workspace for the joint suppression of r and r->mgr on `lanes`
 * threads (clamped to 1..FIN_LANES).  AIRS_ENOMEM leaves nothing
 * allocated. */
int airs__joint_alloc(const airs_rollup *r, joint_ws *w, size_t lanes);
void airs__joint_free(const airs__mem *mem, joint_ws *w);

/* The cells of r (units) and g = r->mgr, which every family reads:
 * first, with g's totals made; cannot fail. */
void airs__joint_cells(const airs_rollup *r, const airs_rollup *g,
                       joint_ws *w);

/* Decide family fam's manager groups into mv (3 * (nodes + 1) flags)
 * from r's final decisions, g's totals and the cells, with lane's
 * scratch; families apart may be decided at once, each on a lane of
 * its own.  Cannot fail. */
void airs__joint_family(const airs_rollup *r, const airs_rollup *g,
                        joint_ws *w, size_t lane, int fam,
                        unsigned char *mv);

#endif
