/*
 * model-records.c - adding the records of employees and their survey:
 * assessments, courses, training, survey items, responses and survey
 * waves (methodology 4.1).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "date.h"

int airs__add_assessment(const airs__assessment_view *v,
                         const airs_assessment_rec *r)
{
	const airs__rec_base *b = &v->b;
	airs__assessments *a = v->assessments;
	uint32_t emp, skill;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = airs__model_record_employee(b, "assessment", r->employee_id,
	                                      &emp)))
		return rc;
	if (!airs__model_id_known(b->skill_ids, &b->ids->skill, r->skill_id,
	                          &skill) ||
	    !airs__model_in_range(r->level, 0, 5) ||
	    !airs__date_valid(r->date) || !airs_source_name(r->source)) {
		snprintf(ctx, sizeof ctx, "assessment of employee %s",
		         airs__model_quote(q1, sizeof q1, r->employee_id));
		if ((rc = airs__model_lookup(b->failure, ctx, "skill_id",
		                             b->skill_ids, "skill", r->skill_id,
		                             &skill)))
			return rc;
		snprintf(ctx, sizeof ctx, "assessment of employee %s, skill %s",
		         airs__model_quote(q1, sizeof q1, r->employee_id),
		         airs__model_quote(q2, sizeof q2, r->skill_id));
		if ((rc = airs__model_check_range(b->failure, ctx, "level",
		                                  r->level, 0, 5)) ||
		    (rc = airs__model_check_date(b->failure, ctx, "date",
		                                 r->date)))
			return rc;
		if (!airs_source_name(r->source)) {
			snprintf(q1, sizeof q1, "%d", r->source);
			return airs__model_fail(
			        b->failure, AIRS_ERANGE, ctx, "source", q1,
			        "is not one of self, manager, test, "
			        "certification");
		}
	}
	if (RESERVE_REC(b->mem, a))
		return airs__model_oom(b->failure);
	a->emp[a->n] = emp;
	a->v[a->n].skill = skill;
	a->v[a->n].level = r->level;
	a->v[a->n].date = r->date;
	a->v[a->n].source = r->source;
	a->n++;
	return AIRS_OK;
}

int airs_model_add_assessment(airs_model *m, const airs_assessment_rec *rec)
{
	airs_assessment_rec in;
	airs__assessment_view v;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(ASSESSMENT_REC))))
		return rc;
	airs__model_rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.assessments = &m->assessments;
	return airs__add_assessment(&v, &in);
}

int airs_model_add_course(airs_model *m, const airs_course_rec *rec)
{
	airs_course_rec in;
	const airs_course_rec *r = &in;
	uint32_t skill;
	const char *id, *name;
	char b[80], ctx[200];
	double gain;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(COURSE_REC))))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "course_id", &m->course_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "course %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_text(&m->failure, ctx, "name", r->name,
	                                 1)) ||
	    (rc = airs__model_lookup(&m->failure, ctx, "skill_id",
	                             &m->skill_ids, "skill", r->skill_id,
	                             &skill)))
		return rc;
	if (!isfinite(r->hours) || r->hours <= 0 || r->hours > 10000)
		return airs__model_fail(
		        &m->failure, AIRS_ERANGE, ctx, "hours",
		        airs__model_num(b, sizeof b, r->hours),
		        "must be greater than 0 and at most 10000");
	gain = r->level_gain == 0 ? 1 : r->level_gain;
	if ((rc = airs__model_check_range(&m->failure, ctx, "level_gain", gain,
	                                  0, 5)) ||
	    (rc = airs__model_check_range(&m->failure, ctx, "cost", r->cost, 0,
	                                  1e12)))
		return rc;
	if (!airs_format_name(r->format)) {
		snprintf(b, sizeof b, "%d", r->format);
		return airs__model_fail(
		        &m->failure, AIRS_ERANGE, ctx, "format", b,
		        "is not one of self_paced, workshop, demo, mentoring, "
		        "project, briefing");
	}
	if (RESERVE(m, courses) ||
	    airs__model_reserve_id(&m->arena, &m->course_ids, r->id, &id) ||
	    !(name = airs__model_keep(m, r->name)))
		return airs__model_oom(&m->failure);
	airs__names_push(&m->course_ids, id, strlen(id));
	m->courses.v[m->courses.n].name = name;
	m->courses.v[m->courses.n].skill = skill;
	m->courses.v[m->courses.n].format = r->format;
	m->courses.v[m->courses.n].hours = r->hours;
	m->courses.v[m->courses.n].gain = gain;
	m->courses.v[m->courses.n].cost = r->cost;
	m->courses.n++;
	return AIRS_OK;
}

int airs__add_training(const airs__training_view *v,
                       const airs_training_rec *r)
{
	const airs__rec_base *b = &v->b;
	const airs__course *courses = b->courses->v;
	airs__trainings *t = v->trainings;
	uint32_t emp, course = AIRS__NONE, skill = AIRS__NONE;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = airs__model_record_employee(b, "training", r->employee_id,
	                                      &emp)))
		return rc;
	/* The checks below in their order, for the message, run only when
	 * these quick ones find a problem (see airs__model_id_known()). */
	if ((!airs__model_is_empty(r->course_id) ||
	     !airs__model_is_empty(r->skill_id)) &&
	    (airs__model_is_empty(r->course_id) ||
	     airs__model_id_known(b->course_ids, &b->ids->course, r->course_id,
	                          &course)) &&
	    (airs__model_is_empty(r->skill_id) ||
	     airs__model_id_known(b->skill_ids, &b->ids->skill, r->skill_id,
	                          &skill)) &&
	    (course == AIRS__NONE || skill == AIRS__NONE ||
	     courses[course].skill == skill) &&
	    airs__model_in_range(r->hours, 0, 10000) &&
	    airs__date_valid(r->date) && airs_training_status_name(r->status)) {
		if (skill == AIRS__NONE)
			skill = courses[course].skill;
		goto commit;
	}
	snprintf(ctx, sizeof ctx, "training of employee %s",
	         airs__model_quote(q1, sizeof q1, r->employee_id));
	if (airs__model_is_empty(r->course_id) &&
	    airs__model_is_empty(r->skill_id))
		return airs__model_fail(
		        b->failure, AIRS_EINVAL, ctx, "course_id", NULL,
		        "and skill_id are both missing; give at least one");
	if (!airs__model_is_empty(r->course_id) &&
	    (rc = airs__model_lookup(b->failure, ctx, "course_id",
	                             b->course_ids, "course", r->course_id,
	                             &course)))
		return rc;
	if (!airs__model_is_empty(r->skill_id)) {
		if ((rc = airs__model_lookup(b->failure, ctx, "skill_id",
		                             b->skill_ids, "skill", r->skill_id,
		                             &skill)))
			return rc;
		if (course != AIRS__NONE && courses[course].skill != skill)
			return airs__model_fail(
			        b->failure, AIRS_EINVAL, ctx, "skill_id",
			        airs__model_quote(q2, sizeof q2, r->skill_id),
			        "is not the skill course %s teaches (%s)",
			        airs__model_quote(q1, sizeof q1, r->course_id),
			        b->skill_ids->str[courses[course].skill]);
	} else {
		skill = courses[course].skill;
	}
	if ((rc = airs__model_check_range(b->failure, ctx, "hours", r->hours, 0,
	                                  10000)) ||
	    (rc = airs__model_check_date(b->failure, ctx, "date", r->date)))
		return rc;
	if (!airs_training_status_name(r->status)) {
		snprintf(q1, sizeof q1, "%d", r->status);
		return airs__model_fail(
		        b->failure, AIRS_ERANGE, ctx, "status", q1,
		        "is not one of completed, in_progress, planned");
	}
commit:
	if (RESERVE_REC(b->mem, t))
		return airs__model_oom(b->failure);
	t->emp[t->n] = emp;
	t->v[t->n].course = course;
	t->v[t->n].skill = skill;
	t->v[t->n].status = r->status;
	t->v[t->n].hours = r->hours;
	t->v[t->n].date = r->date;
	t->n++;
	return AIRS_OK;
}

int airs_model_add_training(airs_model *m, const airs_training_rec *rec)
{
	airs_training_rec in;
	airs__training_view v;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(TRAINING_REC))))
		return rc;
	airs__model_rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.trainings = &m->trainings;
	return airs__add_training(&v, &in);
}

int airs_model_add_survey_item(airs_model *m, const airs_survey_item_rec *rec)
{
	airs_survey_item_rec in;
	const airs_survey_item_rec *r = &in;
	const char *id, *construct, *text, *tool_copy = NULL;
	char b[80], ctx[200];
	double lo, hi;
	uint32_t tool;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(SURVEY_ITEM_REC))))
		return rc;
	lo = r->scale_min;
	hi = r->scale_max;
	if ((rc = airs__model_new_id(&m->failure, "item_id", &m->item_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "survey item %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_id(&m->failure, ctx, "construct",
	                               r->construct)) ||
	    (rc = airs__model_check_text(&m->failure, ctx, "text", r->text, 0)))
		return rc;
	if (lo == 0 && hi == 0) {
		lo = 1;
		hi = 5;
	}
	if ((rc = airs__model_check_range(&m->failure, ctx, "scale_min", lo,
	                                  -1000, 1000)) ||
	    (rc = airs__model_check_range(&m->failure, ctx, "scale_max", hi,
	                                  -1000, 1000)))
		return rc;
	if (lo >= hi)
		return airs__model_fail(&m->failure, AIRS_ERANGE, ctx,
		                        "scale_max",
		                        airs__model_num(b, sizeof b, hi),
		                        "is not above scale_min %g", lo);
	if (r->reverse != 0 && r->reverse != 1) {
		snprintf(b, sizeof b, "%d", r->reverse);
		return airs__model_fail(&m->failure, AIRS_ERANGE, ctx,
		                        "reverse", b, "is not 0 or 1");
	}
	tool = airs__model_is_empty(r->tool_id)
	               ? AIRS__NONE
	               : airs__names_find(&m->usages.tool_ids, r->tool_id,
	                                  strlen(r->tool_id));
	if (tool == AIRS__NONE && !airs__model_is_empty(r->tool_id) &&
	    (rc = airs__model_check_id(&m->failure, ctx, "tool_id",
	                               r->tool_id)))
		return rc;
	if (RESERVE(m, items) ||
	    airs__model_reserve_id(&m->arena, &m->item_ids, r->id, &id) ||
	    !(construct = airs__model_keep(m, r->construct)) ||
	    !(text = airs__model_keep(m, r->text)) ||
	    (tool == AIRS__NONE && !airs__model_is_empty(r->tool_id) &&
	     airs__model_reserve_id(&m->arena, &m->usages.tool_ids, r->tool_id,
	                            &tool_copy)))
		return airs__model_oom(&m->failure);
	if (tool_copy)
		tool = airs__names_push(&m->usages.tool_ids, tool_copy,
		                        strlen(tool_copy));
	m->items.v[m->items.n].tool = tool;
	airs__names_push(&m->item_ids, id, strlen(id));
	m->items.v[m->items.n].construct_name = construct;
	m->items.v[m->items.n].text = text;
	m->items.v[m->items.n].construct =
		airs__construct_parse(construct, strlen(construct));
	m->items.v[m->items.n].reverse = r->reverse;
	m->items.v[m->items.n].min = lo;
	m->items.v[m->items.n].max = hi;
	m->items.n++;
	return AIRS_OK;
}

/* A response that names its wave: a known wave whose period holds the
 * answer's date (methodology 4.1). */
static int response_wave(const airs__rec_base *b, const airs_response_rec *r)
{
	const airs__wave *w;
	char q1[80], q2[80], ctx[200], d[3][12];
	uint32_t x;
	int rc;

	snprintf(ctx, sizeof ctx, "response of employee %s to item %s",
	         airs__model_quote(q1, sizeof q1, r->employee_id),
	         airs__model_quote(q2, sizeof q2, r->item_id));
	if ((rc = airs__model_lookup(b->failure, ctx, "wave", b->wave_ids,
	                             "survey wave", r->wave_id, &x)))
		return rc;
	w = &b->waves->v[x];
	if (r->date >= w->start && r->date <= w->end)
		return AIRS_OK;
	airs_date_format(r->date, d[0]);
	airs_date_format(w->start, d[1]);
	airs_date_format(w->end, d[2]);
	return airs__model_fail(
	        b->failure, AIRS_ERANGE, ctx, "date", d[0],
	        "is outside wave %s (%s..%s): correct the date, or the "
	        "wave's start or end",
	        airs__model_quote(q1, sizeof q1, r->wave_id), d[1], d[2]);
}

int airs__add_response(const airs__response_view *v,
                       const airs_response_rec *r)
{
	const airs__rec_base *b = &v->b;
	const airs__item *items = b->items->v;
	airs__responses *re = v->responses;
	uint32_t emp, item;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = airs__model_record_employee(b, "response", r->employee_id,
	                                      &emp)))
		return rc;
	if (!airs__model_id_known(b->item_ids, &b->ids->item, r->item_id,
	                          &item) ||
	    !airs__model_in_range(r->value, items[item].min, items[item].max) ||
	    !airs__date_valid(r->date)) {
		snprintf(ctx, sizeof ctx, "response of employee %s",
		         airs__model_quote(q1, sizeof q1, r->employee_id));
		if ((rc = airs__model_lookup(b->failure, ctx, "item_id",
		                             b->item_ids, "survey item",
		                             r->item_id, &item)))
			return rc;
		snprintf(ctx, sizeof ctx, "response of employee %s to item %s",
		         airs__model_quote(q1, sizeof q1, r->employee_id),
		         airs__model_quote(q2, sizeof q2, r->item_id));
		if ((rc = airs__model_check_range(b->failure, ctx, "value",
		                                  r->value, items[item].min,
		                                  items[item].max)) ||
		    (rc = airs__model_check_date(b->failure, ctx, "date",
		                                 r->date)))
			return rc;
	}
	if (!airs__model_is_empty(r->wave_id) && (rc = response_wave(b, r)))
		return rc;
	if (RESERVE_REC(b->mem, re))
		return airs__model_oom(b->failure);
	re->emp[re->n] = emp;
	re->v[re->n].item = item;
	re->v[re->n].value = r->value;
	re->v[re->n].date = r->date;
	re->n++;
	return AIRS_OK;
}

int airs_model_add_response(airs_model *m, const airs_response_rec *rec)
{
	airs_response_rec in;
	airs__response_view v;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(RESPONSE_REC))))
		return rc;
	airs__model_rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.responses = &m->responses;
	return airs__add_response(&v, &in);
}

int airs_model_add_wave(airs_model *m, const airs_wave_rec *rec)
{
	airs_wave_rec in;
	const airs_wave_rec *r = &in;
	const char *id;
	char b[80], ctx[200], d[4][12];
	size_t w;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec, sizeof in)))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "wave_id", &m->wave_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "survey wave %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_date(&m->failure, ctx, "start",
	                                 r->start)) ||
	    (rc = airs__model_check_date(&m->failure, ctx, "end", r->end)))
		return rc;
	airs_date_format(r->start, d[0]);
	airs_date_format(r->end, d[1]);
	if (r->end < r->start)
		return airs__model_fail(
		        &m->failure, AIRS_ERANGE, ctx, "end", d[1],
		        "is before start %s: a wave is its first to its last "
		        "day; swap or correct the dates",
		        d[0]);
	for (w = 0; w < m->waves.n; w++) {
		const airs__wave *x = &m->waves.v[w];
		if (x->start > r->end || x->end < r->start)
			continue;
		airs_date_format(x->start, d[2]);
		airs_date_format(x->end, d[3]);
		return airs__model_fail(
		        &m->failure, AIRS_ERANGE, ctx, "start", d[0],
		        "makes %s..%s overlap wave %s (%s..%s): waves are "
		        "separate survey periods; correct the dates",
		        d[0], d[1],
		        airs__model_quote(b, sizeof b, m->wave_ids.str[w]),
		        d[2], d[3]);
	}
	if (RESERVE(m, waves) ||
	    airs__model_reserve_id(&m->arena, &m->wave_ids, r->id, &id))
		return airs__model_oom(&m->failure);
	airs__names_push(&m->wave_ids, id, strlen(id));
	m->waves.v[m->waves.n].start = r->start;
	m->waves.v[m->waves.n].end = r->end;
	m->waves.n++;
	return AIRS_OK;
}
