/*
 * skill.c - methodology 3.1: a skill's estimated level from its
 * assessments (skill.h).
 */
#include "skill.h"

/* Content order: skill, date, source, level. */
static int before(const airs__arec *x, const airs__arec *y)
{
	if (x->skill != y->skill)
		return x->skill < y->skill;
	if (x->date != y->date)
		return x->date < y->date;
	if (x->source != y->source)
		return x->source < y->source;
	return x->level < y->level;
}

size_t airs__skill_assessments(const airs_model *m, uint32_t e, airs_date T,
                               airs__arec *a)
{
	const airs__csr *ca = &m->by_emp_assessment;
	size_t n = 0, i, j;

	for (i = ca->start[e]; i < ca->start[e + 1]; i++) {
		const airs__assessment *r = &m->assessments.v[airs__csr_at(ca, i)];
		if (r->date > T)
			continue;
		a[n].skill = r->skill;
		a[n].source = r->source;
		a[n].date = r->date;
		a[n].level = r->level;
		n++;
	}
	/* insertion sort: an employee has a handful of assessments */
	for (i = 1; i < n; i++) {
		airs__arec x = a[i];
		for (j = i; j > 0 && before(&x, &a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
	return n;
}
