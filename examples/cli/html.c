#include "cli.h"
int report_html(struct cli *c, const char *dir) { (void)c; (void)dir; return 0; }
