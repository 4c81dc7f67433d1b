#include <stdio.h>
#include <airs/airs.h>

int main(int argc, char **argv)
{
    airs_model *m = NULL;
    airs_result *r = NULL;
    airs_diag err = AIRS_DIAG_INIT;
    airs_unit_score org = AIRS_UNIT_SCORE_INIT;
    char text[512];

    airs_model_new(&m, NULL);                       /* NULL: libc malloc */
    if (airs_load_dir(m, argc > 1 ? argv[1] : "examples/data/sample", NULL, &err) ||
        airs_model_finish(m) || airs_score(m, NULL, &r, &err)) {
        airs_diag_format(&err, text, sizeof text);  /* file:line:col: msg */
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
