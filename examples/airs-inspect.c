/*
 * airs-inspect - load a dataset folder and show what the model holds.
 *
 *     airs-inspect [--data DIR]
 *
 * Without --data it loads the bundled sample company.  Every problem is
 * printed to stderr as "file:line:column: message"; with any error the
 * program exits 1 and prints nothing else.  Otherwise it prints the
 * number of entities of each kind and the unit tree, each unit with its
 * headcount (its own people and, in brackets, its whole subtree) and its
 * effective target level (declared, or inherited from the nearest
 * ancestor that declares one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <airs/airs.h>

#include "sample-dir.h"

static void print_diag(const airs_diag *d, void *user)
{
	char line[AIRS_DIAG_FILE_MAX + AIRS_DIAG_TEXT_MAX + 48];

	(void)user;
	airs_diag_format(d, line, sizeof line);
	fprintf(stderr, "%s%s\n",
	        d->severity == AIRS_SEVERITY_WARNING ? "warning: " : "", line);
}

struct unit {
	const char *id, *name;
	size_t parent; /* (size_t)-1 for a root */
	int target;    /* effective */
	size_t own, all;
};

static void print_tree(const struct unit *u, size_t n, size_t parent, int depth)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (u[i].parent != parent)
			continue;
		char target[8] = "-";

		if (u[i].target)
			snprintf(target, sizeof target, "%d", u[i].target);
		printf("%*s%s  %s  %zu (%zu)  target %s\n", depth * 2, "",
		       u[i].id, u[i].name, u[i].own, u[i].all, target);
		print_tree(u, n, i, depth + 1);
	}
}

int main(int argc, char **argv)
{
	airs_load_options opts = AIRS_LOAD_OPTIONS_INIT;
	const char *dir = airs_sample_dir();
	airs_model *m = NULL;
	struct unit *units = NULL;
	size_t n, i, e;
	int k, rc, status = 1;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--data") == 0 && k + 1 < argc) {
			dir = argv[++k];
		} else {
			fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
			return 2;
		}
	}
	if ((rc = airs_model_new(&m, NULL))) {
		fprintf(stderr, "airs-inspect: %s\n", airs_strerror(rc));
		return 1;
	}
	/* Report up to 50 problems at once: fixing a file is easier with
	 * the whole list than one error per run. */
	opts.max_errors = 50;
	opts.on_diag = print_diag;
	if (airs_load_dir(m, dir, &opts, NULL) || airs_model_finish(m))
		goto out;

	printf("%s\n", dir);
	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		printf("  %-13s %zu\n", airs_entity_name(k), airs_model_count(m, k));

	n = airs_model_count(m, AIRS_ENTITY_UNIT);
	if (n && !(units = calloc(n, sizeof *units))) {
		fprintf(stderr, "airs-inspect: out of memory\n");
		goto out;
	}
	/* Units come back parents first, so one pass inherits targets. */
	for (i = 0; i < n; i++) {
		airs_unit_rec r = AIRS_UNIT_REC_INIT;
		airs_model_get_unit(m, i, &r);
		units[i].id = r.id;
		units[i].name = r.name;
		units[i].parent = (size_t)-1;
		if (r.parent_id)
			airs_model_find(m, AIRS_ENTITY_UNIT, r.parent_id,
			                &units[i].parent);
		units[i].target = r.target_level || units[i].parent == (size_t)-1
		                          ? r.target_level
		                          : units[units[i].parent].target;
	}
	for (e = 0; e < airs_model_count(m, AIRS_ENTITY_EMPLOYEE); e++) {
		airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
		airs_model_get_employee(m, e, &r);
		if (airs_model_find(m, AIRS_ENTITY_UNIT, r.unit_id, &i) == 0)
			units[i].own++;
	}
	/* ... and children after parents, so a backward pass sums subtrees. */
	for (i = n; i-- > 0;) {
		units[i].all += units[i].own;
		if (units[i].parent != (size_t)-1)
			units[units[i].parent].all += units[i].all;
	}
	printf("\nunit  name  people (with sub-units)  target\n");
	print_tree(units, n, (size_t)-1, 0);
	status = 0;
out:
	free(units);
	airs_model_free(m);
	return status;
}
