/*
 * load-lanes.c - the record tables on several threads.
 */
#include <string.h>

#include "abi.h"
#include "parallel.h"
#include "load-impl.h"

/* ------------------------------------------------------------------------
 * The record tables on several threads
 *
 * Assessments, training, responses and usage only name ids of the tables
 * before them, remember no failed ids of their own, and add to disjoint
 * parts of the model (model.h, "Views").  Each lane - a thread with a
 * loader of its own, which has no model but views onto copies of those
 * parts - reads some of them and holds its diagnostics.  After the join
 * the parts of each lane's kinds are taken back and the held
 * diagnostics are reported table by table in dependency order,
 * through the same airs__load_emit() a single thread uses: so the
 * callback sees the
 * same diagnostics in the same order, the limit cuts at the same place,
 * and the first error is the same.  A lane may read further than one
 * thread would have (past an error limit another lane reached first);
 * that only happens when the load fails, and a failed load is undone.
 * ---------------------------------------------------------------------- */

#define MAX_LANES (NTABLES - T_RECORDS)

struct held {
	size_t table;
	airs_diag d;
};

struct lane {
	struct loader L;       /* adds through views onto parts, holds
	                          diagnostics */
	airs__rec_parts parts;
	const struct source *src;
	size_t table[MAX_LANES], ntables;
	double cost;           /* of its tables (cost()) */
	AIRS__VEC(struct held) held;
	size_t lost;           /* table where a diagnostic could not be held,
	                          or NTABLES */
	uint64_t lost_line;
};

/* Keep a diagnostic of a lane.  Nonzero, with the lane stopped, when
 * there is no memory for it: the report then says "out of memory" there. */
int airs__load_hold(struct loader *L, const airs_diag *d)
{
	struct lane *ln = L->lane;

	if (airs__grow(&L->mem, &ln->held.v, &ln->held.cap, ln->held.n + 1,
	               sizeof *ln->held.v)) {
		ln->lost = (size_t)(L->t - airs__load_tables);
		ln->lost_line = L->line;
		L->stop = 1;
		return 1;
	}
	ln->held.v[ln->held.n].table = (size_t)(L->t - airs__load_tables);
	ln->held.v[ln->held.n].d = *d;
	ln->held.n++;
	return 0;
}

static void lane_run(void *lanes, size_t i)
{
	struct lane *ln = (struct lane *)lanes + i;
	size_t k;

	for (k = 0; k < ln->ntables && !ln->L.stop; k++)
		airs__load_read_source(&ln->L, ln->table[k], &ln->src[ln->table[k]]);
}

static int record_kind(size_t table)
{
	static const int kind[MAX_LANES] = {
		[T_ASSESSMENTS - T_RECORDS] = AIRS_ENTITY_ASSESSMENT,
		[T_TRAINING - T_RECORDS] = AIRS_ENTITY_TRAINING,
		[T_RESPONSES - T_RECORDS] = AIRS_ENTITY_RESPONSE,
		[T_USAGE - T_RECORDS] = AIRS_ENTITY_USAGE
	};
	return kind[table - T_RECORDS];
}

/* What reading a record table costs, for sharing them among lanes: its
 * bytes, weighed by how much work a byte of the table is.  Measured
 * (CPU seconds per MB, generated data at 100k, release build): a row of
 * assessments.csv is cheaper per byte than the others - its date and
 * source are most of it, and its rows are long - training and
 * responses a third dearer, usage a tenth; by bytes alone the lanes
 * were 0.17 and 0.22 s, by these weights 0.20 and 0.19 s. */
static double cost(const struct source *src, size_t table)
{
	static const double per_byte[MAX_LANES] = {
		[T_ASSESSMENTS - T_RECORDS] = 1.0,
		[T_TRAINING - T_RECORDS] = 1.33,
		[T_RESPONSES - T_RECORDS] = 1.33,
		[T_USAGE - T_RECORDS] = 1.1
	};
	return ((double)src->size + 1) * per_byte[table - T_RECORDS];
}

/* Read the given record tables, on several threads if there are CPUs. */
void airs__load_read_records(struct loader *L, const struct source *src)
{
	struct lane lanes[MAX_LANES], *ln;
	size_t given[MAX_LANES], n = 0, nl, i, j, k;

	for (i = T_RECORDS; i < NTABLES; i++)
		if (src[i].given)
			given[n++] = i;
	nl = airs__threads_for(L->threads, n, 1);
	if (nl < 2) {
		for (i = 0; i < n && !L->stop; i++)
			airs__load_read_source(L, given[i], &src[given[i]]);
		return;
	}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		memset(ln, 0, sizeof *ln);
		airs__model_views_apart(&ln->L.rec, L->m, &ln->parts);
		ln->L.failure = &ln->parts.failure;
		ln->L.mem = L->mem;
		ln->L.lane = ln;
		ln->L.max_field = L->max_field;
		ln->L.registry = L->registry;
		ln->L.max_rows = L->max_rows;
		ln->L.max_ids = L->max_ids;
		ln->L.max_depth = L->max_depth;
		ln->L.flags = L->flags;
		ln->L.map = L->map; /* read only; freed by L */
		ln->L.progress = L->progress;
		ln->L.limit = L->limit - L->nerr;
		/* read only: record tables remember no failed ids */
		memcpy(ln->L.failed, L->failed, sizeof L->failed);
		memcpy(ln->L.broken, L->broken, sizeof L->broken);
		airs__arena_init(&ln->L.arena, &ln->L.mem);
		ln->src = src;
		ln->lost = NTABLES;
	}
	/* Costliest first, each to the lane with the least cost so far; a
	 * lane reads its tables in dependency order. */
	while (n) {
		size_t big = 0;
		for (j = 1; j < n; j++)
			if (cost(&src[given[j]], given[j]) >
			    cost(&src[given[big]], given[big]))
				big = j;
		ln = &lanes[0];
		for (k = 1; k < nl; k++)
			if (lanes[k].cost < ln->cost)
				ln = &lanes[k];
		ln->table[ln->ntables++] = given[big];
		ln->cost += cost(&src[given[big]], given[big]);
		given[big] = given[--n];
	}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		for (i = 1; i < ln->ntables; i++)
			for (j = i; j > 0 && ln->table[j - 1] > ln->table[j]; j--) {
				size_t t = ln->table[j];
				ln->table[j] = ln->table[j - 1];
				ln->table[j - 1] = t;
			}
	}
	airs__parallel_for(nl, nl, lane_run, lanes);
	/* Report what the lanes held, in table order, as one thread would
	 * have; then take back the records. */
	for (i = T_RECORDS; i < NTABLES; i++)
		for (k = 0; k < nl; k++) {
			ln = &lanes[k];
			for (j = 0; j < ln->held.n; j++)
				if (ln->held.v[j].table == i) {
					const airs_diag *d = &ln->held.v[j].d;
					L->t = &airs__load_tables[i];
					airs__load_emit(L, d->status, d->severity, d->file,
					     d->line, d->column, d->text);
				}
			if (ln->lost == i) {
				L->t = &airs__load_tables[i];
				L->line = ln->lost_line;
				airs__load_oom(L);
			}
		}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		for (i = 0; i < ln->ntables; i++)
			airs__model_join(L->m, &ln->parts,
			                 record_kind(ln->table[i]));
		airs__arena_free(&ln->L.arena);
		airs__free(&L->mem, ln->L.cell);
		airs__free(&L->mem, ln->L.head);
		airs__free(&L->mem, ln->L.attrs);
		airs__free(&L->mem, ln->held.v);
	}
}
