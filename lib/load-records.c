/*
 * load-records.c - the rows of the record tables.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "text.h"
#include "load-impl.h"

/* A record row's add (status rc): report a refusal, or note where the
 * record was read (srcmap.h), pointing at field j: the date the as-of
 * date's outlier rule may name (methodology 2).  n: the records of the
 * kind after the add, read through a pointer: the add is an argument
 * of the same call, evaluated in no set order with the others. */
static void add_record(struct loader *L, int rc, airs__srcmap *src,
                       const size_t *n, size_t j)
{
	if (rc) {
		airs__load_refused(L, rc, K_NONE, NULL, NULL, L->line, 0);
		return;
	}
	if (airs__src_note(src, &L->mem, *n - 1, L->line, L->t->file,
	                   airs__load_colno(L, j)))
		airs__load_oom(L);
}
int airs__load_row_assessment(struct loader *L)
{
	airs_assessment_rec r = AIRS_ASSESSMENT_REC_INIT;

	ROW_READS(ASM_COUNT, 5);
	r.employee_id = airs__load_val(L, ASM_EMP);
	r.skill_id = airs__load_val(L, ASM_SKILL);
	if (airs__load_get_num(L, ASM_LEVEL, &r.level) < 0 ||
	    airs__load_get_date(L, ASM_DATE, &r.date) < 0 ||
	    airs__load_get_enum(L, ASM_SOURCE, airs_source_parse, airs_source_name,
	             &r.source) < 0)
		return AIRS_OK;
	add_record(L, airs__add_assessment(&L->rec.assessment, &r),
	           &L->rec.assessment.assessments->src,
	           &L->rec.assessment.assessments->n,
	           ASM_DATE);
	return AIRS_OK;
}

int airs__load_row_training(struct loader *L)
{
	airs_training_rec r = AIRS_TRAINING_REC_INIT;

	ROW_READS(TRN_COUNT, 6);
	r.employee_id = airs__load_val(L, TRN_EMP);
	r.course_id = airs__load_val(L, TRN_COURSE);
	r.skill_id = airs__load_val(L, TRN_SKILL);
	if (airs__load_get_num(L, TRN_HOURS, &r.hours) < 0 ||
	    airs__load_get_date(L, TRN_DATE, &r.date) < 0 ||
	    airs__load_get_enum(L, TRN_STATUS, airs_training_status_parse,
	             airs_training_status_name, &r.status) < 0)
		return AIRS_OK;
	add_record(L, airs__add_training(&L->rec.training, &r),
	           &L->rec.training.trainings->src, &L->rec.training.trainings->n,
	           TRN_DATE);
	return AIRS_OK;
}

/* A wide row: one answer per item column that is not empty, each
 * reported at its own column.  An employee the model refuses is
 * reported once, at the employee column. */
/* Methodology 4.1: with declared waves, an answer dated in none counts
 * in no survey figure.  The first is said (responses.csv is one lane, so
 * which is first does not depend on threads); the rest go unlisted. */
static void note_unwaved(struct loader *L, airs_date d)
{
	const airs__waves *w = L->rec.response.b.waves;
	char b[12];
	size_t i;

	for (i = 0; i < w->n; i++)
		if (d >= w->v[i].start && d <= w->v[i].end)
			return;
	if (!w->n || L->unwaved++)
		return;
	airs_date_format(d, b);
	airs__load_report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
	                  airs__load_colno(L, RESP_DATE),
	       "date %s is in no wave of survey_waves.csv: the answer counts in "
	       "no survey figure (declare its wave or correct the date; later "
	       "answers outside every wave are not listed)", b);
}

static int row_response_wide(struct loader *L)
{
	airs_response_rec r = AIRS_RESPONSE_REC_INIT;
	long at_value = L->at[RESP_VALUE];
	size_t i, added = 0;
	int rc;

	r.employee_id = airs__load_val(L, RESP_EMP);
	r.wave_id = airs__load_val(L, RESP_WAVE);
	if (airs__load_get_date(L, RESP_DATE, &r.date) < 0)
		return AIRS_OK;
	for (i = 0; i < L->nattrs && !L->stop; i++) {
		L->at[RESP_VALUE] = (long)L->attrs[i].field;
		r.item_id = L->attrs[i].name;
		if (airs__load_get_num(L, RESP_VALUE, &r.value) <= 0)
			continue;
		rc = airs__add_response(&L->rec.response, &r);
		if (!rc) {
			if (!added++)
				note_unwaved(L, r.date);
			continue;
		}
		if (rc == AIRS_ENOMEM) {
			L->at[RESP_VALUE] = at_value;
			return rc;
		}
		if (L->failure->field && !strcmp(L->failure->field, "employee_id")) {
			airs__load_refused(L, rc, K_NONE, NULL, r.employee_id, L->line,
			        airs__load_colno(L, RESP_EMP));
			break;
		}
		airs__load_refused(L, rc, K_NONE, NULL, NULL, L->line,
		        (uint32_t)L->attrs[i].field + 1);
	}
	L->at[RESP_VALUE] = at_value;
	return AIRS_OK;
}

int airs__load_row_response(struct loader *L)
{
	airs_response_rec r = AIRS_RESPONSE_REC_INIT;
	size_t n;

	ROW_READS(RESP_COUNT, 5);
	if (L->wide)
		return row_response_wide(L);
	r.employee_id = airs__load_val(L, RESP_EMP);
	r.item_id = airs__load_val(L, RESP_ITEM);
	r.wave_id = airs__load_val(L, RESP_WAVE);
	if (airs__load_get_num(L, RESP_VALUE, &r.value) < 0 ||
	    airs__load_get_date(L, RESP_DATE, &r.date) < 0)
		return AIRS_OK;
	n = L->rec.response.responses->n;
	add_record(L, airs__add_response(&L->rec.response, &r),
	           &L->rec.response.responses->src, &L->rec.response.responses->n,
	           RESP_DATE);
	if (L->rec.response.responses->n > n)
		note_unwaved(L, r.date);
	return AIRS_OK;
}

int airs__load_row_usage(struct loader *L)
{
	airs_usage_rec r = AIRS_USAGE_REC_INIT;
	const airs__names *ids = &L->rec.usage.usages->tool_ids;
	size_t before = ids->count;
	char q[64];
	int rc;

	ROW_READS(USE_COUNT, 4);
	r.employee_id = airs__load_val(L, USE_EMP);
	r.tool_id = airs__load_val(L, USE_TOOL);
	if (airs__load_get_month(L, USE_PERIOD, &r.period) < 0 ||
	    airs__load_get_int(L, USE_DAYS, &r.active_days) < 0)
		return AIRS_OK;
	rc = airs__add_usage(&L->rec.usage, &r);
	add_record(L, rc, &L->rec.usage.usages->src, &L->rec.usage.usages->n,
	           USE_PERIOD);
	if (!rc && L->registry && ids->count > before)
		/* the first row of a tool the registry lacks */
		airs__load_report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       airs__load_colno(L, USE_TOOL),
		       "tool_id \"%s\" is not in tools.csv; its use is counted "
		       "as an unregistered, unsanctioned tool (add it to "
		       "tools.csv to name it and say whether it is sanctioned)",
		       airs__load_quote(q, sizeof q, r.tool_id));
	if (ids->count > L->max_ids)
		airs__load_over_limit(L, L->line, "tools", L->max_ids, "max_ids");
	return AIRS_OK;
}
