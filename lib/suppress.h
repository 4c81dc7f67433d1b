/*
 * suppress.h - complementary suppression of one survey family of a
 * rollup (methodology 4.1); suppress.c says how and at what cost.
 *
 * Finalising (rollup-finalise.c) makes the subtree totals, then hands
 * each family to airs__suppress() with a workspace of the lane that runs
 * it.  A family reads only the rollup and writes only its own visibility
 * flags and its lane's workspace, so families may run on different
 * threads, and the decisions are the same for any number of them.
 */
#ifndef AIRS_SUPPRESS_H
#define AIRS_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "airs/rollup.h"
#include "alloc.h"

/* Suppression families: one per construct, then the three survey values
 * published for unit totals only (no leader/staff split). */
enum {
	FAM_NET = AIRS_CONSTRUCT_COUNT_,
	FAM_TIME = AIRS_CONSTRUCT_COUNT_ + 1,
	FAM_RESP = AIRS_CONSTRUCT_COUNT_ + 2,
	FAM_COUNT = AIRS_CONSTRUCT_COUNT_ + 3
};

/* Group kinds within a family; group id = unit * 3 + kind, the
 * organisation being unit nu.  A family's visibility flags are one byte
 * per group, 3 * (nu + 1) of them, 1 for shown. */
enum { G_T = 0, G_L = 1, G_N = 2 };

typedef struct supp_ws supp_ws;

/* A workspace for suppressing the families of r (sized by its units and
 * the depth of its tree).  AIRS_ENOMEM leaves nothing allocated. */
int airs__supp_alloc(const airs_rollup *r, supp_ws *s);

/* Free a workspace made by airs__supp_alloc(), or one zeroed whole. */
void airs__supp_free(const airs__mem *mem, supp_ws *s);

/* Decide which groups of family fam are shown: writes the family's
 * 3 * (nu + 1) flags in vis.  Needs the rollup's subtree totals (r->tot);
 * changes nothing else but w, and cannot fail. */
void airs__suppress(const airs_rollup *r, supp_ws *w, int fam,
                    unsigned char *vis);

/* Another neighbour search, for the tests only: which groups a round's
 * too-small classes hide (pick, returning how many it hid) and which
 * hidden groups are shown again after the last round (reshow).  The
 * rollup's search field (rollup-impl.h) is NULL in the library, which
 * means suppress.c's own tree search; the test harness points it at the
 * quadratic reference (lib/test-suppress.c), linked into the tests only,
 * to prove that both decide the same. */
typedef struct supp_search {
	size_t (*pick)(const airs_rollup *r, supp_ws *w, size_t ncls,
	               uint64_t k, int split, unsigned char *vis);
	void (*reshow)(const airs_rollup *r, supp_ws *w, size_t ncls,
	               uint64_t k, int split, unsigned char *vis);
} supp_search;

/* The workspace.  Its layout is suppress.c's; it is here because
 * finalising keeps one per lane and another search reads it. */
struct supp_ws {
	size_t ncell, maxsig;
	uint32_t *cu;       /* cell unit */
	unsigned char *cl;  /* cell leader flag */
	uint64_t *cn;       /* cell respondents */
	uint32_t *sig;      /* ncell * maxsig */
	uint32_t *siglen;
	uint32_t *htab;     /* hcap slots: class by signature hash */
	size_t hcap;        /* a power of two, at least twice the cells */
	uint64_t *chash;    /* signature hash of each class */
	uint32_t *cls;      /* class of cell */
	uint32_t *cfirst;   /* first cell (in ord) of class */
	uint64_t *csize;
	uint32_t *cin;      /* post pass: cells of a class in a group */
	uint64_t *gsize;    /* group sizes, 3 * (nu + 1) */

	/* The near-linear neighbour search (nearest()): per node (units,
	 * then the organisation at nu) and leader flag m, written [2 * v + m]. */
	uint32_t *cellof;   /* cell of (unit, m), or AIRS__NONE */
	uint32_t *cstart;   /* nu + 1: first cell of each unit */
	uint32_t *ccells;   /* cells per class */
	uint32_t *touched;  /* classes met by a group in the post pass */
	uint32_t *cnt;      /* visible groups at the node a cell of m is in */
	uint32_t *gmin;     /* the smallest of them (gbest()), or AIRS__NONE */
	uint32_t *kc, *kmin; /* visible L and N groups at the node and above */
	struct ntop *top;   /* [4 * v + 2 * m + pos]: the best two children's
	                       keys S (pos 0) and P (pos 1) */
};

#endif
