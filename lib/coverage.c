/*
 * coverage.c - methodology 1.1 as a reader sees it: what a result's data
 * cover (who could be scored, who could not and why, which inputs there
 * are and how many people have each), and one person's evidence in
 * words.
 */
#include "score.h"

#include "abi.h"
#include "num.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Which inputs the model holds (bit per enum airs_input). */
static unsigned model_inputs(const airs_model *m)
{
	unsigned in = 0;

	if (m->req_start[m->roles.n] > 0)
		in |= 1u << AIRS_INPUT_REQUIREMENTS;
	if (m->assessments.n)
		in |= 1u << AIRS_INPUT_ASSESSMENTS;
	if (m->trainings.n)
		in |= 1u << AIRS_INPUT_TRAINING;
	if (m->responses.n)
		in |= 1u << AIRS_INPUT_RESPONSES;
	if (m->usages.n)
		in |= 1u << AIRS_INPUT_USAGE;
	return in;
}

/* Units in the subtree of model unit top (all with top = AIRS__NONE):
 * parents are added before their children, so one pass decides. */
static unsigned char *scope_of(const airs_result *r, uint32_t top)
{
	const airs_model *m = r->model;
	unsigned char *in = airs__calloc(&r->mem, m->units.n + 1, 1);
	size_t u;

	if (!in)
		return NULL;
	for (u = 0; u < m->units.n; u++) {
		uint32_t p = m->units.v[u].parent;
		in[u] = top == AIRS__NONE || u == top ||
		        (p != AIRS__NONE && in[p]);
	}
	return in;
}

/* One scored person into c. */
static void count_person(const airs__score *s, airs_coverage *c)
{
	c->employees++;
	switch (s->evidence) {
	case AIRS_EVIDENCE_SUFFICIENT: c->scored++; break;
	case AIRS_EVIDENCE_NO_REQUIREMENTS: c->no_requirements++; break;
	case AIRS_EVIDENCE_NO_SKILL_ASSESSMENT: c->no_skill_assessment++; break;
	case AIRS_EVIDENCE_FEW_SKILLS: c->few_skills_assessed++; break;
	default: c->no_component++; break;
	}
	c->with_requirements += s->inputs >> AIRS_INPUT_REQUIREMENTS & 1;
	c->with_assessments += s->inputs >> AIRS_INPUT_ASSESSMENTS & 1;
	c->with_training += s->inputs >> AIRS_INPUT_TRAINING & 1;
	c->with_usage += s->inputs >> AIRS_INPUT_USAGE & 1;
}

int airs_result_coverage(const airs_result *r, const char *unit_id,
                         airs_coverage *out)
{
	airs_coverage c;
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	uint32_t top = AIRS__NONE;
	unsigned char *in;
	size_t i, ru = AIRS_ROLLUP_ORG;

	if (!r || AIRS__OUT_CHECK(COVERAGE, out))
		return AIRS_EINVAL;
	if (unit_id && *unit_id) {
		top = airs__names_find(&r->model->unit_ids, unit_id,
		                       strlen(unit_id));
		if (top == AIRS__NONE ||
		    airs_rollup_find_unit(r->rollup, unit_id, &ru) != AIRS_OK)
			return AIRS_ENOTFOUND;
	}
	if (!(in = scope_of(r, top)))
		return AIRS_ENOMEM;
	memset(&c, 0, sizeof c);
	c.size = sizeof c;
	c.inputs = model_inputs(r->model);
	for (i = 0; i < r->n; i++)
		if (in[r->model->emps.v[r->s[i].emp].unit])
			count_person(&r->s[i], &c);
	airs__free(&r->mem, in);
	c.insufficient = c.employees - c.scored;
	/* who answered is a survey figure: as the rollup publishes it */
	if (ru == AIRS_ROLLUP_ORG)
		airs_rollup_org(r->rollup, &u);
	else
		airs_rollup_unit(r->rollup, ru, &u);
	c.respondents = u.respondents;
	AIRS__OUT(out, &c);
	return AIRS_OK;
}

/* p as a whole percentage, rounded down unless it is 100 (so that 99.6%
 * of a weight never reads as all of it); 0 for NaN (a role without
 * requirements has no skill coverage). */
static int percent(double p)
{
	if (!(p > 0))
		return 0;
	return p >= 1 ? 100 : (int)floor(100 * p);
}

/* Text appended as snprintf() writes it: at most n - 1 bytes and a NUL
 * kept, the whole length counted.  The employees table writes one
 * sentence per employee, and formatting it with snprintf() was a fifth
 * of that table's cost. */
struct note {
	char *buf;
	size_t n, len;
};

static void note_put(struct note *t, const char *s)
{
	size_t k = strlen(s), room;

	if (t->len + 1 < t->n) {
		room = t->n - 1 - t->len;
		memcpy(t->buf + t->len, s, k < room ? k : room);
	}
	t->len += k;
}

static void note_uint(struct note *t, uint64_t v)
{
	char b[AIRS__INT_MAX + 1];

	b[airs__format_uint(b, v)] = '\0';
	note_put(t, b);
}

/* "K of N required skills assessed (W% of their weight" */
static void note_some(struct note *t, uint32_t k, uint32_t nreq, int w)
{
	note_uint(t, k);
	note_put(t, " of ");
	note_uint(t, nreq);
	note_put(t, " required skills assessed (");
	note_uint(t, (uint64_t)w);
	note_put(t, "% of their weight");
}

size_t airs_result_evidence_text(const airs_result *r, size_t i, char *buf,
                                 size_t n)
{
	const airs__score *s;
	struct note t;
	uint32_t nreq, role;
	int w;

	if (!r || i >= r->n)
		return 0;
	t.buf = buf;
	t.n = buf ? n : 0;
	t.len = 0;
	s = &r->s[i];
	role = r->model->emps.v[s->emp].role;
	nreq = r->model->req_start[role + 1] - r->model->req_start[role];
	w = percent(s->skill_coverage);
	switch (s->evidence) {
	case AIRS_EVIDENCE_NO_REQUIREMENTS:
		note_put(&t, "the role lists no required skills");
		break;
	case AIRS_EVIDENCE_NO_SKILL_ASSESSMENT:
		note_put(&t, "no skill assessment (0 of ");
		note_uint(&t, nreq);
		note_put(&t, " required skills assessed)");
		break;
	case AIRS_EVIDENCE_FEW_SKILLS:
		note_some(&t, s->skills_assessed, nreq, w);
		note_put(&t, "); at least ");
		note_uint(&t, (uint64_t)percent(r->pv.min_skill_share));
		note_put(&t, "% of both is needed");
		break;
	case AIRS_EVIDENCE_NO_COMPONENT:
		note_put(&t, "no weighted component has data");
		break;
	default:
		if (s->skills_assessed == nreq) {
			note_put(&t, "all ");
			note_uint(&t, nreq);
			note_put(&t, " required skills assessed");
		} else {
			note_some(&t, s->skills_assessed, nreq, w);
			note_put(&t, ")");
		}
		break;
	}
	if (t.n)
		t.buf[t.len < t.n ? t.len : t.n - 1] = '\0';
	return t.len;
}
