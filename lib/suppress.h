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

/* Suppression families: one per construct, then the survey values
 * published for unit totals only (no leader/staff split): the net score
 * and time saved (decided as their constructs are), the survey
 * respondents, and the two flag counts that read answers. */
enum {
	FAM_NET = AIRS_CONSTRUCT_COUNT_,
	FAM_TIME = AIRS_CONSTRUCT_COUNT_ + 1,
	FAM_RESP = AIRS_CONSTRUCT_COUNT_ + 2,
	FAM_FATIGUE = AIRS_CONSTRUCT_COUNT_ + 3,
	FAM_NO_BENEFIT = AIRS_CONSTRUCT_COUNT_ + 4,
	FAM_COUNT = AIRS_CONSTRUCT_COUNT_ + 5
};

/* Group kinds within a family; group id = unit * 3 + kind, the
 * organisation being unit nu.  A family's visibility flags are one byte
 * per group, 3 * (nu + 1) of them, 1 for shown. */
enum { G_T = 0, G_L = 1, G_N = 2 };

typedef struct supp_ws supp_ws;

/* A workspace for suppressing the families of r (sized by its units).
 * AIRS_ENOMEM leaves nothing allocated. */
int airs__supp_alloc(const airs_rollup *r, supp_ws *s);

/* Free a workspace made by airs__supp_alloc(), or one zeroed whole. */
void airs__supp_free(const airs__mem *mem, supp_ws *s);

/* Decide which groups of family fam (a construct, or FAM_RESP; the net
 * score and time saved are published with the recommend and time_saved
 * constructs' decisions) are shown: writes the family's 3 * (nu + 1)
 * flags in vis.  Needs the rollup's subtree totals (r->tot); changes
 * nothing else but w, and cannot fail. */
void airs__suppress(const airs_rollup *r, supp_ws *w, int fam,
                    unsigned char *vis);

/* The class of every cell under a family's visibility flags vis:
 * sig[unit * 2 + leader] (2 * (nu + 1) entries), the same name for cells
 * of the same visible groups, 0 for cells in none.  Returns the number
 * of names.  For the joint suppression of manager groups
 * (suppress-joint.c), which refines these classes. */
uint32_t airs__supp_classes(const airs_rollup *r, const unsigned char *vis,
                            uint32_t *sig);

/* Another implementation of the same rule, for the tests only: the
 * rollup's suppress field (rollup-impl.h) is NULL in the library, which
 * means airs__suppress(); the test harness points it at the brute-force
 * reference over explicit signatures (lib/test-suppress.c), linked into
 * the tests only, to prove that both decide the same. */
typedef void (*supp_family_fn)(const airs_rollup *r, int fam,
                               unsigned char *vis);

/* What the classes under a node span (suppress.c, reshow()). */
struct supp_span {
	uint32_t lo, hi;
	int ok;
};

/* A candidate neighbour seen from a node's parent: d visible groups on
 * the path down to it, g the smallest of them (AIRS__NONE: none, or no
 * candidate when d is UINT32_MAX); and the two best among a node's
 * children (suppress.c, prepare()). */
struct nkey {
	uint32_t d, g;
};

struct ntop {
	struct nkey k[2];
	uint32_t c[2];
};

/* The workspace: O(units), whatever the depth of the tree.  Cells are
 * numbered unit * 2 + leader, groups node * 3 + kind (the organisation is
 * node nu), class names 1 .. (0: no visible group). */
struct supp_ws {
	uint64_t *cr;       /* cell respondents: 2 * (nu + 1) */
	uint64_t *gr;       /* group respondents: 3 * (nu + 1) */
	uint32_t *sig;      /* class name of cell (v, l); of node nu too */
	uint32_t *best;     /* smallest visible group containing (v, l) */
	uint64_t *ksize_r;           /* per class name: respondents */
	uint32_t *krep, *klo, *khi;  /* a cell of it, its lowest and highest */
	unsigned char *kkinds;       /* bit l: it has cells of kind l */
	struct supp_span *span;      /* 3 * (nu + 1) */
	/* the neighbour search, per node v and kind m at [2 * v + m] */
	uint32_t *cnt;      /* visible groups of kind m at v */
	uint32_t *gmin;     /* the smallest of them, or AIRS__NONE */
	uint32_t *kc, *kmin; /* visible L and N groups at v and above */
	struct ntop *top;   /* [4 * v + 2 * m + pos]: the best two children's
	                       keys S (pos 0) and P (pos 1) */
	struct nkey *skey, *pkey;    /* [2 * v + m]: v's own keys S and P */
	/* Rounds after the first (suppress.c, update()): class names are
	 * reused - free, or pending until the round ends - the classes to
	 * look at next round (cand), the nodes whose groups were hidden
	 * (dn) and their ancestors (dirty); stamps mark what a round has
	 * seen (nst per node, cst per name). */
	uint32_t *freel, *pend, *cand, *cst;
	uint32_t *dn, *dirty, *nst;
	uint32_t next, nfree, npend, ncand, ndn, epoch;
};

#endif
