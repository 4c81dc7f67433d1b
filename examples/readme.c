#include <stdio.h>
#include <airs/airs.h>

int main(int argc, char **argv)
{
    airs_model *m = NULL;
    airs_result *r = NULL;
    airs_diag err = AIRS_DIAG_INIT;
    airs_unit_score org = AIRS_UNIT_SCORE_INIT;
    char text[512];

    if (airs_model_new(&m, NULL) != AIRS_OK)        /* NULL: libc malloc */
        return fputs("airs: out of memory\n", stderr), 1;
    /* Calls that change the model keep their message on it ... */
    if (airs_load_dir(m, argc > 1 ? argv[1] : "examples/data/sample", NULL, NULL) ||
        airs_model_finish(m)) {
        fprintf(stderr, "airs: %s\n", airs_model_errmsg(m)); /* file:line:col: msg */
        airs_model_free(m);
        return 1;
    }
    /* ... calls that only read it write theirs into a diag. */
    if (airs_score(m, NULL, &r, &err) != AIRS_OK) {
        airs_diag_format(&err, text, sizeof text);
        fprintf(stderr, "airs: %s\n", text);
        airs_model_free(m);
        return 1;
    }
    airs_rollup_org(airs_result_rollup(r), &org);
    printf("%llu employees, mean readiness %.1f, %.0f%% below target\n",
           (unsigned long long)org.headcount, org.readiness_mean,
           100 * org.below_target_share);
    airs_result_free(r);                            /* any order: the */
    airs_model_free(m);                             /* result holds m */
    return 0;
}
