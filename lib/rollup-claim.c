/*
 * rollup-claim.c - which scoring thread adds which units in place.
 *
 * Scoring splits the employees into chunks, one per thread: the first
 * adds into the result's rollup, each other into a shard of it that is
 * absorbed afterwards (rollup.c).  A unit that only one shard's
 * employees reach was written twice over: in the shard while scoring,
 * then again in the rollup's own pages while absorbing, both resident
 * at once - at 1M employees, listed by unit as HR exports are, the
 * second thread's half of the units and manager nodes, about 146 MB,
 * the peak of a scoring run.  Such a unit is given to its shard to add
 * in the rollup's accumulators and values directly: no other thread
 * writes them, so no lock is needed, and the sums (wrapping integers)
 * and the values (one thread's, in its order) come out bit for bit as
 * absorbing made them.  Units that several threads reach (the chunks'
 * edges) stay in the shards and are absorbed as before.
 */
#include "rollup-impl.h"

#include <string.h>

/* owner[x]: no thread yet, or two or more */
#define NOBODY UINT32_MAX
#define MANY (UINT32_MAX - 1)

static void mark(uint32_t *owner, uint32_t x, uint32_t t)
{
	if (owner[x] == NOBODY)
		owner[x] = t;
	else if (owner[x] != t)
		owner[x] = MANY;
}

/* Each shard part[t] (its manager rollup with mgr) given the places
 * whose owner is t alone.  AIRS_ENOMEM: none given. */
static int give(airs_rollup *const *part, size_t nt, const uint32_t *owner,
                int mgr)
{
	airs_rollup *host = mgr ? part[0]->mgr : part[0];
	size_t t, x, nu = host->nu;

	for (t = 1; t < nt; t++) {
		airs_rollup *s = mgr ? part[t]->mgr : part[t];
		s->alone = airs__calloc(&s->mem, nu / 64 + 1, sizeof *s->alone);
		if (!s->alone)
			return AIRS_ENOMEM;
	}
	for (x = 0; x < nu; x++) {
		airs_rollup *s;
		if (owner[x] == NOBODY || owner[x] == MANY || owner[x] == 0)
			continue;
		s = mgr ? part[owner[x]]->mgr : part[owner[x]];
		s->alone[x / 64] |= (uint64_t)1 << (x % 64);
	}
	for (t = 1; t < nt; t++)
		(mgr ? part[t]->mgr : part[t])->host = host;
	return AIRS_OK;
}

/* Undo give() for s (NULL: nothing): it adds into its own again. */
static void take_back(airs_rollup *s)
{
	if (!s)
		return;
	airs__free(&s->mem, s->alone);
	s->alone = NULL;
	s->host = NULL;
}

int airs__rollup_claim(airs_rollup *const *part, size_t nt,
                       const airs_model *m, const uint32_t *order, size_t n)
{
	const airs_rollup *r = part[0], *g = r->mgr;
	size_t nu = r->nu, nodes = g ? g->nu : 0, t, i;
	uint32_t *owner;
	int rc;

	if (nt < 2 || nt >= MANY || !r->map)
		return AIRS_OK;
	owner = airs__malloc(&r->mem, (nu + nodes + 1) * sizeof *owner);
	if (!owner)
		return AIRS_ENOMEM;
	memset(owner, 0xff, (nu + nodes + 1) * sizeof *owner);
	/* the places airs__rollup_add() writes for each employee */
	for (t = 0; t < nt; t++)
		for (i = n * t / nt; i < n * (t + 1) / nt; i++) {
			uint32_t e = order[i], u = m->emps.v[e].unit;
			if (u < nu)
				mark(owner, r->map[u], (uint32_t)t);
			if (g && e < g->ne && g->map[e] != AIRS__NONE)
				mark(owner + nu, g->map[e], (uint32_t)t);
		}
	rc = give(part, nt, owner, 0);
	for (t = 1; !rc && g && t < nt; t++)
		if (!part[t]->mgr)
			rc = AIRS_EINVAL;
	if (!rc && g)
		rc = give(part, nt, owner + nu, 1);
	for (t = 1; rc && t < nt; t++) {
		take_back(part[t]);
		take_back(part[t]->mgr);
	}
	airs__free(&r->mem, owner);
	return rc;
}
