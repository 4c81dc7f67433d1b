/*
 * skill.c - methodology 3.1: a skill's estimated level from its
 * assessments (skill.h).
 */
#include "skill.h"

size_t airs__skill_assessments(const airs_model *m, uint32_t e, airs_date T,
                               airs__arec *a)
{
	const airs__csr *ca = &m->by_emp_assessment;
	size_t n = 0, i;

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
	return n; /* in content order: the model keeps them so (model.h) */
}
