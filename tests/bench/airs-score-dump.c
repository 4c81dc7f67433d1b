/*
 * airs-score-dump - load a dataset folder, score it and write the
 * per-employee scores and the unit rollups as CSV, for comparison with the
 * pandas reference (tests/bench/compare.py) and for timing
 * (tests/bench/run.py).
 *
 *     airs-score-dump DIR EMPLOYEES.csv UNITS.csv [--as-of DATE]
 *                     [--individual-sentiment 0|1] [--times] [--load-only]
 *
 * Either output may be "-" for none.  Numbers are written with %.17g so
 * they round-trip exactly; NaN is written as an empty field.  With
 * --library-csv the two files are instead the library's own CSV exports
 * of the employees and units tables (docs/output-format.md): what a user
 * of airs writes, and what run.py times as "end to end".  With
 * --times, the seconds spent loading (with finish), scoring, reading the
 * rollup and writing go to stderr as "phase seconds" lines (the plan's
 * as "plan S" with --plan-hours), the CPU seconds (user + system, every
 * thread) of loading, scoring, writing and planning as "cpu_load S",
 * "cpu_score S", "cpu_write S" and "cpu_plan S", and the peak
 * resident memory after loading and after scoring as "peak_kib_load N"
 * and "peak_kib_score N" (Linux).  With
 * --load-only it stops after loading (to time the loader, and the memory
 * of a loaded model, where scoring takes too long).
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <airs/airs.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The process's CPU time so far, user + system over every thread: what
 * a phase costs on a machine shared with other jobs, where wall time
 * also counts their share of the cores. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident memory so far in KiB (Linux /proc), or -1. */
static long peak_kib(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

static void num(FILE *f, double v)
{
	if (!isnan(v))
		fprintf(f, "%.17g", v);
}

static int fail(const char *what, int rc, const char *msg)
{
	fprintf(stderr, "airs-score-dump: %s: %s%s%s\n", what,
	        airs_strerror(rc), msg && *msg ? ": " : "", msg ? msg : "");
	return 1;
}

static void write_employees(FILE *f, const airs_result *res)
{
	size_t i, n = airs_result_employee_count(res);
	int k;

	fputs("employee_id,unit_id,readiness,level,target,gap_levels,gap_points,"
	      "skill,training,sentiment,adoption,skill_coverage,coverage,withheld,"
	      "flags,flags_evaluated,readiness_low,readiness_high,evidence\n", f);
	for (i = 0; i < n; i++) {
		airs_employee_score s = AIRS_EMPLOYEE_SCORE_INIT;
		airs_result_employee(res, i, &s);
		fprintf(f, "%s,%s,", s.id, s.unit_id);
		num(f, s.readiness);
		fprintf(f, ",%d,%d,", s.level, s.target);
		num(f, s.gap_levels);
		fputc(',', f);
		num(f, s.gap_points);
		for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
			fputc(',', f);
			num(f, s.component[k]);
		}
		fputc(',', f);
		num(f, s.skill_coverage);
		fprintf(f, ",%u,%u,%u,%u,", s.coverage, s.withheld, s.flags,
		        s.flags_evaluated);
		num(f, s.readiness_low);
		fputc(',', f);
		num(f, s.readiness_high);
		fprintf(f, ",%d\n", s.evidence);
	}
}

/* as_of: the result's as-of date (a day count), on every row so that
 * the reference can check the rule that chose it (methodology 2). */
static void unit_row(FILE *f, const airs_unit_score *u, airs_date as_of)
{
	int k;

	fprintf(f, "%s,%llu,%llu,", u->id ? u->id : "",
	        (unsigned long long)u->headcount, (unsigned long long)u->scored);
	num(f, u->readiness_mean);
	fputc(',', f);
	num(f, u->readiness_median);
	for (k = 0; k < 6; k++)
		fprintf(f, ",%llu", (unsigned long long)u->levels[k]);
	fprintf(f, ",%d,%llu,", u->target, (unsigned long long)u->with_target);
	num(f, u->gap_mean);
	fputc(',', f);
	num(f, u->below_target_share);
	for (k = 0; k < 3; k++) {
		const airs_interval *v = k == 0   ? &u->readiness_ci
		                         : k == 1 ? &u->gap_ci
		                                  : &u->below_target_ci;
		fputc(',', f);
		num(f, v->low);
		fputc(',', f);
		num(f, v->high);
	}
	fprintf(f, ",%llu,%ld\n", (unsigned long long)u->insufficient,
	        (long)as_of);
}

/* The manager groups (methodology 4.4) as the units' rows, keyed
 * "direct:ID" and "line:ID" (the reference's keys). */
static void write_managers(FILE *f, const airs_result *res)
{
	const airs_rollup *ru = airs_result_rollup(res);
	size_t i, n = airs_rollup_manager_count(ru);
	int scope;

	fputs("unit_id,headcount,scored,readiness_mean,readiness_median,"
	      "levels_unknown,levels_1,levels_2,levels_3,levels_4,levels_5,"
	      "target,with_target,gap_mean,below_target_share,"
	      "readiness_ci_low,readiness_ci_high,gap_ci_low,gap_ci_high,"
	      "below_target_ci_low,below_target_ci_high,insufficient,"
	      "as_of\n", f);
	for (i = 0; i < n; i++)
		for (scope = AIRS_REPORTS_DIRECT; scope <= AIRS_REPORTS_ALL; scope++) {
			airs_unit_score u = AIRS_UNIT_SCORE_INIT;
			char key[512];
			if (airs_rollup_manager_group(ru, i, scope, &u))
				continue;
			snprintf(key, sizeof key, "%s:%s",
			         scope == AIRS_REPORTS_DIRECT ? "direct" : "line",
			         u.id);
			u.id = key;
			unit_row(f, &u, airs_result_as_of(res));
		}
}

/* Reads every unit (and the organisation) into an array, so that the
 * rollup can be timed apart from writing. */
static airs_unit_score *read_units(const airs_rollup *ru, size_t *n)
{
	size_t i, nu = airs_rollup_unit_count(ru);
	airs_unit_score *u = malloc((nu + 1) * sizeof *u);

	if (!u)
		return NULL;
	for (i = 0; i <= nu; i++) {
		airs_unit_score z = AIRS_UNIT_SCORE_INIT;
		u[i] = z;
		if (i < nu)
			airs_rollup_unit(ru, i, &u[i]);
		else
			airs_rollup_org(ru, &u[i]);
	}
	*n = nu + 1;
	return u;
}

static int write_file(const void *data, size_t len, void *user)
{
	return fwrite(data, 1, len, user) == len ? 0 : 1;
}

int main(int argc, char **argv)
{
	airs_model *model = NULL;
	airs_params *params = NULL;
	airs_result *res = NULL;
	airs_diag diag = AIRS_DIAG_INIT;
	airs_unit_score *units;
	const char *as_of = NULL, *optin = NULL, *export_path = NULL;
	const char *managers_path = NULL;
	double plan_hours = -1;
	int strategy = AIRS_STRATEGY_TARGET_FIRST; /* the CLI's default */
	int times = 0, load_only = 0, library_csv = 0, rc, i;
	size_t nu, k;
	double t0, t1, t2, t3, t4, c0, c1, c2, c3;
	FILE *f;

	setlocale(LC_ALL, "C");
	if (argc < 4) {
		fprintf(stderr, "usage: airs-score-dump DIR EMPLOYEES.csv UNITS.csv "
		                "[--as-of DATE] [--individual-sentiment 0|1] [--times] [--load-only]\n"
		                "       [--export FILE.json] [--plan-hours H] [--plan-strategy NAME]\n"
		                "       [--library-csv]\n"
		                "       [--managers MANAGERS.csv]\n");
		return 2;
	}
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--as-of") && i + 1 < argc)
			as_of = argv[++i];
		else if (!strcmp(argv[i], "--individual-sentiment") && i + 1 < argc)
			optin = argv[++i];
		else if (!strcmp(argv[i], "--times"))
			times = 1;
		else if (!strcmp(argv[i], "--load-only"))
			load_only = 1;
		else if (!strcmp(argv[i], "--library-csv"))
			library_csv = 1;
		else if (!strcmp(argv[i], "--export") && i + 1 < argc)
			export_path = argv[++i];
		else if (!strcmp(argv[i], "--managers") && i + 1 < argc)
			managers_path = argv[++i];
		else if (!strcmp(argv[i], "--plan-hours") && i + 1 < argc)
			plan_hours = atof(argv[++i]);
		else if (!strcmp(argv[i], "--plan-strategy") && i + 1 < argc &&
		         airs_strategy_parse(argv[i + 1], strlen(argv[i + 1]),
		                             &strategy) == AIRS_OK)
			i++;
		else {
			fprintf(stderr, "airs-score-dump: unknown argument %s\n", argv[i]);
			return 2;
		}
	}

	t0 = now();
	c0 = cpu();
	if ((rc = airs_model_new(&model, NULL)))
		return fail("model", rc, NULL);
	if ((rc = airs_load_dir(model, argv[1], NULL, &diag))) {
		char line[AIRS_DIAG_FILE_MAX + AIRS_DIAG_TEXT_MAX + 48];
		airs_diag_format(&diag, line, sizeof line);
		return fail("load", rc, line);
	}
	if ((rc = airs_model_finish(model)))
		return fail("finish", rc, airs_model_errmsg(model));
	t1 = now();
	c1 = cpu();
	if (times)
		fprintf(stderr, "peak_kib_load %ld\n", peak_kib());
	if (load_only) {
		if (times)
			fprintf(stderr, "load %.6f\ncpu_load %.6f\n", t1 - t0,
			        c1 - c0);
		airs_model_free(model);
		return 0;
	}
	if ((rc = airs_params_new(&params, NULL)))
		return fail("params", rc, NULL);
	if (as_of && (rc = airs_params_set(params, "as_of", as_of)))
		return fail("as_of", rc, airs_params_errmsg(params));
	if (optin && (rc = airs_params_set(params, "privacy.individual_sentiment", optin)))
		return fail("privacy.individual_sentiment", rc, airs_params_errmsg(params));
	if ((rc = airs_score(model, params, &res, &diag)))
		return fail("score", rc, diag.text);
	t2 = now();
	c2 = cpu();
	if (times)
		fprintf(stderr, "peak_kib_score %ld\n", peak_kib());
	units = read_units(airs_result_rollup(res), &nu);
	if (!units)
		return fail("rollup", AIRS_ENOMEM, NULL);
	t3 = now();
	c3 = cpu();

	if (library_csv) {
		/* the product's output path: the library's CSV exports */
		int table[2] = { AIRS_TABLE_EMPLOYEES, AIRS_TABLE_UNITS };
		for (k = 0; k < 2; k++) {
			if (!strcmp(argv[2 + k], "-"))
				continue;
			if (!(f = fopen(argv[2 + k], "w")))
				return fail(argv[2 + k], AIRS_EIO, NULL);
			if ((rc = airs_result_write(res, table[k], AIRS_OUTPUT_CSV,
			                            write_file, f, &diag)))
				return fail("write", rc, diag.text);
			fclose(f);
		}
	} else if (strcmp(argv[2], "-")) {
		if (!(f = fopen(argv[2], "w")))
			return fail(argv[2], AIRS_EIO, NULL);
		write_employees(f, res);
		fclose(f);
	}
	if (!library_csv && strcmp(argv[3], "-")) {
		if (!(f = fopen(argv[3], "w")))
			return fail(argv[3], AIRS_EIO, NULL);
		fputs("unit_id,headcount,scored,readiness_mean,readiness_median,"
		      "levels_unknown,levels_1,levels_2,levels_3,levels_4,levels_5,"
		      "target,with_target,gap_mean,below_target_share,"
		      "readiness_ci_low,readiness_ci_high,gap_ci_low,gap_ci_high,"
		      "below_target_ci_low,below_target_ci_high,insufficient,"
		      "as_of\n", f);
		for (k = 0; k < nu; k++)
			unit_row(f, &units[k], airs_result_as_of(res));
		fclose(f);
	}
	if (managers_path) {
		if (!(f = fopen(managers_path, "w")))
			return fail(managers_path, AIRS_EIO, NULL);
		write_managers(f, res);
		fclose(f);
	}
	t4 = now();
	if (times)
		fprintf(stderr, "load %.6f\nscore %.6f\nrollup %.6f\nwrite %.6f\n"
		        "cpu_load %.6f\ncpu_score %.6f\ncpu_write %.6f\n",
		        t1 - t0, t2 - t1, t3 - t2, t4 - t3, c1 - c0, c2 - c1,
		        cpu() - c3);
	/* The library's own export of the whole result (JSON, with
	 * provenance and the input digest), timed on its own. */
	if (export_path) {
		double t5 = now();
		if (!(f = fopen(export_path, "w")))
			return fail(export_path, AIRS_EIO, NULL);
		if ((rc = airs_result_write(res, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON,
		                            write_file, f, &diag)))
			return fail("export", rc, diag.text);
		fclose(f);
		if (times)
			fprintf(stderr, "export %.6f\n", now() - t5);
	}
	/* The organisation plan for a budget of hours, target_first (the
	 * CLI's default) unless --plan-strategy says otherwise. */
	if (plan_hours >= 0) {
		airs_plan_options po = AIRS_PLAN_OPTIONS_INIT;
		airs_org_plan *plan = NULL;
		double t6 = now(), c6 = cpu();
		po.budget_hours = plan_hours;
		po.strategy = strategy;
		if ((rc = airs_plan_org(res, &po, &plan, &diag)))
			return fail("plan", rc, diag.text);
		if (times)
			fprintf(stderr, "plan %.6f\ncpu_plan %.6f\n", now() - t6,
			        cpu() - c6);
		airs_org_plan_free(plan);
	}
	free(units);
	airs_result_free(res);
	airs_params_free(params);
	airs_model_free(model);
	return 0;
}
