/*
 * srcmap.c - runs of records and the lines they were read from
 * (srcmap.h).
 */
#include "srcmap.h"

#include <string.h>

int airs__src_note_run(airs__srcmap *s, const airs__mem *mem, size_t rec,
                       uint64_t line, const char *file, uint32_t column)
{
	if (airs__grow(mem, &s->v, &s->cap, s->n + 1, sizeof *s->v))
		return AIRS_ENOMEM;
	s->v[s->n].first = rec;
	s->v[s->n].count = 1;
	s->v[s->n].line = line;
	s->v[s->n].file = file;
	s->v[s->n].column = column;
	s->n++;
	return AIRS_OK;
}

int airs__src_find(const airs__srcmap *s, size_t rec, const char **file,
                   uint64_t *line, uint32_t *column)
{
	size_t lo = 0, hi = s->n;

	/* the last run starting at or before rec */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].first <= rec)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || rec - s->v[lo - 1].first >= s->v[lo - 1].count)
		return 0;
	*file = s->v[lo - 1].file;
	*line = s->v[lo - 1].line + (rec - s->v[lo - 1].first);
	*column = s->v[lo - 1].column;
	return 1;
}

void airs__src_truncate(airs__srcmap *s, size_t n)
{
	while (s->n && s->v[s->n - 1].first >= n)
		s->n--;
	if (s->n && s->v[s->n - 1].first + s->v[s->n - 1].count > n)
		s->v[s->n - 1].count = n - s->v[s->n - 1].first;
}

void airs__src_free(airs__srcmap *s, const airs__mem *mem)
{
	airs__free(mem, s->v);
	memset(s, 0, sizeof *s);
}
