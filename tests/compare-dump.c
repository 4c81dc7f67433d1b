/*
 * compare-dump.c - for tests/check-compare.py: compare two datasets
 * (or one at two dates) and print, through the public API only, each
 * side's per-person readiness and below-target outcome with the path of
 * units above them, and every group's change of those two figures, so
 * that SciPy and statsmodels can recompute the changes from the people.
 *
 *     compare-dump BASE_DIR BASE_AS_OF CURRENT_DIR CURRENT_AS_OF
 *
 * Lines: "P side id readiness below unit/parent/...", below 0, 1 or
 * nan; "C unit figure test base current change low high p nb nc panel"
 * (unit "*" for the organisation).  Readiness is published per person,
 * so printing it reveals nothing the employee export does not.
 */
#include <stdio.h>
#include <stdlib.h>

#include "airs/airs.h"

static airs_result *score(const char *dir, const char *as_of)
{
	airs_model *m;
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;

	if (airs_model_new(&m, NULL) || airs_load_dir(m, dir, NULL, &d) ||
	    airs_model_finish(m) || airs_params_new(&p, NULL) ||
	    airs_params_set(p, "as_of", as_of) || airs_score(m, p, &r, &d)) {
		fprintf(stderr, "compare-dump: %s: %s\n", dir, d.text);
		exit(1);
	}
	airs_params_free(p);
	airs_model_free(m);
	return r;
}

static void people(const airs_result *r, int side)
{
	const airs_rollup *ru = airs_result_rollup(r);

	for (size_t i = 0; i < airs_result_employee_count(r); i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		const char *u;
		airs_result_employee(r, i, &e);
		printf("P %d %s %.17g %s ", side, e.id, e.readiness,
		       !e.level || !e.target ? "nan"
		       : e.level < e.target ? "1" : "0");
		for (u = e.unit_id; u;) {
			airs_unit_score us = AIRS_UNIT_SCORE_INIT;
			size_t k;
			airs_rollup_find_unit(ru, u, &k);
			airs_rollup_unit(ru, k, &us);
			printf("%s%s", u, us.parent_id ? "/" : "\n");
			u = us.parent_id;
		}
	}
}

int main(int argc, char **argv)
{
	airs_result *b, *c;
	airs_comparison *k;
	airs_compare_options o = AIRS_COMPARE_OPTIONS_INIT;

	if (argc != 5) {
		fprintf(stderr, "usage: compare-dump BASE_DIR BASE_AS_OF "
		                "CURRENT_DIR CURRENT_AS_OF\n");
		return 2;
	}
	b = score(argv[1], argv[2]);
	c = score(argv[3], argv[4]);
	o.allow_params_change = 1;
	if (airs_compare(b, c, &o, &k, NULL))
		return 1;
	people(b, 0);
	people(c, 1);
	for (size_t u = 0; u <= airs_comparison_unit_count(k); u++) {
		size_t g = u == airs_comparison_unit_count(k) ? AIRS_ROLLUP_ORG : u;
		for (int f = 0; f <= AIRS_CHANGE_BELOW_TARGET; f++) {
			airs_change ch = AIRS_CHANGE_INIT;
			airs_comparison_change(k, g, f, &ch);
			printf("C %s %s %s %.17g %.17g %.17g %.17g %.17g %.17g "
			       "%llu %llu %llu\n",
			       g == AIRS_ROLLUP_ORG ? "*"
			                            : airs_comparison_unit_id(k, u),
			       airs_change_figure_name(f),
			       airs_change_test_name(ch.test), ch.base, ch.current,
			       ch.change, ch.ci.low, ch.ci.high, ch.p,
			       (unsigned long long)ch.base_n,
			       (unsigned long long)ch.current_n,
			       (unsigned long long)ch.panel);
		}
	}
	airs_comparison_free(k);
	airs_result_free(b);
	airs_result_free(c);
	return 0;
}
